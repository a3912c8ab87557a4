#include "core/consensus/block_executor.h"

#include <string>
#include <utility>

#include "core/consensus/auction_section.h"
#include "core/consensus/block_payload.h"
#include "core/crypto/counting_crypto_provider.h"

namespace mn::consensus {

BlockExecutor::BlockExecutor(runtime::Env& env, std::size_t max_block_txs,
                             const slashing::EvidenceVerifier& evidence,
                             ExecutionCache* driver_executions)
    : m_env(env),
      m_max_block_txs(max_block_txs),
      m_evidence(evidence),
      m_own_executions(driver_executions ? nullptr
                                         : std::make_unique<ExecutionCache>(kPrivateWindowHeights)),
      m_executions(driver_executions ? driver_executions : m_own_executions.get()) {}

ExecutedPayloadPtr BlockExecutor::find(const runtime::Hash32& parent,
                                       const runtime::Hash32& payload_hash) const {
  return m_executions->find(parent, payload_hash);
}

runtime::Result<ledger::BlockStart> BlockExecutor::block_start(
    std::uint64_t height, const runtime::Hash32& parent_hash, const ValidatorSet& parent_set,
    ValidatorIndex parent_proposer, const CommitCertificate* parent_commit,
    const CommitCertificate* verified, crypto::CryptoProvider& crypto) {
  ledger::BlockStart start;
  start.height = height;
  if (height == 1) {
    if (parent_commit) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                             "block 1 carries a parent certificate");
    }
    return start;
  }
  if (!parent_commit || parent_commit->height() != height - 1 ||
      parent_commit->block_hash() != parent_hash ||
      (!same_certificate(parent_commit, verified) && !parent_commit->verify(parent_set, crypto))) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "the parent certificate is missing or does not certify the parent");
  }
  start.parent_proposer = parent_set.at(parent_proposer).key;
  for (const ValidatorIndex signer : parent_commit->signers()) {
    start.parent_signers.emplace_back(parent_set.at(signer).key, parent_set.at(signer).stake);
  }
  return start;
}

runtime::Result<ExecutedPayloadPtr> BlockExecutor::execute(const CommittedChain& chain,
                                                           const BlockHeader& header,
                                                           runtime::ByteView payload) {
  if (auto hit = m_executions->find(chain.hash(), header.payload_hash)) {
    m_env.crypto().account(hit->work);
    return hit;
  }
  auto decoded = BlockPayload::decode(payload);
  if (!decoded) return decoded.status();
  if (decoded->txs.size() > m_max_block_txs) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "more transactions than a block holds");
  }
  crypto::CountingCryptoProvider crypto(m_env.crypto());
  auto start =
      block_start(chain.height() + 1, chain.hash(), chain.parent_set(), chain.parent_proposer(),
                  decoded->parent_commit.get(), chain.parent_commit(), crypto);
  if (!start) return start.status();
  if (auto s = check_auction_section(decoded->auction, chain.state(), chain.height() + 1, crypto);
      !s.is_ok())
    return s;
  auto state = std::make_shared<ledger::LedgerState>(chain.state());
  state->begin_block(*start);
  for (std::size_t i = 0; i < decoded->txs.size(); ++i) {
    const ledger::TxResult result = state->apply(decoded->txs[i], crypto, &m_evidence);
    if (result != ledger::TxResult::kOk) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                             "transaction " + std::to_string(i) + " rejected (" +
                                 ledger::tx_result_name(result) + ")");
    }
  }
  state->end_block();
  if (auto s = state->check_conservation(); !s.is_ok()) return s;
  auto executed = std::make_shared<ExecutedPayload>();
  executed->height = header.height;
  executed->txs = std::move(decoded->txs);
  executed->senders = ledger::sender_addresses(executed->txs);
  executed->state_root = state->state_root();
  executed->state = std::move(state);
  executed->work = crypto.work();
  m_executions->insert(chain.hash(), header.payload_hash, executed);
  return ExecutedPayloadPtr(std::move(executed));
}

}  // namespace mn::consensus
