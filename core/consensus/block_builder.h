// Builds the payload of the block this node proposes on the committed chain: the tip's
// certificate, the auction section the committed state requires of the next block
// (required_auction_section: the bid to take and the due sealed bundle, computed once per tip,
// since proving the bundle takes milliseconds and a height may see several proposals), and up to
// max_block_txs transactions drawn from its PayloadSources in order (each (sender, nonce) slot
// once, the first source's offer winning), then trial-applied on the next block's opening state
// so that a proposal is always valid: a transaction a stateful rule refuses is left out with its
// sender's later ones, and every source hears of it (refused()). Deterministic; the node's own
// thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/consensus/auction_section.h"
#include "core/consensus/committed_chain.h"
#include "core/consensus/payload_source.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/runtime/env.h"
#include "core/runtime/types.h"
#include "core/slashing/evidence_verifier.h"

namespace mn::consensus {

class BlockBuilder {
 public:
  // `sources` in the order they fill a block; they and `evidence` must outlive the builder.
  BlockBuilder(runtime::Env& env, std::size_t max_block_txs,
               const slashing::EvidenceVerifier& evidence, std::vector<PayloadSource*> sources);

  // The payload (BlockPayload) of the block at chain.height() + 1.
  runtime::Bytes build(const CommittedChain& chain);

 private:
  // The sources' candidates for the block at `height`, in source order, each slot once.
  std::vector<ledger::Transaction> select(std::uint64_t height,
                                          const ledger::LedgerState& committed) const;
  // The transactions of `selected` that apply in order on the opening state of the block at
  // `height`, the others (and their senders' later ones) left out and reported to the sources.
  std::vector<ledger::Transaction> applicable(std::uint64_t height,
                                              const ledger::LedgerState& committed,
                                              std::vector<ledger::Transaction> selected);
  // The auction section of the block after `chain`'s tip, from m_auction when it is the tip's.
  const AuctionSection& auction_section(const CommittedChain& chain);

  runtime::Env& m_env;
  std::size_t m_max_block_txs;
  const slashing::EvidenceVerifier& m_evidence;
  std::vector<PayloadSource*> m_sources;
  struct TipSection {
    runtime::Hash32 tip{};
    AuctionSection section;
  };
  // The last tip's hash and the section it requires. On the heap: a section's proof is kilobytes
  // that only a proposer fills, and every node of a simulation holds a builder.
  std::unique_ptr<TipSection> m_auction;
};

}  // namespace mn::consensus
