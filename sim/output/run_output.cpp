#include "sim/output/run_output.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "sim/oracles/chain_progress_oracle.h"
#include "sim/oracles/economics_recorder.h"
#include "sim/oracles/finality_oracle.h"
#include "sim/oracles/inclusion_oracle.h"
#include "sim/oracles/pool_oracle.h"
#include "sim/output/auction_output.h"
#include "sim/output/h5_file.h"
#include "sim/output/h5_sections.h"
#include "sim/output/reproduce_command.h"

namespace mn::sim {

namespace {

double to_ms(TimeNs ns) {
  return static_cast<double>(ns) / 1e6;
}

runtime::Status write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    return runtime::Status(runtime::ErrorCode::kIoError, "cannot write " + path.string());
  }
  return runtime::Status::ok();
}

// The network counters summed over every node (timers, crashes and CPU time are left out).
NodeCounters network_totals(const std::vector<NodeCounters>& nodes) {
  NodeCounters total;
  for (const auto& n : nodes) {
    total.messages_sent += n.messages_sent;
    total.bytes_sent += n.bytes_sent;
    total.messages_received += n.messages_received;
    total.gossip_duplicates += n.gossip_duplicates;
    total.dropped_loss += n.dropped_loss;
    total.dropped_partition += n.dropped_partition;
    total.dropped_down += n.dropped_down;
    total.duplicated += n.duplicated;
    total.reordered += n.reordered;
  }
  return total;
}

}  // namespace

std::string reproduce_command(const RunReport& report) {
  return reproduce_command(report.scenario_path.empty() ? "SCENARIO" : report.scenario_path,
                           report.seed);
}

nlohmann::json summary_json(const RunReport& report) {
  nlohmann::json j;
  j["scenario"] = report.scenario_name;
  j["scenario_path"] = report.scenario_path;
  j["seed"] = report.seed;
  j["fingerprint"] = report.fingerprint;
  j["verdict"] = report.passed() ? "pass" : "fail";
  j["crypto"] = report.crypto;
  j["nodes"] = report.node_count;
  j["validators"] = report.validator_count;
  j["simulated_s"] = static_cast<double>(report.simulated) / 1e9;
  j["events"] = report.events;
  j["reproduce"] = reproduce_command(report);
  nlohmann::json expectations = nlohmann::json::array();
  for (const auto& v : report.verdicts) {
    expectations.push_back({{"path", v.path},
                            {"statement", v.statement},
                            {"passed", v.passed},
                            {"observed", v.observed}});
  }
  j["expectations"] = expectations;

  const NodeCounters total = network_totals(report.nodes);
  const PropagationStats& p = report.propagation;
  if (report.consensus) {
    nlohmann::json violations = nlohmann::json::array();
    for (const auto& v : report.violations) {
      // Named as the scenario and the console name them ("v3"), not by internal id.
      nlohmann::json nodes = nlohmann::json::array();
      for (const NodeId n : v.nodes) nodes.push_back(node_name(report.validator_count, n));
      violations.push_back({{"oracle", v.oracle},
                            {"time_s", static_cast<double>(v.time) / 1e9},
                            {"nodes", nodes},
                            {"height", v.height},
                            {"detail", v.detail}});
    }
    j["violations"] = violations;
    nlohmann::json stalls = nlohmann::json::array();
    for (const auto& stall : report.stalls)
      stalls.push_back({{"when", stall.when}, {"lines", stall.lines}});
    j["stalls"] = stalls;
    j["consensus"] = {{"height", report.height},
                      {"agreement_violations", report.agreement_violations},
                      {"transfers_submitted", report.transfers.submitted},
                      {"transfers_committed", report.transfers.committed},
                      {"transfers_resent", report.transfers.resent},
                      {"transactions_cancelled", report.transfers.cancelled},
                      {"oldest_pending_ms", to_ms(report.transfers.oldest_pending)},
                      {"finality_ms",
                       {{"p50", to_ms(report.transfers.finality_p50)},
                        {"p99", to_ms(report.transfers.finality_p99)}}}};
  }
  j["metrics"] = {
      {"broadcasts", p.broadcasts},
      {"deliveries", p.deliveries},
      {"coverage", p.coverage},
      {"delay_ms",
       {{"p50", to_ms(p.delay_p50)},
        {"p90", to_ms(p.delay_p90)},
        {"p99", to_ms(p.delay_p99)},
        {"max", to_ms(p.delay_max)}}},
      {"messages_sent", total.messages_sent},
      {"bytes_sent", total.bytes_sent},
      {"messages_received", total.messages_received},
      {"gossip_duplicates", total.gossip_duplicates},
      {"dropped_loss", total.dropped_loss},
      {"dropped_partition", total.dropped_partition},
      {"dropped_down", total.dropped_down},
      {"duplicated", total.duplicated},
      {"reordered", total.reordered},
      {"topology_components", report.topology_components},
      {"topology_edges", report.topology_edges},
  };
  if (report.consensus && !report.economics.empty()) {
    EconomicsRecorder::write_summary(report, j["metrics"]);
    InclusionOracle::write_summary(report, j["metrics"]);
    PoolOracle::write_summary(report, j["metrics"]);
    if (has_auction_activity(report)) write_auction_summary(report, j["metrics"]);
  }
  return j;
}

