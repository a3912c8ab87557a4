// IbftEngine::round_view: kept apart from the protocol in ibft_engine.cpp because only
// diagnostics call it.
#include "core/consensus/ibft_engine.h"

namespace mn::consensus {

RoundView IbftEngine::round_view() const {
  const std::size_t n = m_set.size();
  RoundView view;
  view.height = m_height;
  view.round = m_round;
  view.proposer = proposer(m_height, m_round);
  view.prepare_from.assign(n, false);
  view.commit_from.assign(n, false);
  view.round_change_from.assign(n, false);
  const auto it = m_rounds.find(m_round);
  if (it == m_rounds.end()) return view;
  const RoundState& state = it->second;
  view.has_proposal = state.proposal != nullptr;
  const auto held = [n](const StepVotes& votes, std::vector<bool>& out) {
    for (std::size_t v = 0; v < n; ++v)
      out[v] = votes.first_vote(static_cast<ValidatorIndex>(v)) != nullptr;
  };
  held(state.prepares, view.prepare_from);
  held(state.commits, view.commit_from);
  for (const auto& [validator, change] : state.round_changes) {
    if (validator < n) view.round_change_from[validator] = true;
  }
  return view;
}

}  // namespace mn::consensus
