// A transaction's payload as readable JSON, decoded by its type's own layout: what getTx shows
// instead of hex. One entry per transaction type in one table (tx_payload_json.cpp), so a new
// type adds its decoder there beside its name. A payload that does not decode by its type's
// layout is shown as {"undecodable": true}; the raw bytes are always in payload_hex.
#pragma once

#include <nlohmann/json.hpp>

#include "core/ledger/transaction.h"

namespace mn::node {

nlohmann::json tx_payload_json(const ledger::Transaction& tx);

}  // namespace mn::node