namespace {

// Each node's region by name, as the scenario names it ("default" when it names none).
std::vector<std::string> region_names(const Scenario& scenario,
                                      const std::vector<std::uint32_t>& regions) {
  std::vector<std::string> names;
  names.reserve(regions.size());
  for (const std::uint32_t r : regions) {
    names.push_back(r < scenario.network.regions.size() ? scenario.network.regions[r].name
                                                        : std::string("default"));
  }
  return names;
}

// /broadcasts (per broadcast) and /deliveries (per delivery): the gossip workload's propagation.
void write_propagation(H5File& f, StatusChain& chain, const RunReport& report) {
  std::vector<std::uint32_t> origin;
  std::vector<std::int64_t> origin_time;
  std::vector<std::uint32_t> delivered;
  std::vector<double> coverage;
  for (const auto& b : report.broadcasts) {
    origin.push_back(b.origin);
    origin_time.push_back(b.origin_time);
    delivered.push_back(b.delivered);
    coverage.push_back(report.node_count > 1 ? static_cast<double>(b.delivered) /
                                                   static_cast<double>(report.node_count - 1)
                                             : 0.0);
  }
  chain << f.group("/broadcasts") << f.column("/broadcasts/origin", origin)
        << f.column("/broadcasts/origin_time_ns", origin_time)
        << f.column("/broadcasts/delivered", delivered)
        << f.column("/broadcasts/coverage", coverage);

  std::vector<std::uint32_t> d_broadcast;
  std::vector<std::uint32_t> d_node;
  std::vector<std::int64_t> d_delay;
  for (const auto& d : report.deliveries) {
    d_broadcast.push_back(d.broadcast);
    d_node.push_back(d.node);
    d_delay.push_back(d.delay);
  }
  chain << f.group("/deliveries") << f.column("/deliveries/broadcast", d_broadcast)
        << f.column("/deliveries/node", d_node) << f.column("/deliveries/delay_ns", d_delay);
}

// /nodes: each node's counters.
void write_nodes(H5File& f, StatusChain& chain, const RunReport& report, const Scenario& scenario) {
  std::vector<std::uint32_t> ids;
  std::vector<std::string> names;
  std::vector<std::uint64_t> sent, bytes, received, dups, loss, part, down, duplicated, reordered,
      timers, crashes, busy;
  for (NodeId n = 0; n < report.nodes.size(); ++n) {
    const NodeCounters& c = report.nodes[n];
    ids.push_back(n);
    names.push_back(node_name(scenario, n));
    sent.push_back(c.messages_sent);
    bytes.push_back(c.bytes_sent);
    received.push_back(c.messages_received);
    dups.push_back(c.gossip_duplicates);
    loss.push_back(c.dropped_loss);
    part.push_back(c.dropped_partition);
    down.push_back(c.dropped_down);
    duplicated.push_back(c.duplicated);
    reordered.push_back(c.reordered);
    timers.push_back(c.timers_fired);
    crashes.push_back(c.crashes);
    busy.push_back(c.cpu_busy_ns);
  }
  chain << f.group("/nodes") << f.column("/nodes/id", ids) << f.column("/nodes/name", names)
        << f.column("/nodes/region", region_names(scenario, report.node_regions))
        << f.column("/nodes/messages_sent", sent) << f.column("/nodes/bytes_sent", bytes)
        << f.column("/nodes/messages_received", received)
        << f.column("/nodes/gossip_duplicates", dups) << f.column("/nodes/dropped_loss", loss)
        << f.column("/nodes/dropped_partition", part) << f.column("/nodes/dropped_down", down)
        << f.column("/nodes/duplicated", duplicated) << f.column("/nodes/reordered", reordered)
        << f.column("/nodes/timers_fired", timers) << f.column("/nodes/crashes", crashes)
        << f.column("/nodes/cpu_busy_ns", busy);
}

// /rounds: the height and round each live honest validator was deciding, sampled over time.
void write_rounds(H5File& f, StatusChain& chain, const RunReport& report) {
  using S = RunReport::RoundSample;
  chain << f.group("/rounds") << f.column("/rounds/time_s", seconds_column(report.rounds))
        << f.column("/rounds/node", u64_column(report.rounds, &S::node))
        << f.column("/rounds/height", u64_column(report.rounds, &S::height))
        << f.column("/rounds/round", u64_column(report.rounds, &S::round));
}

// /timeline: per simulated second, broadcasts originated and deliveries made (by delivery time).
void write_timeline(H5File& f, StatusChain& chain, const RunReport& report) {
  const auto seconds =
      static_cast<std::size_t>((report.simulated + runtime::kNsPerSec - 1) / runtime::kNsPerSec);
  std::vector<std::int64_t> second(seconds);
  std::vector<std::uint64_t> per_second_broadcasts(seconds, 0);
  std::vector<std::uint64_t> per_second_deliveries(seconds, 0);
  for (std::size_t s = 0; s < seconds; ++s) second[s] = static_cast<std::int64_t>(s);
  auto bucket = [seconds](TimeNs t) {
    const auto s = static_cast<std::size_t>(t / runtime::kNsPerSec);
    return s < seconds ? s : seconds - 1;
  };
  if (seconds > 0) {
    for (const auto& b : report.broadcasts) ++per_second_broadcasts[bucket(b.origin_time)];
    for (const auto& d : report.deliveries) {
      ++per_second_deliveries[bucket(report.broadcasts[d.broadcast].origin_time + d.delay)];
    }
  }
  chain << f.group("/timeline") << f.column("/timeline/second", second)
        << f.column("/timeline/broadcasts", per_second_broadcasts)
        << f.column("/timeline/deliveries", per_second_deliveries);
}

}  // namespace

