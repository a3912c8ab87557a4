// A transaction's payload as readable JSON, decoded by its type's own layout: what getTx shows
// instead of hex. Each RPC module declares the views of its own types (rpc_module.h); a type no
// module views, or a payload that does not decode by its type's layout, is shown as
// {"undecodable": true}. The raw bytes are always in getTx's payload_hex.
#pragma once

#include <nlohmann/json.hpp>

#include "core/ledger/transaction.h"

namespace mn::node {

nlohmann::json tx_payload_json(const ledger::Transaction& tx);

}  // namespace mn::node
