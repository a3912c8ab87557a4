// The unit that crosses the seam between a state machine and its network. A Message is immutable
// once made and shared by pointer, so 10,000 simulated nodes holding one block hold one copy.
#pragma once

#include <cstdint>
#include <memory>

#include "core/runtime/types.h"

namespace mn::runtime {

// Protocol tag of a message; each protocol owns a range (see message_kind.h in its folder).
using MessageKind = std::uint16_t;

struct Message {
  MessageKind kind = 0;
  Bytes payload;
  // BLAKE2b-256 over (kind, payload): the identity gossip de-duplicates on and the fingerprint
  // records. Set by make_message; never recomputed.
  Hash32 id{};

  // Bytes on the wire: payload plus the fixed frame header every transport adds.
  std::size_t wire_size() const { return payload.size() + kWireHeaderBytes; }
  static constexpr std::size_t kWireHeaderBytes = 40;
};

using MessagePtr = std::shared_ptr<const Message>;

MessagePtr make_message(MessageKind kind, Bytes payload);

}  // namespace mn::runtime
