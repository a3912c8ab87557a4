#include "node/ledger_rpc_backend.h"

#include <limits>
#include <string>

#include "core/auction/auction_module.h"
#include "core/consensus/block_payload.h"

namespace mn::node {
namespace {

using runtime::ErrorCode;
using runtime::Status;

BlockSummary summarize(const consensus::FinalizedBlock& finalized,
                       const std::vector<ledger::Transaction>& txs,
                       crypto::CryptoProvider& crypto) {
  BlockSummary summary;
  summary.height = finalized.block->header.height;
  summary.hash = finalized.block->hash;
  summary.parent_hash = finalized.block->header.parent;
  summary.tx_ids.reserve(txs.size());
  for (const ledger::Transaction& tx : txs) summary.tx_ids.push_back(tx.id(crypto));
  return summary;
}

}  // namespace

LedgerRpcBackend::LedgerRpcBackend(consensus::ChainReactor& reactor, ChainIndex& index,
                                   crypto::CryptoProvider& crypto,
                                   std::optional<crypto::KeyPair> faucet)
    : m_reactor(reactor), m_index(index), m_crypto(crypto), m_faucet(faucet) {}

runtime::Result<SubmitOutcome> LedgerRpcBackend::submit(const ledger::Transaction& tx) {
  const ledger::AdmitResult result = m_reactor.submit_client(tx);
  return SubmitOutcome{ledger::is_admitted(result), ledger::admit_result_name(result)};
}

runtime::Result<TxLookup> LedgerRpcBackend::transaction(const runtime::Hash32& id) {
  if (auto s = m_index.catch_up(app()); !s.is_ok()) return s;
  if (const auto height = m_index.tx_height(id)) {
    const auto block = app().committed_block(*height);
    if (!block) return Status(ErrorCode::kIoError, "committed block unreadable");
    auto payload = consensus::BlockPayload::decode(block->block->payload);
    if (!payload) return Status(ErrorCode::kIoError, "committed block does not decode");
    for (ledger::Transaction& tx : payload->txs) {
      if (tx.id(m_crypto) == id) return TxLookup{std::move(tx), *height};
    }
    return Status(ErrorCode::kIoError, "the index and the committed block disagree");
  }
  if (const ledger::Transaction* pending = app().pool().find(id))
    return TxLookup{*pending, std::nullopt};
  return Status(ErrorCode::kNotFound, "no committed or pending transaction with this hash");
}

runtime::Result<BlockSummary> LedgerRpcBackend::block_at(std::uint64_t height) {
  if (height == 0 || height > app().committed_height())
    return Status(ErrorCode::kNotFound, "no committed block at height " + std::to_string(height));
  const auto block = app().committed_block(height);
  if (!block) return Status(ErrorCode::kIoError, "committed block unreadable");
  auto payload = consensus::BlockPayload::decode(block->block->payload);
  if (!payload) return Status(ErrorCode::kIoError, "committed block does not decode");
  return summarize(*block, payload->txs, m_crypto);
}

runtime::Result<BlockSummary> LedgerRpcBackend::block_with_hash(const runtime::Hash32& hash) {
  if (auto s = m_index.catch_up(app()); !s.is_ok()) return s;
  const auto height = m_index.block_height(hash);
  if (!height) return Status(ErrorCode::kNotFound, "no committed block with this hash");
  return block_at(*height);
}

runtime::Result<HeadSummary> LedgerRpcBackend::head() {
  return HeadSummary{app().committed_height(), app().committed_hash()};
}

runtime::Result<AccountSummary> LedgerRpcBackend::account(const ledger::Address& address) {
  const ledger::Account* account = app().state().find_account(address);
  if (account == nullptr) return AccountSummary{};
  return AccountSummary{account->balance, account->nonce};
}

ledger::FeeParams LedgerRpcBackend::fee_params() {
  return app().state().fee_params();
}

runtime::Result<AuctionWindowSummary> LedgerRpcBackend::auction_window(std::uint64_t window) {
  const ledger::LedgerState& state = app().state();
  const auction::WindowSchedule& schedule = state.economic_params().auction.schedule;
  AuctionWindowSummary summary;
  summary.chain_id = state.chain_id();
  summary.window = window;
  summary.next_height = app().committed_height() + 1;
  summary.phase = schedule.phase(window, summary.next_height);
  summary.commit_start = schedule.commit_start(window);
  summary.reveal_start = schedule.reveal_start(window);
  summary.seal_start = schedule.seal_start(window);
  summary.close_height = schedule.close_height(window);
  summary.topk_digest_count = state.economic_params().auction.pool.topk_digest_count;
  if (const auction::AuctionState* auction = auction::AuctionModule::find_state(state)) {
    summary.commits = auction->book.commit_count(window);
    summary.reveals = auction->book.reveals(window).size();
    if (const auto seal = auction->sealed.find(window); seal != auction->sealed.end()) {
      summary.seal = seal->second;
    }
  }
  return summary;
}

runtime::Result<SealedBundleLookup> LedgerRpcBackend::sealed_bundle(std::uint64_t window) {
  const std::uint64_t height = app().state().economic_params().auction.schedule.seal_start(window);
  if (height > app().committed_height()) {
    return Status(ErrorCode::kNotFound, "window " + std::to_string(window) +
                                            "'s bundle is due in block " + std::to_string(height) +
                                            ", not committed yet");
  }
  const auto block = app().committed_block(height);
  if (!block) return Status(ErrorCode::kIoError, "committed block unreadable");
  auto payload = consensus::BlockPayload::decode(block->block->payload);
  if (!payload) return Status(ErrorCode::kIoError, "committed block does not decode");
  if (!payload->auction.bundle) {
    return Status(ErrorCode::kNotFound, "block " + std::to_string(height) +
                                            " carries no bundle: window " + std::to_string(window) +
                                            " had no live reveals");
  }
  return SealedBundleLookup{height, block->block->hash, payload->auction.bundle->encode()};
}

runtime::Result<MintOutcome> LedgerRpcBackend::mint_faucet(const ledger::Address& to,
                                                           std::uint64_t amount) {
  if (!m_faucet) return Status(ErrorCode::kInvalidArgument, "this node runs no faucet");
  const ledger::Address from = ledger::address_from_public_key(m_faucet->public_key);
  const std::uint64_t nonce = app().pool().next_nonce(from, app().state());
  const std::size_t payload_bytes = ledger::TransferPayload{to, amount}.encode().size();
  const runtime::Uint128 fee = ledger::min_fee(app().state().fee_params(), payload_bytes);
  if (fee > std::numeric_limits<std::uint64_t>::max())
    return Status(ErrorCode::kInvalidArgument, "the minimum fee exceeds 64 bits");
  const ledger::Transaction tx = ledger::make_transfer(*m_faucet, to, amount, nonce,
                                                       static_cast<std::uint64_t>(fee), m_crypto);
  auto outcome = submit(tx);
  if (!outcome) return outcome.status();
  return MintOutcome{tx.id(m_crypto), std::move(outcome).value()};
}

}  // namespace mn::node
