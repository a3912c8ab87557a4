// AuctionMetrics: what a node shows at /metrics of the auction (SPEC 2.4) as its chain commits,
// read from each committed block's transactions and the auction module's state after it:
//   auction_commits_committed_total, auction_reveals_committed_total,
//   auction_cancels_committed_total, auction_bids_committed_total,
//   auction_deliveries_committed_total, auction_builder_evidence_committed_total
//                                  the block's auction transactions, by type
//   auction_windows_sealed_total   windows whose seal record the chain wrote
//   auction_last_sealed_window     the newest sealed window, and auction_last_seal_winners its
//                                  top-K winners
//   auction_open_windows           windows holding commits, not yet settled
//   auction_open_bids              builder bids waiting for their height
//   auction_bonds_held             base units the module holds as bonds (commits and bids)
// The counters count what this node committed since it started (a restart replays the chain, so
// they count the replayed blocks too, as node_blocks_committed_total does). Names and help text are
// in metric_catalogue.cpp. Threading: the node's io thread, from CommitReporter::on_commit.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/runtime/metrics.h"

namespace mn::node {

class AuctionMetrics {
 public:
  // `metrics` must outlive this.
  explicit AuctionMetrics(runtime::Metrics& metrics) : m_metrics(metrics) {}

  // A block committed `transactions` and left the ledger in `state`.
  void on_commit(const std::vector<ledger::Transaction>& transactions,
                 const ledger::LedgerState& state);

 private:
  void count_transactions(const std::vector<ledger::Transaction>& transactions);

  runtime::Metrics& m_metrics;
  std::optional<std::uint64_t> m_last_sealed;  // newest sealed window seen
};

}  // namespace mn::node
