#include "sim/adversary/coalition_adversary.h"

#include <algorithm>

#include "core/consensus/vote.h"
#include "sim/adversary/byzantine_reactor.h"

namespace mn::sim {

std::unique_ptr<Adversary> CoalitionAdversary::make(const AdversarySpec& /*spec*/) {
  return std::make_unique<CoalitionAdversary>();
}

int CoalitionAdversary::half_of(const consensus::BlockPtr& block) {
  // Colluders agree on the split without talking: the two blocks of an equivocation differ by one
  // in their timestamps, so the parity names the half each one is shown to.
  const int half = static_cast<int>(block->header.timestamp & 1);
  m_half_of_block.emplace(block->hash, half);
  return half;
}

bool CoalitionAdversary::hidden_from(const ByzantineReactor& node, runtime::NodeId to,
                                     const runtime::MessagePtr& message) const {
  const AdversaryContext& context = node.context();
  if (message->kind != consensus::kVoteKind || context.coalition->contains(to)) return false;
  auto vote = consensus::decode_vote(message->payload);
  if (!vote) return false;
  const auto it = m_half_of_block.find(vote->block_hash);
  if (it == m_half_of_block.end()) return false;
  const auto& members = context.coalition->half(it->second);
  return !std::binary_search(members.begin(), members.end(), to);
}

void CoalitionAdversary::on_incoming(ByzantineReactor& node, const runtime::MessagePtr& message) {
  if (message->kind != consensus::kProposalKind) return;
  auto proposal = consensus::decode_proposal(message->payload);
  if (!proposal) return;
  // Only a member's proposal is half of an equivocation; votes for anyone else's block are
  // shown to everyone, so the coalition does not stall the chain it forked.
  const AdversaryContext& context = node.context();
  const consensus::ValidatorIndex proposer =
      context.validators->proposer(proposal->height(), proposal->round);
  if (context.coalition->contains((*context.validator_nodes)[proposer])) half_of(proposal->block);
  double_sign(node, *proposal);
}

void CoalitionAdversary::on_outgoing(ByzantineReactor& node, runtime::NodeId to,
                                     const runtime::MessagePtr& message, bool gossip) {
  if (message->kind == consensus::kProposalKind && !gossip) {
    auto proposal = consensus::decode_proposal(message->payload);
    if (proposal) {
      equivocate(node, *proposal);
      return;
    }
  }
  if (hidden_from(node, to, message)) return;
  node.send_now(to, message, gossip);
}

void CoalitionAdversary::equivocate(ByzantineReactor& node, const consensus::Proposal& proposal) {
  const auto key = std::make_pair(proposal.height(), proposal.round);
  if (std::find(m_equivocated.begin(), m_equivocated.end(), key) != m_equivocated.end()) return;
  m_equivocated.push_back(key);
  // Block B differs from A only in its timestamp: both are valid, so each half accepts its own.
  consensus::BlockHeader header = proposal.block->header;
  header.timestamp += 1;
  consensus::Proposal other = proposal;
  other.block = consensus::make_block(header, proposal.block->payload);
  other.signature = node.sign_proposal(other.block, proposal.round);
  const runtime::MessagePtr a = consensus::encode_proposal(proposal);
  const runtime::MessagePtr b = consensus::encode_proposal(other);
  // Members get both blocks; each honest half gets one, and the coalition backs each block with
  // votes shown only to the half that saw it.
  const int half_a = half_of(proposal.block);
  half_of(other.block);
  const AdversaryContext& context = node.context();
  for (const runtime::NodeId member : *context.validator_nodes) {
    if (member != node.env().self() && context.coalition->contains(member)) {
      node.send_now(member, a, false);
      node.send_now(member, b, false);
    }
  }
  for (const runtime::NodeId v : context.coalition->half(half_a)) node.send_now(v, a, false);
  for (const runtime::NodeId v : context.coalition->half(1 - half_a)) node.send_now(v, b, false);
  // Votes for both blocks at once, not only through the inner engine, which (being honest code)
  // would count just the first vote it sees from each colluder and could stall its own block.
  double_sign(node, proposal);
  double_sign(node, other);
  node.env().metrics().add("adversary_equivocations_total", 1);
}

void CoalitionAdversary::double_sign(ByzantineReactor& node, const consensus::Proposal& proposal) {
  const auto key = std::make_pair(proposal.height(), proposal.block->hash);
  if (std::find(m_double_signed.begin(), m_double_signed.end(), key) != m_double_signed.end())
    return;
  m_double_signed.push_back(key);
  const AdversaryContext& context = node.context();
  const auto index = context.validators->index_of(node.key().public_key);
  if (!index) return;
  for (const consensus::Step step : {consensus::Step::kPrepare, consensus::Step::kCommit}) {
    const consensus::Vote vote =
        consensus::make_vote(step, proposal.height(), proposal.round, proposal.block->hash, *index,
                             node.key().secret_key, node.env().crypto());
    const runtime::MessagePtr message = consensus::encode_vote(vote);
    for (const runtime::NodeId v : *context.validator_nodes) {
      if (v != node.env().self() && !hidden_from(node, v, message))
        node.send_now(v, message, false);
    }
  }
  node.env().metrics().add("adversary_double_signs_total", 1);
}

}  // namespace mn::sim
