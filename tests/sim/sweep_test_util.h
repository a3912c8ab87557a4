// Shared by the sweep tests: a tiny, fast scenario written to a temporary folder and sweep files
// next to it, so tests exercise the loader's real path resolution.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mn::sim::test {

// A 12-node gossip scenario over 3 simulated seconds: a run takes milliseconds.
inline nlohmann::json tiny_scenario() {
  return nlohmann::json::parse(R"({
    "name": "tiny_gossip", "seed": 1, "duration_s": 3,
    "network": { "nodes": 12, "topology": { "kind": "random_regular", "degree": 4 },
                 "latency": { "distribution": "lognormal", "median_ms": 30, "jitter": 0.2 },
                 "gossip": { "fanout": 0 } },
    "workload": { "broadcasts_per_s": 4, "broadcast_bytes": 128 },
    "expect": { "propagation": [ { "until_s": 2, "min_coverage": 1.0 } ] }
  })");
}

// A fresh folder per test holding scenario.json; returns its path.
inline std::filesystem::path sweep_dir(const nlohmann::json& scenario = tiny_scenario()) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(::testing::TempDir()) / "metasim_sweep" /
                   (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "scenario.json") << scenario.dump(2);
  return dir;
}

inline std::string write_sweep(const std::filesystem::path& dir, const nlohmann::json& sweep,
                               const std::string& name = "sweep.json") {
  std::ofstream(dir / name) << sweep.dump(2);
  return (dir / name).string();
}

}  // namespace mn::sim::test
