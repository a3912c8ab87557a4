#include "sim/adversary/censor_poe_adversary.h"

#include <set>
#include <vector>

#include "core/consensus/block_payload.h"
#include "core/consensus/chain_reactor.h"
#include "core/crypto/hash.h"
#include "sim/adversary/byzantine_reactor.h"

namespace mn::sim {

std::unique_ptr<Adversary> CensorPoeAdversary::make(const AdversarySpec& /*spec*/) {
  return std::make_unique<CensorPoeAdversary>();
}

void CensorPoeAdversary::on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                                     const runtime::MessagePtr& message, bool gossip) {
  node.send_now(to,
                message->kind == consensus::kProposalKind ? censored_copy(node, message) : message,
                gossip);
}

runtime::MessagePtr CensorPoeAdversary::censored_copy(ByzantineReactor& node,
                                                      const runtime::MessagePtr& message) {
  // One copy per proposal, however many validators it goes to.
  if (m_censored_source && m_censored_source->id == message->id) return m_censored;
  m_censored_source = message;
  m_censored = message;
  auto proposal = consensus::decode_proposal(message->payload);
  auto* chain = dynamic_cast<consensus::ChainReactor*>(&node.inner());
  // A locked block re-proposed is not this proposer's choice of transactions.
  if (!proposal || chain == nullptr || proposal->block->header.round != proposal->round)
    return m_censored;
  auto payload = consensus::BlockPayload::decode(proposal->block->payload);
  if (!payload) return m_censored;
  // Every PoE leaves, and with it its sender's later transactions, whose nonces follow it.
  std::vector<ledger::Transaction> kept;
  std::set<crypto::PublicKey> censored_senders;
  for (auto& tx : payload->txs) {
    if (tx.type == ledger::TxType::kPoeSubmit) censored_senders.insert(tx.sender);
    if (!censored_senders.contains(tx.sender)) kept.push_back(std::move(tx));
  }
  if (censored_senders.empty()) return m_censored;
  consensus::BlockHeader header = proposal->block->header;
  runtime::Bytes censored_payload =
      consensus::BlockPayload::encode(payload->parent_commit.get(), kept);
  header.payload_hash = crypto::blake2b_256(censored_payload);
  auto root = chain->application().execute(header, censored_payload);
  if (!root) return m_censored;
  header.state_root = *root;
  consensus::Proposal censored = *proposal;
  censored.block = consensus::make_block(header, std::move(censored_payload));
  censored.signature = node.sign_proposal(censored.block, censored.round);
  m_censored = consensus::encode_proposal(censored);
  return m_censored;
}

}  // namespace mn::sim
