#include "core/auction/window_schedule.h"

#include "core/runtime/types.h"

namespace mn::auction {

namespace {
// Largest phase length and first height valid() accepts: keeps close_height(2^32) below 2^64.
constexpr std::uint64_t kMaxPhaseHeights = std::uint64_t{1} << 28;
constexpr std::uint64_t kMaxFirstHeight = std::uint64_t{1} << 62;
}  // namespace

bool WindowSchedule::valid() const {
  const auto in_range = [](std::uint64_t n) { return n > 0 && n <= kMaxPhaseHeights; };
  return in_range(commit_heights) && in_range(reveal_heights) && in_range(seal_heights) &&
         first_height <= kMaxFirstHeight;
}

std::optional<std::uint64_t> WindowSchedule::window_of(std::uint64_t height) const {
  if (height < first_height) return std::nullopt;
  return (height - first_height) / commit_heights;
}

std::uint64_t WindowSchedule::commit_start(std::uint64_t window) const {
  return first_height + window * commit_heights;
}

std::uint64_t WindowSchedule::reveal_start(std::uint64_t window) const {
  return commit_start(window) + commit_heights;
}

std::uint64_t WindowSchedule::seal_start(std::uint64_t window) const {
  return reveal_start(window) + reveal_heights;
}

std::uint64_t WindowSchedule::close_height(std::uint64_t window) const {
  return seal_start(window) + seal_heights;
}

WindowPhase WindowSchedule::phase(std::uint64_t window, std::uint64_t height) const {
  // In 128 bits, so that any u64 window (from an untrusted transaction) is safe.
  const runtime::Uint128 commit =
      runtime::Uint128{first_height} + runtime::Uint128{window} * runtime::Uint128{commit_heights};
  const runtime::Uint128 reveal = commit + commit_heights;
  const runtime::Uint128 seal = reveal + reveal_heights;
  const runtime::Uint128 close = seal + seal_heights;
  if (height < commit) return WindowPhase::kNotOpen;
  if (height < reveal) return WindowPhase::kCommit;
  if (height < seal) return WindowPhase::kReveal;
  if (height < close) return WindowPhase::kSeal;
  return WindowPhase::kClosed;
}

const char* window_phase_name(WindowPhase phase) {
  switch (phase) {
    case WindowPhase::kNotOpen:
      return "not_open";
    case WindowPhase::kCommit:
      return "commit";
    case WindowPhase::kReveal:
      return "reveal";
    case WindowPhase::kSeal:
      return "seal";
    case WindowPhase::kClosed:
      return "closed";
  }
  return "unknown";
}

}  // namespace mn::auction
