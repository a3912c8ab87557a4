#include "node/main/cli_support.h"

#include <charconv>
#include <iostream>

namespace mn::node::cli {

namespace po = boost::program_options;

runtime::Result<po::variables_map> parse_args(
    const std::vector<std::string>& args, const po::options_description& options,
    const po::positional_options_description& positional) {
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
  } catch (const po::error& e) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, e.what());
  }
  return values;
}

runtime::Result<std::uint64_t> parse_u64(std::string_view text, std::string_view name) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           std::string(name) + ": expected an unsigned 64-bit integer, got '" +
                               std::string(text) + "'");
  }
  return value;
}

int exit_code_of(const runtime::Status& status) {
  return status.code() == runtime::ErrorCode::kIoError ? kExitFailure : kExitUsage;
}

int fail(std::string_view command, int exit_code, std::string_view message) {
  std::cerr << "metanode " << command << ": " << message << '\n';
  return exit_code;
}

}  // namespace mn::node::cli
