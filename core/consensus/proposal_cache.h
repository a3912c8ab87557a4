// Proposals decoded from their messages, by message id. Decoding is a pure function of the
// message bytes (it hashes the block's payload and header on the host, billing no node), so nodes
// that receive the very same message may share it: the simulator shares one cache among the nodes
// of a run, where each proposal reaches every validator and its block was decoded and hashed once
// per copy. A node binary gives its engine a private cache, which then only saves work on
// duplicate deliveries.
//
// Bounded: keeps the proposals of the `window_heights` most recent heights seen. Deterministic;
// not thread-safe.
#pragma once

#include <cstdint>

#include "core/consensus/height_window_map.h"
#include "core/consensus/messages.h"

namespace mn::consensus {

class ProposalCache {
 public:
  // REQUIRES: window_heights >= 1.
  explicit ProposalCache(std::uint64_t window_heights) : m_entries(window_heights) {}

  // The proposal `message` carries, decoded on first sight. Undecodable messages are not kept.
  runtime::Result<Proposal> decode(const runtime::MessagePtr& message);

  std::size_t size() const { return m_entries.size(); }

 private:
  HeightWindowMap<runtime::Hash32, Proposal> m_entries;  // by message id
};

}  // namespace mn::consensus
