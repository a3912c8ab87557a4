// Which transaction pool a node runs (ledger::TransactionPool), and the factory that builds it.
// The pool is the node's own policy, not a chain rule: validators of one chain may run different
// pools, since every block is judged by execution, never by how it was selected. So the choice is
// node configuration (ChainConfig, metanode's `tx-pool`, a scenario's `consensus.tx_pool`), not
// genesis.
//   mempool    ledger::Mempool (SPEC 2.1): nonce queues, highest fee first, RBF on the fee. The
//              default.
//   mx_verkle  auction::MxTransactionPool (SPEC 2.4): buckets by fee rate per byte, size, latency,
//              region and type, ranked by fee rate, with an mx_root per block; selection is top-K
//              under `block_gas_limit` (gas = encoded bytes).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "core/consensus/block.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/mempool.h"
#include "core/ledger/transaction_pool.h"

namespace mn::consensus {

enum class TxPoolKind : std::uint8_t { kMempool, kMxVerkle };

// "mempool" or "mx_verkle".
const char* tx_pool_kind_name(TxPoolKind kind);
// The kind a name gives, or none for a name that gives none.
std::optional<TxPoolKind> parse_tx_pool_kind(std::string_view name);
// Every name, for an error message: "mempool, mx_verkle".
inline constexpr char kTxPoolKindNames[] = "mempool, mx_verkle";

struct TxPoolConfig {
  TxPoolKind kind = TxPoolKind::kMempool;
  // mx_verkle: most transaction bytes one selection offers a block (>= 1). The default is the
  // largest block payload, so only max_block_txs limits a block unless this is set lower.
  std::uint64_t block_gas_limit = Block::kMaxPayloadBytes;
  // mx_verkle: most transactions the pool holds, 1 .. ledger::kMaxMempoolTxs.
  std::uint64_t capacity = ledger::kMaxMempoolTxs;
};

// A pool of `config.kind`, with room for ledger::kMaxMempoolTxs transactions (the mx_verkle pool:
// config.capacity); the mx_verkle pool bumps replacements by `fees.rbf_bump_bps` (the genesis
// schedule's) and uses the ledger's Verkle parameters (auction::ledger_crs). REQUIRES:
// config.block_gas_limit >= 1, 1 <= config.capacity <= ledger::kMaxMempoolTxs.
std::unique_ptr<ledger::TransactionPool> make_transaction_pool(const TxPoolConfig& config,
                                                               const ledger::FeeParams& fees);

}  // namespace mn::consensus
