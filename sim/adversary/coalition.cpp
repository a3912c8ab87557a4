#include "sim/adversary/coalition.h"

#include <algorithm>
#include <numeric>

#include "sim/adversary/adversary_registry.h"

namespace mn::sim {

namespace {

// Above this many reduced stake units the exact search would cost too much memory and time; the
// greedy split is then within one (large) stake of the best.
constexpr std::uint64_t kMaxExactUnits = 4'000'000;

std::vector<std::size_t> greedy_split(const std::vector<std::uint64_t>& stakes) {
  std::vector<std::size_t> order(stakes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return stakes[a] > stakes[b]; });
  std::vector<std::size_t> part;
  std::uint64_t in = 0;
  std::uint64_t out = 0;
  for (const std::size_t i : order) {
    if (in <= out) {
      part.push_back(i);
      in += stakes[i];
    } else {
      out += stakes[i];
    }
  }
  std::sort(part.begin(), part.end());
  return part;
}

}  // namespace

std::vector<std::size_t> balanced_stake_split(const std::vector<std::uint64_t>& stakes) {
  std::uint64_t unit = 0;
  for (const std::uint64_t s : stakes) unit = std::gcd(unit, s);
  if (unit == 0) return {};
  std::uint64_t total = 0;
  for (const std::uint64_t s : stakes) total += s / unit;
  if (total > kMaxExactUnits) return greedy_split(stakes);
  // first[s]: the first stake (by index) that made the sum s reachable; -1 if none has.
  std::vector<std::int32_t> first(total + 1, -1);
  first[0] = static_cast<std::int32_t>(stakes.size());
  for (std::size_t i = 0; i < stakes.size(); ++i) {
    const std::uint64_t w = stakes[i] / unit;
    for (std::uint64_t s = total; s >= w && s > 0; --s) {
      if (first[s] < 0 && first[s - w] >= 0) first[s] = static_cast<std::int32_t>(i);
    }
  }
  std::uint64_t best = total / 2;
  while (first[best] < 0) --best;
  std::vector<std::size_t> part;
  for (std::uint64_t s = best; s > 0; s -= stakes[part.back()] / unit)
    part.push_back(static_cast<std::size_t>(first[s]));
  std::sort(part.begin(), part.end());
  return part;
}

bool Coalition::joins(AdversaryBehavior behavior) {
  return adversary_kind(behavior).joins_coalition;
}

Coalition::Coalition(const consensus::ValidatorSet& set, const std::vector<NodeId>& validator_nodes,
                     std::vector<NodeId> members)
    : m_members(std::move(members)) {
  std::sort(m_members.begin(), m_members.end());
  std::vector<NodeId> honest;
  std::vector<std::uint64_t> honest_stakes;
  std::uint64_t coalition_stake = 0;
  for (consensus::ValidatorIndex i = 0; i < validator_nodes.size(); ++i) {
    if (contains(validator_nodes[i])) {
      coalition_stake += set.at(i).stake;
    } else {
      honest.push_back(validator_nodes[i]);
      honest_stakes.push_back(set.at(i).stake);
    }
  }
  const std::vector<std::size_t> part = balanced_stake_split(honest_stakes);
  std::array<std::uint64_t, 2> stake{0, 0};
  for (std::size_t i = 0, p = 0; i < honest.size(); ++i) {
    const int side = p < part.size() && part[p] == i ? 0 : 1;
    if (side == 0) ++p;
    m_halves.at(side).push_back(honest[i]);
    stake.at(side) += honest_stakes[i];
  }
  for (auto& h : m_halves) std::sort(h.begin(), h.end());
  m_can_split = !m_members.empty() && set.is_quorum(stake[0] + coalition_stake) &&
                set.is_quorum(stake[1] + coalition_stake);
}

bool Coalition::contains(NodeId node) const {
  return std::binary_search(m_members.begin(), m_members.end(), node);
}

}  // namespace mn::sim
