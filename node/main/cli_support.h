// What every metanode subcommand shares: exit codes, argument parsing with
// Boost.Program_options, strict decimal numbers and error reporting on stderr.
//   0 ok; 1 runtime failure (RPC unreachable, transaction refused, I/O); 2 bad usage or input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

#include "core/runtime/result.h"

namespace mn::node::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Parses `args` (the arguments after the subcommand). Unknown flags, missing values and extra
// positional arguments are kInvalidArgument with Boost's message naming the flag.
runtime::Result<boost::program_options::variables_map> parse_args(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional = {});

// A decimal unsigned 64-bit integer; `name` (the flag) prefixes the error.
runtime::Result<std::uint64_t> parse_u64(std::string_view text, std::string_view name);

// The exit code a failed Status maps to: 2 for bad input (kInvalidArgument, kNotFound, decoding
// errors), 1 otherwise (kIoError).
int exit_code_of(const runtime::Status& status);

// Prints "metanode <command>: <message>" on stderr; returns `exit_code`.
int fail(std::string_view command, int exit_code, std::string_view message);

}  // namespace mn::node::cli
