// What the simulator's event queue and a busy node's inbox carry. A wake travels whole; a delivery
// names its message's slot (MessageSlots), and a timer or an action, which can be cancelled or
// holds a callable, its body's slot. Plain data: 16 bytes, copied as bytes wherever it moves.
#pragma once

#include <cstdint>
#include <type_traits>

#include "core/runtime/types.h"

namespace mn::sim {

// kWake: a node's CPU is free again and its inbox has work (internal; not fingerprinted).
enum class EventKind : std::uint8_t { kDeliver, kTimer, kAction, kWake };

struct QueuedEvent {
  EventKind kind = EventKind::kAction;
  bool gossip = false;                      // a delivery by the gossip overlay
  runtime::NodeId node = runtime::kNoNode;  // where it runs (not for actions)
  runtime::NodeId from = runtime::kNoNode;  // a delivery's sender
  std::uint32_t slot = 0;                   // a delivery's message, a timer's or action's body
};
static_assert(std::is_trivially_copyable_v<QueuedEvent> && sizeof(QueuedEvent) == 16);

}  // namespace mn::sim
