// The unit that crosses the seam between a state machine and its network. A Message is immutable
// once made and shared by pointer, so 10,000 simulated nodes holding one block hold one copy.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/runtime/types.h"

namespace mn::runtime {

// Protocol tag of a message; each protocol owns a range (see message_kind.h in its folder).
using MessageKind = std::uint16_t;

class Message {
 public:
  Message(MessageKind kind, Bytes payload) : kind(kind), payload(std::move(payload)) {}

  const MessageKind kind;
  const Bytes payload;

  // BLAKE2b-256 over (kind, payload): the identity gossip de-duplicates on and the fingerprint
  // records. Computed on first ask (from any thread, once) and kept: a message nobody sends or
  // looks up by id, such as the finalized block every validator builds but only the proposer
  // announces, is never hashed.
  const Hash32& id() const {
    if (m_id_state.load(std::memory_order_acquire) != kIdReady) compute_id();
    return m_id;
  }

  // Bytes on the wire: payload plus the fixed frame header every transport adds.
  std::size_t wire_size() const { return payload.size() + kWireHeaderBytes; }
  static constexpr std::size_t kWireHeaderBytes = 40;

 private:
  static constexpr std::uint8_t kIdAbsent = 0;
  static constexpr std::uint8_t kIdComputing = 1;
  static constexpr std::uint8_t kIdReady = 2;
  void compute_id() const;

  mutable std::atomic<std::uint8_t> m_id_state{kIdAbsent};
  mutable Hash32 m_id{};
};

using MessagePtr = std::shared_ptr<const Message>;

MessagePtr make_message(MessageKind kind, Bytes payload);

}  // namespace mn::runtime
