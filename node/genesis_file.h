// genesis.json: the file every node of a chain starts from. Strict: unknown keys, missing keys,
// wrong types, numbers that are not exact unsigned 64-bit integers, malformed keys and an
// `address` that does not belong to its key are errors naming the JSON path
// (`accounts[2].balance: expected an unsigned 64-bit integer`). The ledger rules on top
// (ledger::check_genesis) then decide whether the genesis is valid.
//
//   { "chain_id": "metanode-devnet",
//     "fee_params": { "base_fee": 1000, "fee_per_byte": 10, "rbf_bump_bps": 1000 },  (optional)
//     "auction":    { "first_height": 1, "commit_heights": 2, "reveal_heights": 2,  (optional,
//                     "seal_heights": 1, "min_commit_bond": 1000,                    each key too)
//                     "partner_share_bps": 2500, "auto_bid_share_bps": 5000 },
//     "accounts":   [ { "public_key": "<64 hex>", "address": "ait1...", "balance": 1000000 } ],
//     "validators": [ { "public_key": "<64 hex>", "address": "ait1...", "stake": 500000 } ] }
//
// `address` is optional on input and always written on output, for the reader's benefit.
#pragma once

#include <string>
#include <string_view>

#include "core/ledger/genesis.h"
#include "core/runtime/result.h"

namespace mn::node {

runtime::Result<ledger::Genesis> parse_genesis_json(std::string_view text);

// Pretty-printed JSON that parse_genesis_json reads back to an equal Genesis.
std::string genesis_to_json(const ledger::Genesis& genesis);

// Reads, parses and checks the file at `path`; kIoError if it cannot be read, kInvalidArgument
// (with the file name and JSON path) if it is not a valid genesis.
runtime::Result<ledger::CheckedGenesis> load_genesis_file(const std::string& path);

}  // namespace mn::node
