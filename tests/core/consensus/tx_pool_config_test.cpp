// TxPoolConfig: a node's choice of transaction pool, by name, and the factory that builds it.
#include "core/consensus/tx_pool_config.h"

#include <gtest/gtest.h>

#include "core/auction/mx_transaction_pool.h"
#include "core/ledger/mempool.h"

namespace mn::consensus {
namespace {

TEST(TxPoolConfig, NamesAndBuildsEitherPool) {
  EXPECT_EQ(parse_tx_pool_kind("mempool"), TxPoolKind::kMempool);
  EXPECT_EQ(parse_tx_pool_kind("mx_verkle"), TxPoolKind::kMxVerkle);
  EXPECT_FALSE(parse_tx_pool_kind("fifo").has_value());
  EXPECT_EQ(TxPoolConfig{}.kind, TxPoolKind::kMempool);

  const ledger::FeeParams fees;
  const auto mempool = make_transaction_pool({}, fees);
  EXPECT_NE(dynamic_cast<const ledger::Mempool*>(mempool.get()), nullptr);
  const auto mx = make_transaction_pool({TxPoolKind::kMxVerkle, 12'345}, fees);
  const auto* pool = dynamic_cast<const auction::MxTransactionPool*>(mx.get());
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->block_gas_limit(), 12'345u);
  EXPECT_EQ(pool->pool().params().pool_entries_max, ledger::kMaxMempoolTxs);
}

}  // namespace
}  // namespace mn::consensus
