#include "core/consensus/block_builder.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/consensus/block_payload.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

BlockBuilder::BlockBuilder(runtime::Env& env, std::size_t max_block_txs,
                           const slashing::EvidenceVerifier& evidence,
                           std::vector<PayloadSource*> sources)
    : m_env(env),
      m_max_block_txs(max_block_txs),
      m_evidence(evidence),
      m_sources(std::move(sources)) {
  MN_ASSERT(std::none_of(m_sources.begin(), m_sources.end(),
                         [](const PayloadSource* source) { return source == nullptr; }));
}

runtime::Bytes BlockBuilder::build(const CommittedChain& chain) {
  const std::uint64_t height = chain.height() + 1;
  auto txs = applicable(height, chain.state(), select(height, chain.state()));
  return BlockPayload::encode(chain.parent_commit(), auction_section(chain), txs);
}

const AuctionSection& BlockBuilder::auction_section(const CommittedChain& chain) {
  if (!m_auction || m_auction->tip != chain.hash()) {
    auto section = required_auction_section(chain.state(), chain.height() + 1, m_env.crypto());
    // The ledger sealed the due window from the same entries when it recorded the seal, so only a
    // broken prover fails here; no valid block could be built.
    MN_ASSERT_MSG(section.is_ok(), "the due sealed bundle cannot be proven");
    m_auction = std::make_unique<TipSection>(TipSection{chain.hash(), std::move(section).value()});
  }
  return m_auction->section;
}

std::vector<ledger::Transaction> BlockBuilder::select(std::uint64_t height,
                                                      const ledger::LedgerState& committed) const {
  std::vector<ledger::Transaction> txs;
  std::set<std::pair<crypto::PublicKey, std::uint64_t>> slots;
  for (const PayloadSource* source : m_sources) {
    if (txs.size() >= m_max_block_txs) break;
    for (auto& tx : source->candidates(height, committed, m_max_block_txs - txs.size())) {
      if (slots.emplace(tx.sender, tx.nonce).second) txs.push_back(std::move(tx));
    }
  }
  return txs;
}

std::vector<ledger::Transaction> BlockBuilder::applicable(
    std::uint64_t height, const ledger::LedgerState& committed,
    std::vector<ledger::Transaction> selected) {
  const bool all_transfers = std::all_of(
      selected.begin(), selected.end(),
      [](const ledger::Transaction& tx) { return tx.type == ledger::TxType::kTransfer; });
  // The transfers sources offer have passed a pool's nonce, fee and funds checks, which make them
  // applicable; only the other types have stateful rules of their own, so only they need the
  // trial run.
  if (all_transfers) return selected;
  ledger::LedgerState trial(committed);
  trial.begin_block(ledger::BlockStart{height, {}, {}});
  std::vector<ledger::Transaction> kept;
  std::set<crypto::PublicKey> skipped;
  for (auto& tx : selected) {
    if (skipped.contains(tx.sender)) continue;
    if (trial.apply(tx, m_env.crypto(), &m_evidence) != ledger::TxResult::kOk) {
      skipped.insert(tx.sender);
      for (PayloadSource* source : m_sources) source->refused(tx);
      continue;
    }
    kept.push_back(std::move(tx));
  }
  return kept;
}

}  // namespace mn::consensus
