// censor_poe: as proposer, the validator leaves every PoE out of its blocks (and with each its
// sender's later transactions, whose nonces follow it), re-executing and re-signing the block; it
// acknowledges PoEs as usual.
#pragma once

#include "sim/adversary/adversary.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class CensorPoeAdversary final : public Adversary {
 public:
  static std::unique_ptr<Adversary> make(const AdversarySpec& spec);
  void on_outgoing(ByzantineReactor& node, runtime::NodeId to, const runtime::MessagePtr& message,
                   bool gossip) override;

 private:
  // `message` (a proposal) with every PoE left out of a block of its own, re-executed and
  // re-signed; the message itself if it is a re-proposal or carries no PoE.
  runtime::MessagePtr censored_copy(ByzantineReactor& node, const runtime::MessagePtr& message);

  // The last proposal censored_copy saw, and what it made of it.
  runtime::MessagePtr m_censored_source;
  runtime::MessagePtr m_censored;
};

}  // namespace mn::sim
