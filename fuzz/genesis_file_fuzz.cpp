// genesis.json text (node/genesis_file.h), which an operator may have been handed by anyone.
// Properties: no crash and no exception; what parses, written back by genesis_to_json, parses
// again to a genesis with the same genesis_hash and the same text (the writer is the parser's
// inverse on what it accepts); the ledger's own check never crashes on it.
#include <cstdint>

#include "core/ledger/genesis.h"
#include "fuzz/fuzz_support.h"
#include "node/genesis_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto genesis = mn::node::parse_genesis_json(mn::fuzz::text_of(data, size));
  if (!genesis) return 0;
  const std::string text = mn::node::genesis_to_json(*genesis);
  auto again = mn::node::parse_genesis_json(text);
  MN_FUZZ_CHECK(again.is_ok());
  MN_FUZZ_CHECK(mn::ledger::genesis_hash(*again) == mn::ledger::genesis_hash(*genesis));
  MN_FUZZ_CHECK(mn::node::genesis_to_json(*again) == text);
  static_cast<void>(mn::ledger::check_genesis(std::move(genesis).value()));
  return 0;
}
