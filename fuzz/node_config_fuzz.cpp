// metanode.conf (node/node_config.h) and the values it carries. The input is the whole config
// file of a home directory that otherwise holds what `metanode run` needs; its text also goes
// straight to the value parsers. Properties: no crash and no exception; a bind address that
// parses is written back (bind_address_text) to one that parses to the same host and port.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

#include "fuzz/fuzz_support.h"
#include "node/node_config.h"

namespace {

// A home directory made once per process, with an empty genesis and key file (loading the config
// checks only that they exist).
const std::string& home() {
  static const std::string path = [] {
    std::string pattern = "/tmp/mn_node_config_fuzz_XXXXXX";
    MN_FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    std::ofstream(pattern + "/" + mn::node::kGenesisFileName) << "{}";
    std::ofstream(pattern + "/" + mn::node::kNodeKeyFileName) << "{}";
    return pattern;
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = mn::fuzz::text_of(data, size);
  {
    std::ofstream out(home() + "/" + mn::node::kConfigFileName, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  const mn::node::EnvLookup no_environment = [](const std::string&) {
    return std::optional<std::string>{};
  };
  static_cast<void>(mn::node::load_node_config({"--home", home()}, no_environment));

  if (auto bind = mn::node::parse_bind_address(text)) {
    auto again = mn::node::parse_bind_address(mn::node::bind_address_text(*bind));
    MN_FUZZ_CHECK(again.is_ok() && again->host == bind->host && again->port == bind->port);
  }
  static_cast<void>(mn::node::parse_bootstrap_peers(text));
  static_cast<void>(mn::node::parse_bounded_integer(text, 1, 1'000'000));
  return 0;
}
