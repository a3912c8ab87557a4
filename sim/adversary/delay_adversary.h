// delay: the validator holds every message it sends back by params.delay_ms.
#pragma once

#include "sim/adversary/adversary.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class DelayAdversary final : public Adversary {
 public:
  explicit DelayAdversary(runtime::TimeNs delay) : m_delay(delay) {}
  static std::unique_ptr<Adversary> make(const AdversarySpec& spec);
  void on_outgoing(ByzantineReactor& node, runtime::NodeId to, const runtime::MessagePtr& message,
                   bool gossip) override;

 private:
  runtime::TimeNs m_delay;
};

}  // namespace mn::sim
