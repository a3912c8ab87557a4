// "Did you mean …?" for an unknown key: the valid key nearest to a misspelt one, so a scenario or
// sweep error names the fix as well as the fault.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mn::sim {

// The candidate closest to `key` by edit distance (insertions, deletions, substitutions and
// swaps of neighbours), if within about a third of its length (at least 1, never all of it); the
// first such candidate on a tie; empty if none is close.
std::string nearest_key(std::string_view key, const std::vector<std::string_view>& candidates);

// "unknown key", plus " (did you mean \"K\"?)" when a candidate is close.
std::string unknown_key_message(std::string_view key,
                                const std::vector<std::string_view>& candidates);

}  // namespace mn::sim
