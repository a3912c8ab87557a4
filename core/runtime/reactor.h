// A node's state machine as its driver sees it: a plain object fed events one at a time, reacting
// only through the Env it was built with. Drivers (the simulator, the node binary) never call a
// reactor re-entrantly, and never from two threads.
#pragma once

#include <cstdint>

#include "core/runtime/message.h"
#include "core/runtime/types.h"

namespace mn::runtime {

using TimerId = std::uint64_t;

class Reactor {
 public:
  virtual ~Reactor() = default;
  // Called once when the node starts or restarts (after a crash, with only its synced storage).
  virtual void on_start() = 0;
  // A message from `from`, direct or gossiped. `from` is the peer the bytes arrived from (for a
  // gossiped message, the relaying neighbour), never a claim about authorship: authorship is
  // established by signatures inside the payload.
  virtual void on_message(NodeId from, const MessagePtr& message) = 0;
  // A timer set through Env::set_timer fired; `tag` is the value given when it was set.
  virtual void on_timer(TimerId id, std::uint64_t tag) = 0;
};

}  // namespace mn::runtime
