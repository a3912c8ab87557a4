// equivocate and double_sign: the validator is a member of the run's Coalition
// (sim/adversary/coalition.h). As proposer it sends each honest half a different block, and it
// votes PREPARE and COMMIT for every proposal it sees, conflicting ones too, showing each vote only
// to the half that saw its block. The two names are one behaviour: colluders act as one, whichever
// of the two a scenario names.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/consensus/messages.h"
#include "sim/adversary/adversary.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class CoalitionAdversary final : public Adversary {
 public:
  static std::unique_ptr<Adversary> make(const AdversarySpec& spec);
  void on_outgoing(ByzantineReactor& node, runtime::NodeId to, const runtime::MessagePtr& message,
                   bool gossip) override;
  void on_incoming(ByzantineReactor& node, const runtime::MessagePtr& message) override;

 private:
  void equivocate(ByzantineReactor& node, const consensus::Proposal& proposal);
  void double_sign(ByzantineReactor& node, const consensus::Proposal& proposal);
  int half_of(const consensus::BlockPtr& block);
  // True if a vote must not reach `to`: it backs a block that `to`'s half was not shown.
  bool hidden_from(const ByzantineReactor& node, runtime::NodeId to,
                   const runtime::MessagePtr& message) const;

  // (height, round) pairs this node already equivocated in, and (height, block) pairs it
  // double-signed.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> m_equivocated;
  std::vector<std::pair<std::uint64_t, runtime::Hash32>> m_double_signed;
  std::map<runtime::Hash32, int> m_half_of_block;
};

}  // namespace mn::sim
