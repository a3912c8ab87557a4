#include "node/commit_reporter.h"

#include "core/codec/hex.h"

namespace mn::node {

CommitReporter::CommitReporter(const runtime::Env& env, runtime::Metrics& metrics,
                               ChainIndex& index, JsonLog& log)
    : m_env(env), m_metrics(metrics), m_auction(metrics), m_index(index), m_log(log) {}

void CommitReporter::on_commit(runtime::NodeId node, const consensus::FinalizedBlock& block,
                               const std::vector<ledger::Transaction>& transactions,
                               const std::shared_ptr<const ledger::LedgerState>& state) {
  static_cast<void>(node);
  const consensus::BlockHeader& header = block.block->header;
  m_index.add(header.height, block.block->hash, transactions);
  m_auction.on_commit(transactions, *state);

  const runtime::TimeNs now = m_env.now();
  const auto txs = static_cast<std::uint64_t>(transactions.size());
  m_metrics.set("node_head_height", static_cast<std::int64_t>(header.height));
  m_metrics.set("node_last_block_txs", static_cast<std::int64_t>(txs));
  m_metrics.add("node_blocks_committed_total", 1);
  m_metrics.add("node_txs_committed_total", static_cast<std::int64_t>(txs));
  if (!m_recent.empty()) {
    // Recorded in nanoseconds; /metrics shows it in seconds (metric_catalogue.cpp).
    m_metrics.set("node_block_interval_seconds", now - m_recent.back().at);
  }
  m_recent.push_back({now, txs});
  if (m_recent.size() > kRateWindowBlocks + 1) m_recent.pop_front();
  if (m_recent.size() >= 2) {
    // The oldest commit opens the window; the transactions of the blocks after it fill it.
    std::uint64_t window_txs = 0;
    for (std::size_t i = 1; i < m_recent.size(); ++i) window_txs += m_recent[i].txs;
    const runtime::TimeNs span = now - m_recent.front().at;
    if (span > 0) {
      m_metrics.set(
          "node_txs_per_second",
          static_cast<std::int64_t>(window_txs * static_cast<std::uint64_t>(runtime::kNsPerSec) /
                                    static_cast<std::uint64_t>(span)));
    }
  }
  m_log.info("block committed", {{"height", header.height},
                                 {"hash", codec::to_hex(block.block->hash)},
                                 {"txs", txs},
                                 {"round", header.round}});
}

void CommitReporter::on_evidence_reported(runtime::NodeId node, const runtime::Bytes& evidence) {
  static_cast<void>(node);
  m_log.warn("evidence reported", {{"bytes", evidence.size()}});
}

}  // namespace mn::node
