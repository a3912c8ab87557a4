#include "core/consensus/tx_pool_config.h"

#include "core/auction/ledger_pool_entry.h"
#include "core/auction/mx_transaction_pool.h"
#include "core/auction/seal_record.h"
#include "core/ledger/mempool.h"

namespace mn::consensus {

const char* tx_pool_kind_name(TxPoolKind kind) {
  return kind == TxPoolKind::kMxVerkle ? "mx_verkle" : "mempool";
}

std::optional<TxPoolKind> parse_tx_pool_kind(std::string_view name) {
  for (const TxPoolKind kind : {TxPoolKind::kMempool, TxPoolKind::kMxVerkle}) {
    if (name == tx_pool_kind_name(kind)) return kind;
  }
  return std::nullopt;
}

std::unique_ptr<ledger::TransactionPool> make_transaction_pool(const TxPoolConfig& config,
                                                               const ledger::FeeParams& fees) {
  if (config.kind == TxPoolKind::kMempool) return std::make_unique<ledger::Mempool>();
  return std::make_unique<auction::MxTransactionPool>(
      auction::ledger_pool_params(fees, config.capacity), config.block_gas_limit,
      auction::ledger_crs());
}

}  // namespace mn::consensus
