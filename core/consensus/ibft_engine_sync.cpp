// IbftEngine, continued: committing finalized blocks, following the chain from announced blocks
// and catching up with peers (block requests, future messages). The engine's class comment
// (ibft_engine.h) is the contract; this file only groups its sync handlers.
#include "core/consensus/ibft_engine.h"

namespace mn::consensus {

bool IbftEngine::commit_finalized(const FinalizedBlock& f) {
  observe_commit_latency();
  m_app.commit(f);
  m_last_finalized = f;
  m_last_commit_time = m_env.now();
  m_height = m_app.committed_height() + 1;
  m_env.metrics().set("consensus_height", static_cast<std::int64_t>(m_app.committed_height()));
  m_env.metrics().add("consensus_commits_total", 1);
  if (f.certificate->round() > 0)
    m_env.metrics().add("consensus_commits_after_round_change_total", 1);
  return true;
}

void IbftEngine::handle_finalized(runtime::NodeId from, const FinalizedBlock& f) {
  const std::uint64_t height = f.block->header.height;
  if (height < m_height) {
    if (height + 1 == m_height) {
      m_last_announced = true;
      adopt_announced_certificate(f);
    }
    return;
  }
  if (height > m_height) {
    if (m_future_blocks.size() < m_config.max_buffered_blocks) m_future_blocks.emplace(height, f);
    request_sync(from);
    return;
  }
  const BlockHeader& h = f.block->header;
  if (h.parent != m_app.committed_hash() || h.validator_set != m_set.hash() ||
      !m_caches->finalized_blocks().certificate_valid(f, m_set, m_env.crypto())) {
    m_env.metrics().add("consensus_invalid_finalized_total", 1);
    return;
  }
  check_certificate_seals(f);
  auto root = m_app.execute(h, f.block->payload);
  if (!root || *root != h.state_root) {
    // A quorum certified a block this node cannot execute: more than a third is Byzantine.
    m_env.metrics().add("consensus_certified_invalid_block_total", 1);
    return;
  }
  commit_finalized(f);
  m_last_announced = true;
  start_height();
  drain_buffers();
}

void IbftEngine::adopt_announced_certificate(const FinalizedBlock& f) {
  // The same bytes are the same certificate (compared, not hashed: this node's own message is
  // never hashed unless it is sent).
  if (!m_last_finalized || f.block->hash != m_last_finalized->block->hash ||
      f.message->payload == m_last_finalized->message->payload) {
    return;
  }
  // Only within the epoch that decided it (after a set change the old set is gone; keeping this
  // node's own certificate is as valid).
  if (f.block->header.validator_set != m_set.hash() ||
      !m_caches->finalized_blocks().certificate_valid(f, m_set, m_env.crypto())) {
    return;
  }
  m_app.replace_certificate(f);
  m_last_finalized = f;
}

void IbftEngine::handle_block_request(runtime::NodeId from, const BlockRequest& q) {
  const std::uint64_t last = m_app.committed_height();
  for (std::uint64_t h = q.from_height; h < q.from_height + q.count && h <= last; ++h) {
    auto f = m_app.committed_block(h);
    if (!f) break;
    m_env.send(from, f->message);
  }
}

void IbftEngine::request_sync(runtime::NodeId from) {
  const runtime::TimeNs now = m_env.now();
  if (m_last_sync_request >= 0 && now - m_last_sync_request < m_config.round_timeout) return;
  m_last_sync_request = now;
  BlockRequest q;
  q.from_height = m_height;
  q.count = BlockRequest::kMaxBlocks;
  m_env.send(from, encode_block_request(q));
}

void IbftEngine::buffer_future(runtime::NodeId from, const runtime::MessagePtr& message) {
  if (m_future_messages.size() < m_config.max_buffered_messages)
    m_future_messages.emplace_back(from, message);
  // A peer is deciding a later height: this node missed blocks and must fetch them.
  request_sync(from);
}

void IbftEngine::drain_buffers() {
  while (!m_future_blocks.empty()) {
    auto it = m_future_blocks.begin();
    if (it->first < m_height) {
      m_future_blocks.erase(it);
      continue;
    }
    if (it->first > m_height) break;
    const FinalizedBlock f = it->second;
    m_future_blocks.erase(it);
    const std::uint64_t before = m_height;
    handle_finalized(m_env.self(), f);
    if (m_height == before) break;
  }
  // Usually nothing waits; a deque allocates even when empty, and every node of a large run gets
  // here once per block.
  if (m_future_messages.empty()) return;
  std::deque<std::pair<runtime::NodeId, runtime::MessagePtr>> pending;
  pending.swap(m_future_messages);
  for (const auto& [from, message] : pending) on_message(from, message);
}

}  // namespace mn::consensus
