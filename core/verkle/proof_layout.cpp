#include "core/verkle/proof_layout.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::verkle {

namespace {

runtime::Status invalid(const char* what) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, what);
}

// A prefix as (bytes zero-padded to 32, length): ordering these pairs is ordering the prefixes
// lexicographically (a prefix sorts before its extensions).
using PrefixKey = std::pair<runtime::Hash32, std::uint8_t>;

PrefixKey prefix_of(const runtime::Hash32& key, std::size_t length) {
  PrefixKey prefix{};
  std::copy_n(key.begin(), length, prefix.first.begin());
  prefix.second = static_cast<std::uint8_t>(length);
  return prefix;
}

}  // namespace

runtime::Result<ProofLayout> ProofLayout::build(std::span<const runtime::Hash32> keys,
                                                std::span<const std::uint8_t> depths) {
  if (depths.size() != keys.size()) return invalid("tree proof: one depth per key");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (depths[i] < 1 || depths[i] > kMaxDepth) return invalid("tree proof: depth out of range");
    MN_ASSERT(i == 0 || keys[i - 1] < keys[i]);
  }
  // Inner-node prefixes in ascending order; the empty root prefix sorts first.
  std::map<PrefixKey, std::uint32_t> index;
  index.emplace(PrefixKey{}, 0);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (std::size_t j = 1; j < depths[i]; ++j) index.emplace(prefix_of(keys[i], j), 0);
  }
  ProofLayout layout;
  layout.prefixes.reserve(index.size());
  for (auto& [prefix, position] : index) {
    position = static_cast<std::uint32_t>(layout.prefixes.size());
    layout.prefixes.emplace_back(prefix.first.begin(), prefix.first.begin() + prefix.second);
  }

  std::map<std::pair<std::uint32_t, std::uint8_t>, Opening> openings;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (std::size_t j = 0; j < depths[i]; ++j) {
      Opening opening;
      opening.node = index.at(prefix_of(keys[i], j));
      opening.slot = keys[i][j];
      opening.is_leaf = j + 1 == depths[i];
      opening.child =
          opening.is_leaf ? static_cast<std::uint32_t>(i) : index.at(prefix_of(keys[i], j + 1));
      const auto [it, inserted] = openings.emplace(std::pair(opening.node, opening.slot), opening);
      if (!inserted &&
          (it->second.is_leaf != opening.is_leaf || it->second.child != opening.child)) {
        return invalid("tree proof: two paths disagree about one slot");
      }
    }
  }
  layout.openings.reserve(openings.size());
  for (const auto& [position, opening] : openings) layout.openings.push_back(opening);
  return layout;
}

}  // namespace mn::verkle
