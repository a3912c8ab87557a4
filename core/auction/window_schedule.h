// WindowSchedule: where the QLock commit-reveal windows (SPEC 2.4) fall, counted in block heights,
// never in a clock. Windows are pipelined: their commit phases tile the heights from
// `first_height` on, window w committing during [first_height + w C, first_height + (w + 1) C);
// its reveal phase follows for R heights and its seal phase for S heights, after which it is
// closed. So at any height one window takes commits while earlier ones reveal or seal.
// Pure value and pure functions.
#pragma once

#include <cstdint>
#include <optional>

namespace mn::auction {

enum class WindowPhase : std::uint8_t {
  kNotOpen = 0,  // before the window's commit phase
  kCommit,
  kReveal,
  kSeal,
  kClosed,  // after the seal phase: the window can be settled
};

struct WindowSchedule {
  std::uint64_t first_height = 1;    // first height of window 0's commit phase
  std::uint64_t commit_heights = 2;  // C > 0
  std::uint64_t reveal_heights = 2;  // R > 0
  std::uint64_t seal_heights = 1;    // S > 0

  // Whether every phase is 1 .. 2^28 heights long and first_height <= 2^62, so the phase starts
  // of any window below 2^32 fit in u64.
  bool valid() const;

  // The window whose commit phase holds `height`; nullopt before first_height.
  std::optional<std::uint64_t> window_of(std::uint64_t height) const;
  // Window `window`'s phase at `height`, for any window (no overflow). REQUIRES: valid().
  WindowPhase phase(std::uint64_t window, std::uint64_t height) const;

  // First height of each phase of `window`, and the first height at which it is closed.
  // REQUIRES: valid(), window < 2^32 (no overflow).
  std::uint64_t commit_start(std::uint64_t window) const;
  std::uint64_t reveal_start(std::uint64_t window) const;
  std::uint64_t seal_start(std::uint64_t window) const;
  std::uint64_t close_height(std::uint64_t window) const;

  bool operator==(const WindowSchedule&) const = default;
};

const char* window_phase_name(WindowPhase phase);

}  // namespace mn::auction
