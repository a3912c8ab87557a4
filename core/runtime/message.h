// The unit that crosses the seam between a state machine and its network. A Message is immutable
// once made and shared by pointer, so 10,000 simulated nodes holding one block hold one copy.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/runtime/assert.h"
#include "core/runtime/result.h"
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

  // The payload as `decode` (a pure function of the payload returning a Result whose value a T is
  // made from) reads it, decoded on first success and kept with the message, so every receiver of
  // a broadcast shares one decoding: in the simulator a thousand validators each decoded every
  // vote, a tenth of a 1,000-validator run. A failure is not kept (each caller gets its own). Valid
  // while the message lives; safe from any thread. REQUIRES: a message is always decoded as one
  // type (its kind's).
  template <typename T, typename Decode>
  Result<const T*> decoded(Decode&& decode) const {
    if (m_decoded_state.load(std::memory_order_acquire) != kDecodedReady) {
      if (Status status = decode_once<T>(decode); !status.is_ok()) return status;
    }
    MN_ASSERT_MSG(m_decoded_type == &kTypeTag<T>, "a message is decoded as one type only");
    return static_cast<const T*>(m_decoded.get());
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

  // One address per decoded type, telling them apart without run-time type information.
  template <typename T>
  static constexpr char kTypeTag = 0;
  static constexpr std::uint8_t kDecodedAbsent = 0;
  static constexpr std::uint8_t kDecoding = 1;
  static constexpr std::uint8_t kDecodedReady = 2;

  template <typename T, typename Decode>
  Status decode_once(Decode& decode) const {
    std::uint8_t expected = kDecodedAbsent;
    while (!m_decoded_state.compare_exchange_weak(expected, kDecoding, std::memory_order_acquire)) {
      if (expected == kDecodedReady) return Status::ok();
      expected = kDecodedAbsent;  // another thread is decoding, or failed: wait, or try again
    }
    auto result = decode(ByteView(payload));
    if (!result) {
      m_decoded_state.store(kDecodedAbsent, std::memory_order_release);
      return result.status();
    }
    m_decoded = std::make_shared<const T>(std::move(result).value());
    m_decoded_type = &kTypeTag<T>;
    m_decoded_state.store(kDecodedReady, std::memory_order_release);
    return Status::ok();
  }

  mutable std::atomic<std::uint8_t> m_decoded_state{kDecodedAbsent};
  mutable std::shared_ptr<const void> m_decoded;
  mutable const char* m_decoded_type = nullptr;
};

using MessagePtr = std::shared_ptr<const Message>;

MessagePtr make_message(MessageKind kind, Bytes payload);

}  // namespace mn::runtime
