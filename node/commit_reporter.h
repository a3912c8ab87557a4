// What the node does outside consensus when a block commits: indexes it for the RPC
// (ChainIndex), logs it ("block committed" with height, hash, txs, round) and updates the node's
// gauges and counters:
//   node_head_height          committed height
//   node_block_interval_seconds  time between the last two commits seen by this node
//   node_txs_per_second       transactions committed per second over the last kRateWindowBlocks
//   node_last_block_txs       transactions in the last committed block
//   node_blocks_committed_total, node_txs_committed_total
// and the auction's (AuctionMetrics). Times come from the node's Env clock. Also logs the evidence
// the node files, as a warning.
// Threading: called from the node's io thread (by the reactor's LedgerApplication).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>

#include "core/consensus/commit_observer.h"
#include "core/runtime/env.h"
#include "node/auction_metrics.h"
#include "node/chain_index.h"
#include "node/json_log.h"

namespace mn::node {

inline constexpr std::size_t kRateWindowBlocks = 10;

class CommitReporter final : public consensus::CommitObserver {
 public:
  // Everything passed must outlive the reporter.
  CommitReporter(const runtime::Env& env, runtime::Metrics& metrics, ChainIndex& index,
                 JsonLog& log);

  void on_commit(runtime::NodeId node, const consensus::FinalizedBlock& block,
                 const std::vector<ledger::Transaction>& transactions,
                 const std::shared_ptr<const ledger::LedgerState>& state) override;
  void on_evidence_reported(runtime::NodeId node, const runtime::Bytes& evidence) override;

 private:
  struct Commit {
    runtime::TimeNs at = 0;
    std::uint64_t txs = 0;
  };

  const runtime::Env& m_env;
  runtime::Metrics& m_metrics;
  AuctionMetrics m_auction;
  ChainIndex& m_index;
  JsonLog& m_log;
  std::deque<Commit> m_recent;  // the last kRateWindowBlocks + 1 commits, oldest first
};

}  // namespace mn::node
