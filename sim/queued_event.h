// What the simulator's event queue and a busy node's inbox carry. A delivery or a wake travels
// whole, so the simulator reads it where the queue drains, in order; a timer or an action, which
// can be cancelled or holds a callable, keeps its body in a slot the event names.
#pragma once

#include <cstdint>

#include "core/runtime/message.h"
#include "core/runtime/types.h"

namespace mn::sim {

// kWake: a node's CPU is free again and its inbox has work (internal; not fingerprinted).
enum class EventKind : std::uint8_t { kDeliver, kTimer, kAction, kWake };

struct QueuedEvent {
  EventKind kind = EventKind::kAction;
  bool gossip = false;                      // a delivery by the gossip overlay
  runtime::NodeId node = runtime::kNoNode;  // where it runs (not for actions)
  runtime::NodeId from = runtime::kNoNode;  // a delivery's sender
  std::uint32_t slot = 0;                   // a timer's or action's body
  runtime::MessagePtr message;              // a delivery's
};

}  // namespace mn::sim
