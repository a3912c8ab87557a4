// invalid_proposal: as proposer, the validator replaces each of its proposals with a block whose
// payload does not decode (so the block is invalid on its own and a vote for it is provable), and
// votes for that block instead of the one it replaced.
#pragma once

#include <set>

#include "core/consensus/messages.h"
#include "sim/adversary/adversary.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class InvalidProposalAdversary final : public Adversary {
 public:
  static std::unique_ptr<Adversary> make(const AdversarySpec& spec);
  void on_outgoing(ByzantineReactor& node, runtime::NodeId to, const runtime::MessagePtr& message,
                   bool gossip) override;

 private:
  // Sends `to` a copy of `proposal` whose payload is invalid on its own, and its PREPARE for it.
  void send_invalid_copy(ByzantineReactor& node, runtime::NodeId to,
                         const consensus::Proposal& proposal, bool gossip);

  // Blocks of its own it replaced: its votes for them are dropped.
  std::set<runtime::Hash32> m_replaced_blocks;
};

}  // namespace mn::sim
