// executed_winners: the winners a block executed, as the oracles recompute them from the states
// around it: for every window the block sealed (sealed in `child`, not in `parent`; null: no
// auction state), the live revealed transactions whose txid the seal lists as a winner and not as
// skipped, in selection order. Each with what it debited its sender: its transfer's amount plus
// (fee_rate + priority_fee) × gas, the charge the module keeps as the window's fees.
#pragma once

#include <vector>

#include "core/auction/auction_state.h"
#include "core/auction/tx_core.h"
#include "core/runtime/types.h"

namespace mn::sim {

struct ExecutedWinner {
  runtime::Hash32 sender{};  // 32-byte key
  auction::TxCore core;
  runtime::Uint128 charge = 0;  // (fee_rate + priority_fee) × gas
  runtime::Uint128 debit = 0;   // charge + the transfer's amount
};

std::vector<ExecutedWinner> executed_winners(const auction::AuctionState* parent,
                                             const auction::AuctionState* child);

}  // namespace mn::sim
