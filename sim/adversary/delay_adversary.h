// delay: the validator holds every message it sends back by params.delay_ms of its own clock, on a
// timer of its node's Env. What it still holds when the node crashes is lost with the process.
#pragma once

#include <map>

#include "sim/adversary/adversary.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class DelayAdversary final : public Adversary {
 public:
  // The tag of its timers (the engine's are 0xC0'00xx).
  static constexpr std::uint64_t kReleaseTimerTag = 0xAD'0001;

  explicit DelayAdversary(runtime::TimeNs delay) : m_delay(delay) {}
  static std::unique_ptr<Adversary> make(const AdversarySpec& spec);
  void on_outgoing(ByzantineReactor& node, runtime::NodeId to, const runtime::MessagePtr& message,
                   bool gossip) override;
  bool on_timer(ByzantineReactor& node, runtime::TimerId id, std::uint64_t tag) override;

 private:
  struct Held {
    runtime::NodeId to = runtime::kNoNode;
    runtime::MessagePtr message;
    bool gossip = false;
  };

  runtime::TimeNs m_delay;
  std::map<runtime::TimerId, Held> m_held;  // by the timer that releases it
};

}  // namespace mn::sim
