// What every metasim command shares: exit codes, argument parsing helpers, the usage text and
// scenario loading with the error printed the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"

namespace mn::sim::cli {

constexpr int kExitPass = 0;
constexpr int kExitFail = 1;
constexpr int kExitUsage = 2;

// Every command's synopsis and what it does, and the exit codes.
std::string usage();
// One command's synopsis and description; nullopt for an unknown command.
std::optional<std::string> command_usage(std::string_view command);

// Prints "metasim: MESSAGE" and the usage to stderr; returns kExitUsage.
int usage_error(const std::string& message);

// A decimal u64 with no sign, spaces or overflow.
std::optional<std::uint64_t> parse_u64(const std::string& text);

// "7", "1..50" or a comma-separated list of both ("1..20,33"), in the order given, each seed once.
// nullopt if malformed or a range runs backwards.
std::optional<std::vector<std::uint64_t>> parse_seeds(const std::string& text);

// What a JSON file at `path` holds, judged by its top-level keys: a sweep names a "scenario" and
// its "sampling"; anything else is taken for a scenario. kUnreadable if it is not a JSON object.
enum class FileKind { kScenario, kSweep, kUnreadable };
FileKind file_kind(const std::string& path);

// The scenario at `path`, or nullopt after printing "error: PATH: reason" to stderr (a sweep
// file is named as such, with the command that runs it).
std::optional<Scenario> load_or_report(const std::string& path);

// 1234567 -> "1,234,567".
std::string human_count(std::uint64_t n);

int command_check(const std::vector<std::string>& args);
int command_sweep(const std::vector<std::string>& args);

}  // namespace mn::sim::cli
