#include "sim/scenario/key_suggestion.h"

#include <algorithm>

namespace mn::sim {

namespace {

// Optimal string alignment distance: Levenshtein plus swaps of two neighbouring characters, the
// commonest slip ("topolgy").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string nearest_key(std::string_view key, const std::vector<std::string_view>& candidates) {
  // About a third of the key may be wrong, and never all of it ("c" is no slip of "a").
  const std::size_t limit =
      std::min(std::max<std::size_t>(1, key.size() / 3), key.empty() ? 0 : key.size() - 1);
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (const std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return std::string(best);
}

std::string unknown_key_message(std::string_view key,
                                const std::vector<std::string_view>& candidates) {
  const std::string nearest = nearest_key(key, candidates);
  if (nearest.empty()) return "unknown key";
  return "unknown key (did you mean \"" + nearest + "\"?)";
}

}  // namespace mn::sim
