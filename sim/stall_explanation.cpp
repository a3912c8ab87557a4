#include "sim/stall_explanation.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "sim/adversary/adversary_registry.h"

namespace mn::sim {

namespace {

using consensus::RoundView;
using consensus::ValidatorIndex;

// Lists of more validators than this are given as a count: 100 names help nobody.
constexpr std::size_t kNamedValidators = 12;

struct Snapshot {
  const Simulator& sim;
  const Scenario& scenario;
  const consensus::ValidatorSet& set;
  const std::vector<NodeId>& nodes;             // by validator index
  std::vector<std::optional<RoundView>> views;  // by validator index: live honest ones only
  TimeNs now = 0;
  std::vector<ValidatorIndex> by_node;  // validator indices in node order (v0, v1, ...)

  std::string name(ValidatorIndex v) const { return node_name(scenario, nodes[v]); }
};

const AdversarySpec* active_adversary(const Snapshot& s, NodeId node) {
  for (const AdversarySpec& a : s.scenario.adversaries) {
    if (std::find(a.nodes.begin(), a.nodes.end(), node) == a.nodes.end()) continue;
    if (a.from <= s.now && (!a.until || s.now < *a.until)) return &a;
  }
  return nullptr;
}

// The validators flagged in `from`, by name (or counted), with their share of the stake.
std::string who(const Snapshot& s, const std::vector<bool>& from) {
  std::vector<std::string> names;
  std::uint64_t stake = 0;
  for (const ValidatorIndex v : s.by_node) {
    if (!from[v]) continue;
    names.push_back(s.name(v));
    stake += s.set.at(v).stake;
  }
  if (names.empty()) return "none";
  std::string list;
  if (names.size() > kNamedValidators) {
    list = fmt::format("{} validators", names.size());
  } else {
    for (const auto& n : names) list += (list.empty() ? "" : " ") + n;
  }
  return fmt::format("{} ({} of {} stake{})", list, stake, s.set.total_stake(),
                     s.set.is_quorum(stake) ? ", a quorum" : "");
}

// The round most live honest validators at `height` are in.
std::uint32_t common_round(const Snapshot& s, std::uint64_t height) {
  std::map<std::uint32_t, std::size_t> count;
  for (const auto& v : s.views) {
    if (v && v->height == height) ++count[v->round];
  }
  return std::max_element(count.begin(), count.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

// The largest group of live honest validators that can all reach each other (one partition
// side), as flags by validator index.
std::vector<bool> largest_connected_group(const Snapshot& s) {
  std::vector<bool> best(s.views.size(), false);
  std::uint64_t best_stake = 0;
  for (ValidatorIndex rep = 0; rep < s.views.size(); ++rep) {
    if (!s.views[rep]) continue;
    std::vector<bool> group(s.views.size(), false);
    std::uint64_t stake = 0;
    for (ValidatorIndex v = 0; v < s.views.size(); ++v) {
      if (!s.views[v] || s.sim.network().partitioned(s.nodes[rep], s.nodes[v])) continue;
      group[v] = true;
      stake += s.set.at(v).stake;
    }
    if (stake > best_stake) {
      best_stake = stake;
      best = group;
    }
  }
  return best;
}

std::string reason(const Snapshot& s, ValidatorIndex v, std::uint64_t height, std::uint32_t round,
                   const std::vector<bool>& group) {
  const NodeId node = s.nodes[v];
  if (const AdversarySpec* a = active_adversary(s, node))
    return fmt::format("Byzantine ({}, {})", adversary_kind(a->behavior).name, a->json_path);
  if (!s.sim.alive(node)) return "crashed";
  if (!s.views[v]) return "not run by honest code";
  if (!group[v]) return "partitioned from the largest connected group";
  const RoundView& view = *s.views[v];
  if (view.height > height) return fmt::format("already at height {}", view.height);
  if (view.round != round) return fmt::format("in round {}", view.round);
  return "live, honest and connected: its messages were lost or are late";
}

// The proposer's name, with what keeps it from proposing if something does.
std::string proposer(const Snapshot& s, ValidatorIndex v) {
  const NodeId node = s.nodes[v];
  if (const AdversarySpec* a = active_adversary(s, node))
    return fmt::format("{} (Byzantine: {})", s.name(v), adversary_kind(a->behavior).name);
  if (!s.sim.alive(node)) return s.name(v) + " (crashed)";
  return s.name(v);
}

void describe_validators(const Snapshot& s, std::uint64_t height, StallExplanation& out) {
  for (const ValidatorIndex v : s.by_node) {
    if (!s.views[v]) continue;
    const RoundView& view = *s.views[v];
    if (view.height != height) {
      out.lines.push_back(fmt::format("{}: at height {}", s.name(v), view.height));
      continue;
    }
    out.lines.push_back(fmt::format(
        "{}: round {}, proposer {}, proposal {}; PREPARE from {}; COMMIT from {}; ROUND-CHANGE "
        "from {}",
        s.name(v), view.round, proposer(s, view.proposer), view.has_proposal ? "held" : "missing",
        who(s, view.prepare_from), who(s, view.commit_from), who(s, view.round_change_from)));
  }
}

// Every validator whose PREPARE no live honest validator in the common round holds, with why.
void describe_missing(const Snapshot& s, std::uint64_t height, std::uint32_t round,
                      const std::vector<bool>& group, StallExplanation& out) {
  std::vector<bool> heard(s.views.size(), false);
  for (const auto& view : s.views) {
    if (!view || view->height != height || view->round != round) continue;
    for (ValidatorIndex v = 0; v < heard.size(); ++v)
      heard[v] =
          heard[v] || view->prepare_from[v] || view->commit_from[v] || view->round_change_from[v];
  }
  std::size_t listed = 0;
  for (const ValidatorIndex v : s.by_node) {
    if (heard[v]) continue;
    if (listed++ == kNamedValidators) {
      out.lines.push_back("silent to round " + std::to_string(round) + ": more not listed");
      break;
    }
    out.lines.push_back(fmt::format("silent to round {}: {} (stake {}): {}", round, s.name(v),
                                    s.set.at(v).stake, reason(s, v, height, round, group)));
  }
}

}  // namespace

StallExplanation explain_stall(const Simulator& sim, const Scenario& scenario,
                               const consensus::ValidatorSet& set,
                               const std::vector<NodeId>& validator_nodes,
                               const std::vector<const consensus::ChainReactor*>& reactors,
                               const std::string& when) {
  Snapshot s{sim, scenario, set, validator_nodes, {}, sim.now(), {}};
  s.views.resize(set.size());
  for (ValidatorIndex v = 0; v < set.size(); ++v) s.by_node.push_back(v);
  std::sort(s.by_node.begin(), s.by_node.end(),
            [&validator_nodes](auto a, auto b) { return validator_nodes[a] < validator_nodes[b]; });
  for (ValidatorIndex v = 0; v < set.size(); ++v) {
    const NodeId node = validator_nodes[v];
    if (node < reactors.size() && reactors[node] != nullptr && sim.alive(node))
      s.views[v] = reactors[node]->engine().round_view();
  }
  StallExplanation out;
  out.when = when;
  std::optional<std::uint64_t> height;
  for (const auto& view : s.views) {
    if (view) height = std::min(height.value_or(view->height), view->height);
  }
  if (!height) {
    out.lines.push_back("no honest validator is live: nothing can decide a height");
    return out;
  }
  const std::uint32_t round = common_round(s, *height);
  out.lines.push_back(fmt::format(
      "height {} is the lowest a live honest validator is deciding; most of them are in round {}",
      *height, round));
  describe_validators(s, *height, out);
  const std::vector<bool> group = largest_connected_group(s);
  describe_missing(s, *height, round, group, out);
  std::uint64_t reachable = 0;
  for (ValidatorIndex v = 0; v < group.size(); ++v) reachable += group[v] ? set.at(v).stake : 0;
  out.lines.push_back(fmt::format(
      "quorum reachable: {} — the largest group of live honest validators that can reach each "
      "other holds {} of {} stake; a quorum needs more than two thirds",
      set.is_quorum(reachable) ? "yes" : "no", reachable, set.total_stake()));
  return out;
}

}  // namespace mn::sim
