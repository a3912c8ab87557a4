// censor_poe: as proposer, the validator leaves every PoE out of its blocks (and with each its
// sender's later transactions, whose nonces follow it), re-executing the block with its node's own
// application through the engine's ProposalRewriter hook and re-signing it; it acknowledges PoEs
// as usual.
#pragma once

#include <optional>
#include <utility>

#include "core/consensus/messages.h"
#include "sim/adversary/adversary.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class CensorPoeAdversary final : public Adversary {
 public:
  static std::unique_ptr<Adversary> make(const AdversarySpec& spec);
  std::optional<consensus::Proposal> rewrite_proposal(ByzantineReactor& node,
                                                      const consensus::Proposal& proposal,
                                                      consensus::Application& app) override;

 private:
  // `proposal` with every PoE left out of a block of its own, re-executed and re-signed; nullopt
  // if it is a re-proposal or carries no PoE.
  static std::optional<consensus::Proposal> censored_copy(ByzantineReactor& node,
                                                          const consensus::Proposal& proposal,
                                                          consensus::Application& app);

  // The last proposal (block and round) censored_copy saw, and what it made of it: a proposal is
  // re-executed once, however often it is sent.
  std::optional<std::pair<runtime::Hash32, std::uint32_t>> m_censored_source;
  std::optional<consensus::Proposal> m_censored;
};

}  // namespace mn::sim
