#include "sim/adversary/invalid_proposal_adversary.h"

#include "core/consensus/vote.h"
#include "core/crypto/hash.h"
#include "sim/adversary/byzantine_reactor.h"

namespace mn::sim {

std::unique_ptr<Adversary> InvalidProposalAdversary::make(const AdversarySpec& /*spec*/) {
  return std::make_unique<InvalidProposalAdversary>();
}

void InvalidProposalAdversary::on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                                           const runtime::MessagePtr& message, bool gossip) {
  if (message->kind == consensus::kProposalKind) {
    auto proposal = consensus::decode_proposal(message->payload);
    if (proposal) {
      send_invalid_copy(node, to, *proposal, gossip);
      return;
    }
  }
  if (message->kind == consensus::kVoteKind) {
    auto vote = consensus::decode_vote(message->payload);
    if (vote && m_replaced_blocks.contains(vote->block_hash)) return;
  }
  node.send_now(to, message, gossip);
}

void InvalidProposalAdversary::send_invalid_copy(ByzantineReactor& node, runtime::NodeId to,
                                                 const consensus::Proposal& proposal, bool gossip) {
  // Trailing bytes: a payload nobody decodes, so the block is invalid on its own and a vote for
  // it is provable.
  runtime::Bytes payload = proposal.block->payload;
  payload.push_back(0xff);
  consensus::BlockHeader header = proposal.block->header;
  header.payload_hash = crypto::blake2b_256(payload);
  consensus::Proposal bad = proposal;
  bad.block = consensus::make_block(header, std::move(payload));
  bad.signature = node.sign_proposal(bad.block, proposal.round);
  m_replaced_blocks.insert(proposal.block->hash);
  node.send_now(to, consensus::encode_proposal(bad), gossip);
  // It votes for its own block, as a proposer does — instead of the block it replaced.
  if (const auto self = node.context().validators->index_of(node.key().public_key)) {
    const consensus::Vote vote =
        consensus::make_vote(consensus::Step::kPrepare, bad.height(), bad.round, bad.block->hash,
                             *self, node.key().secret_key, node.env().crypto());
    node.send_now(to, consensus::encode_vote(vote), gossip);
  }
}

}  // namespace mn::sim
