// The colluding adversaries of a run: every validator whose behaviour is equivocate or
// double_sign. They act as one (SPEC §3): when any member proposes, it shows each of two honest
// halves a different block, and every member votes for both blocks, each vote shown only to the
// half that saw its block. The halves split the honest validators by stake so that each half,
// with the coalition, holds a quorum whenever any split can, which is exactly when the coalition
// holds more than a third of the stake. With a third or less no split can, and safety holds.
//
// Built once per run from the genesis set; immutable afterwards and shared by every member.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/consensus/validator_set.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class Coalition {
 public:
  // `validator_nodes[i]` is the node of validator i of `set`; `members` the coalition's nodes.
  Coalition(const consensus::ValidatorSet& set, const std::vector<NodeId>& validator_nodes,
            std::vector<NodeId> members);

  // True for the behaviours that join the coalition.
  static bool joins(AdversaryBehavior behavior);

  bool contains(NodeId node) const;
  // The honest validators shown block-half `half` (0 or 1) of an equivocation, by node id.
  const std::vector<NodeId>& half(int half) const { return m_halves.at(half); }
  // True if each half, with the coalition, holds a quorum: the coalition can break safety.
  bool can_split() const { return m_can_split; }

 private:
  std::vector<NodeId> m_members;  // sorted
  std::array<std::vector<NodeId>, 2> m_halves;
  bool m_can_split = false;
};

// Splits `stakes` into two parts whose smaller sum is as large as possible: exactly (a subset-sum
// search) when the stakes, divided by their common factor, are small enough, else by assigning
// each stake, largest first, to the lighter part. Returns the indices of one part.
std::vector<std::size_t> balanced_stake_split(const std::vector<std::uint64_t>& stakes);

}  // namespace mn::sim