runtime::Status write_run_h5(const RunReport& report, const Scenario& scenario,
                             const std::string& path) {
  auto created = H5File::create(path);
  if (!created) return created.status();
  H5File& f = *created;
  StatusChain chain;
  chain << f.attribute("/", "format", std::string("metasim-run-1"))
        << f.attribute("/", "scenario", report.scenario_name)
        << f.attribute("/", "scenario_json", scenario.source_json)
        << f.attribute("/", "seed", report.seed)
        << f.attribute("/", "fingerprint", report.fingerprint)
        << f.attribute("/", "verdict", std::string(report.passed() ? "pass" : "fail"))
        << f.attribute("/", "crypto", report.crypto)
        << f.attribute("/", "nodes", static_cast<std::uint64_t>(report.node_count))
        << f.attribute("/", "validators", static_cast<std::uint64_t>(report.validator_count))
        << f.attribute("/", "duration_ns", static_cast<std::int64_t>(report.simulated))
        << f.attribute("/", "events", report.events);

  write_propagation(f, chain, report);
  write_nodes(f, chain, report, scenario);
  if (report.consensus) {
    ChainProgressOracle::write_h5(f, chain, report);
    EconomicsRecorder::write_h5(f, chain, report, scenario);
    InclusionOracle::write_h5(f, chain, report);
    write_rounds(f, chain, report);
    FinalityOracle::write_h5(f, chain, report);
    if (has_auction_activity(report)) write_auction_h5(f, chain, report);
  }
  write_timeline(f, chain, report);
  return chain.status();
}

runtime::Status write_run_output(const RunReport& report, const Scenario& scenario,
                                 const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return runtime::Status(runtime::ErrorCode::kIoError,
                           "cannot create directory " + dir + ": " + ec.message());
  }
  const std::filesystem::path base(dir);
  StatusChain chain;
  if (!report.failure_events.empty()) {
    std::string log =
        "# " + std::to_string(report.failure_events.size()) +
        " events leading to the first oracle violation; reproduce: " + reproduce_command(report) +
        "\n";
    for (const auto& line : report.failure_events) log += line + "\n";
    chain << write_text(base / "events.log", log);
  }
  chain << write_text(base / "scenario.json", scenario.source_json + "\n")
        << write_text(base / "summary.json", summary_json(report).dump(2) + "\n")
        << write_run_h5(report, scenario, (base / "run.h5").string());
  return chain.status();
}

}  // namespace mn::sim
