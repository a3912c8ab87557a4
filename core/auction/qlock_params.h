// QLockParams: the consensus parameters of the QLock commit-reveal windows (SPEC 2.4). Every
// validator uses the same values. Plain value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/auction/window_schedule.h"

namespace mn::auction {

struct QLockParams {
  std::string chain_id = "metanode-devnet";
  WindowSchedule schedule;
  // Smallest bond a commit may carry (base units); forfeited if the commit is never revealed.
  std::uint64_t min_bond = 1'000;
  // Longest tx_core a reveal may carry.
  std::size_t max_tx_core_bytes = 4'096;
  // Commits one window accepts at most (bounds the book's memory per window).
  std::size_t max_commits_per_window = 100'000;

  bool valid() const { return schedule.valid() && min_bond > 0 && max_commits_per_window > 0; }

  bool operator==(const QLockParams&) const = default;
};

}  // namespace mn::auction
