#include "sim/adversary/censor_poe_adversary.h"

#include <set>
#include <vector>

#include "core/consensus/block_payload.h"
#include "core/crypto/hash.h"
#include "sim/adversary/byzantine_reactor.h"

namespace mn::sim {

std::unique_ptr<Adversary> CensorPoeAdversary::make(const AdversarySpec& /*spec*/) {
  return std::make_unique<CensorPoeAdversary>();
}

std::optional<consensus::Proposal> CensorPoeAdversary::rewrite_proposal(
    ByzantineReactor& node, const consensus::Proposal& proposal, consensus::Application& app) {
  const std::pair<runtime::Hash32, std::uint32_t> source{proposal.block->hash, proposal.round};
  if (m_censored_source == source) return m_censored;
  m_censored_source = source;
  m_censored = censored_copy(node, proposal, app);
  return m_censored;
}

std::optional<consensus::Proposal> CensorPoeAdversary::censored_copy(
    ByzantineReactor& node, const consensus::Proposal& proposal, consensus::Application& app) {
  // A locked block re-proposed is not this proposer's choice of transactions.
  if (proposal.block->header.round != proposal.round) return std::nullopt;
  auto payload = consensus::BlockPayload::decode(proposal.block->payload);
  if (!payload) return std::nullopt;
  // Every PoE leaves, and with it its sender's later transactions, whose nonces follow it.
  std::vector<ledger::Transaction> kept;
  std::set<crypto::PublicKey> censored_senders;
  for (auto& tx : payload->txs) {
    if (tx.type == ledger::TxType::kPoeSubmit) censored_senders.insert(tx.sender);
    if (!censored_senders.contains(tx.sender)) kept.push_back(std::move(tx));
  }
  if (censored_senders.empty()) return std::nullopt;
  consensus::BlockHeader header = proposal.block->header;
  runtime::Bytes censored_payload =
      consensus::BlockPayload::encode(payload->parent_commit.get(), payload->auction, kept);
  header.payload_hash = crypto::blake2b_256(censored_payload);
  auto root = app.execute(header, censored_payload);
  if (!root) return std::nullopt;
  header.state_root = *root;
  consensus::Proposal censored = proposal;
  censored.block = consensus::make_block(header, std::move(censored_payload));
  censored.signature = node.sign_proposal(censored.block, censored.round);
  return censored;
}

}  // namespace mn::sim
