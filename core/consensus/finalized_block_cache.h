// Finalized blocks decoded from their messages, and the verdicts on their certificates, by
// message id. Decoding is a pure function of the message bytes and a certificate check a pure
// function of the bytes and the validator set (named by its hash), so nodes that receive the very
// same message may share both: the simulator shares one cache among the nodes of a run, which
// would otherwise decode and check each block's certificate 10,000 times. Whoever reuses a
// verdict bills its recorded crypto work to its own provider (CryptoProvider::account). A node
// binary gives its engine a private cache, which then only saves work on duplicate deliveries.
//
// Bounded: keeps the blocks of the `window_heights` most recent heights seen. Deterministic;
// not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/consensus/height_window_map.h"
#include "core/consensus/messages.h"

namespace mn::consensus {

class FinalizedBlockCache {
 public:
  // REQUIRES: window_heights >= 1.
  explicit FinalizedBlockCache(std::uint64_t window_heights);

  // The block `message` carries, decoded on first sight. Undecodable messages are not kept.
  runtime::Result<FinalizedBlock> decode(const runtime::MessagePtr& message);
  // Whether `finalized`'s certificate verifies under `set`, checked through `crypto` on first
  // ask (for this message and set) and billed to `crypto` on every later one.
  // REQUIRES: finalized.message is set.
  bool certificate_valid(const FinalizedBlock& finalized, const ValidatorSet& set,
                         crypto::CryptoProvider& crypto);

  std::size_t size() const { return m_entries.size(); }

 private:
  struct Verdict {
    bool valid = false;
    crypto::CryptoWork work;
  };
  struct Entry {
    FinalizedBlock block;
    std::map<runtime::Hash32, Verdict> verdicts;  // by validator set hash
  };

  // The entry for `finalized`, adding it (or null if its height fell out of the window).
  Entry* entry_for(const FinalizedBlock& finalized);

  HeightWindowMap<runtime::Hash32, Entry> m_entries;  // by message id
};

}  // namespace mn::consensus
