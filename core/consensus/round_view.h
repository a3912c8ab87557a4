// What a validator's engine holds for the round it is in: the height and round, the round's
// proposer, whether its proposal arrived, and from which validators it holds a PREPARE, a COMMIT
// and a ROUND-CHANGE. Diagnostics read it to explain a stalled height (whose votes are missing);
// consensus never does.
#pragma once

#include <cstdint>
#include <vector>

#include "core/consensus/validator_set.h"

namespace mn::consensus {

struct RoundView {
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  ValidatorIndex proposer = 0;
  bool has_proposal = false;
  // By validator index of the current set.
  std::vector<bool> prepare_from;
  std::vector<bool> commit_from;
  std::vector<bool> round_change_from;
};

}  // namespace mn::consensus
