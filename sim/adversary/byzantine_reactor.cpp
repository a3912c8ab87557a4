#include "sim/adversary/byzantine_reactor.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/consensus/chain_reactor.h"
#include "core/consensus/vote.h"
#include "core/crypto/hash.h"
#include "sim/simulator.h"

namespace mn::sim {

// The Env the honest reactor inside a Byzantine validator sees: everything passes straight
// through except what it sends, which goes to the adversary first.
class ByzantineReactor::InterceptingEnv final : public runtime::Env {
 public:
  InterceptingEnv(runtime::Env& real, ByzantineReactor& owner) : m_real(real), m_owner(owner) {}
  NodeId self() const override { return m_real.self(); }
  runtime::TimeNs now() const override { return m_real.now(); }
  runtime::TimerId set_timer(runtime::TimeNs delay, std::uint64_t tag) override {
    return m_real.set_timer(delay, tag);
  }
  void cancel_timer(runtime::TimerId id) override { m_real.cancel_timer(id); }
  void send(NodeId to, runtime::MessagePtr message) override {
    m_owner.outgoing(to, message, false);
  }
  void broadcast(runtime::MessagePtr message) override {
    m_owner.outgoing(runtime::kNoNode, message, true);
  }
  runtime::Storage& storage() override { return m_real.storage(); }
  runtime::Rng& rng() override { return m_real.rng(); }
  crypto::CryptoProvider& crypto() override { return m_real.crypto(); }
  runtime::Metrics& metrics() override { return m_real.metrics(); }

 private:
  runtime::Env& m_real;
  ByzantineReactor& m_owner;
};

ByzantineReactor::ByzantineReactor(runtime::Env& env, const crypto::KeyPair& key,
                                   AdversarySpec spec, AdversaryContext context,
                                   const InnerFactory& inner)
    : m_env(env), m_key(key), m_spec(std::move(spec)), m_context(std::move(context)) {
  m_inner_env = std::make_unique<InterceptingEnv>(env, *this);
  m_inner = inner(*m_inner_env);
}

ByzantineReactor::~ByzantineReactor() = default;

bool ByzantineReactor::active() const {
  const runtime::TimeNs now = m_context.sim->now();
  return now >= m_spec.from && (!m_spec.until || now < *m_spec.until);
}

bool ByzantineReactor::in_coalition() const {
  return Coalition::joins(m_spec.behavior);
}

int ByzantineReactor::half_of(const consensus::BlockPtr& block) {
  // Colluders agree on the split without talking: the two blocks of an equivocation differ by one
  // in their timestamps, so the parity names the half each one is shown to.
  const int half = static_cast<int>(block->header.timestamp & 1);
  m_half_of_block.emplace(block->hash, half);
  return half;
}

bool ByzantineReactor::hidden_from(NodeId to, const runtime::MessagePtr& message) const {
  if (message->kind != consensus::kVoteKind || m_context.coalition->contains(to)) return false;
  auto vote = consensus::decode_vote(message->payload);
  if (!vote) return false;
  const auto it = m_half_of_block.find(vote->block_hash);
  if (it == m_half_of_block.end()) return false;
  const auto& members = m_context.coalition->half(it->second);
  return !std::binary_search(members.begin(), members.end(), to);
}

void ByzantineReactor::on_start() {
  m_inner->on_start();
}

void ByzantineReactor::on_timer(runtime::TimerId id, std::uint64_t tag) {
  m_inner->on_timer(id, tag);
}

void ByzantineReactor::on_message(NodeId from, const runtime::MessagePtr& message) {
  if (active() && in_coalition() && message->kind == consensus::kProposalKind) {
    auto proposal = consensus::decode_proposal(message->payload);
    if (proposal) {
      // Only a member's proposal is half of an equivocation; votes for anyone else's block are
      // shown to everyone, so the coalition does not stall the chain it forked.
      const consensus::ValidatorIndex proposer =
          m_context.validators->proposer(proposal->height(), proposal->round);
      if (m_context.coalition->contains((*m_context.validator_nodes)[proposer]))
        half_of(proposal->block);
      double_sign(*proposal);
    }
  }
  m_inner->on_message(from, message);
}

void ByzantineReactor::send_now(NodeId to, const runtime::MessagePtr& message, bool gossip) {
  if (gossip) {
    m_env.broadcast(message);
  } else {
    m_env.send(to, message);
  }
}

crypto::Signature ByzantineReactor::sign_proposal(const consensus::BlockPtr& block,
                                                  std::uint32_t round) {
  return m_env.crypto().sign(
      m_key.secret_key, consensus::consensus_digest(consensus::Step::kPropose, block->header.height,
                                                    round, block->hash));
}

runtime::MessagePtr ByzantineReactor::censored_copy(const runtime::MessagePtr& message) {
  // One copy per proposal, however many validators it goes to.
  if (m_censored_source && m_censored_source->id == message->id) return m_censored;
  m_censored_source = message;
  m_censored = message;
  auto proposal = consensus::decode_proposal(message->payload);
  auto* chain = dynamic_cast<consensus::ChainReactor*>(m_inner.get());
  // A locked block re-proposed is not this proposer's choice of transactions.
  if (!proposal || chain == nullptr || proposal->block->header.round != proposal->round)
    return m_censored;
  auto payload = consensus::LedgerApplication::decode_payload(proposal->block->payload);
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
      consensus::LedgerApplication::encode_payload(payload->parent_commit.get(), kept);
  header.payload_hash = crypto::blake2b_256(censored_payload);
  auto root = chain->application().execute(header, censored_payload);
  if (!root) return m_censored;
  header.state_root = *root;
  consensus::Proposal censored = *proposal;
  censored.block = consensus::make_block(header, std::move(censored_payload));
  censored.signature = sign_proposal(censored.block, censored.round);
  m_censored = consensus::encode_proposal(censored);
  return m_censored;
}

void ByzantineReactor::send_invalid_copy(NodeId to, const consensus::Proposal& proposal,
                                         bool gossip) {
  // Trailing bytes: a payload nobody decodes, so the block is invalid on its own and a vote for
  // it is provable.
  runtime::Bytes payload = proposal.block->payload;
  payload.push_back(0xff);
  consensus::BlockHeader header = proposal.block->header;
  header.payload_hash = crypto::blake2b_256(payload);
  consensus::Proposal bad = proposal;
  bad.block = consensus::make_block(header, std::move(payload));
  bad.signature = sign_proposal(bad.block, proposal.round);
  m_replaced_blocks.insert(proposal.block->hash);
  send_now(to, consensus::encode_proposal(bad), gossip);
  // It votes for its own block, as a proposer does — instead of the block it replaced.
  if (const auto self = m_context.validators->index_of(m_key.public_key)) {
    const consensus::Vote vote =
        consensus::make_vote(consensus::Step::kPrepare, bad.height(), bad.round, bad.block->hash,
                             *self, m_key.secret_key, m_env.crypto());
    send_now(to, consensus::encode_vote(vote), gossip);
  }
}

void ByzantineReactor::outgoing(NodeId to, const runtime::MessagePtr& message, bool gossip) {
  if (!active()) {
    send_now(to, message, gossip);
    return;
  }
  switch (m_spec.behavior) {
    case AdversaryBehavior::kSilent:
      return;
    case AdversaryBehavior::kDelay: {
      // The reactor may be gone (crash) by the time the delay ends; the host then drops it.
      Simulator* sim = m_context.sim;
      const NodeId self = m_env.self();
      sim->schedule(sim->now() + m_spec.delay, [sim, self, to, message, gossip] {
        sim->run_on_node(self, [&](runtime::Reactor& reactor) {
          static_cast<ByzantineReactor&>(reactor).send_now(to, message, gossip);
        });
      });
      return;
    }
    case AdversaryBehavior::kWithholdVotes:
      if (message->kind == consensus::kVoteKind) return;
      break;
    case AdversaryBehavior::kInvalidProposal:
      if (message->kind == consensus::kProposalKind) {
        auto proposal = consensus::decode_proposal(message->payload);
        if (proposal) {
          send_invalid_copy(to, *proposal, gossip);
          return;
        }
      }
      if (message->kind == consensus::kVoteKind) {
        auto vote = consensus::decode_vote(message->payload);
        if (vote && m_replaced_blocks.contains(vote->block_hash)) return;
      }
      break;
    case AdversaryBehavior::kEquivocate:
    case AdversaryBehavior::kDoubleSign:
      if (message->kind == consensus::kProposalKind && !gossip) {
        auto proposal = consensus::decode_proposal(message->payload);
        if (proposal) {
          equivocate(*proposal);
          return;
        }
      }
      if (hidden_from(to, message)) return;
      break;
    case AdversaryBehavior::kTwins:  // built by the run as a second node, never wrapped
      break;
    case AdversaryBehavior::kCensorPoe:
      if (message->kind == consensus::kProposalKind) {
        send_now(to, censored_copy(message), gossip);
        return;
      }
      break;
  }
  send_now(to, message, gossip);
}

void ByzantineReactor::equivocate(const consensus::Proposal& proposal) {
  const auto key = std::make_pair(proposal.height(), proposal.round);
  if (std::find(m_equivocated.begin(), m_equivocated.end(), key) != m_equivocated.end()) return;
  m_equivocated.push_back(key);
  // Block B differs from A only in its timestamp: both are valid, so each half accepts its own.
  consensus::BlockHeader header = proposal.block->header;
  header.timestamp += 1;
  consensus::Proposal other = proposal;
  other.block = consensus::make_block(header, proposal.block->payload);
  other.signature = sign_proposal(other.block, proposal.round);
  const runtime::MessagePtr a = consensus::encode_proposal(proposal);
  const runtime::MessagePtr b = consensus::encode_proposal(other);
  // Members get both blocks; each honest half gets one, and the coalition backs each block with
  // votes shown only to the half that saw it.
  const int half_a = half_of(proposal.block);
  half_of(other.block);
  for (const NodeId node : *m_context.validator_nodes) {
    if (node != m_env.self() && m_context.coalition->contains(node)) {
      send_now(node, a, false);
      send_now(node, b, false);
    }
  }
  for (const NodeId node : m_context.coalition->half(half_a)) send_now(node, a, false);
  for (const NodeId node : m_context.coalition->half(1 - half_a)) send_now(node, b, false);
  // Votes for both blocks at once, not only through the inner engine, which (being honest code)
  // would count just the first vote it sees from each colluder and could stall its own block.
  double_sign(proposal);
  double_sign(other);
  m_env.metrics().add("adversary_equivocations_total", 1);
}

void ByzantineReactor::double_sign(const consensus::Proposal& proposal) {
  const auto key = std::make_pair(proposal.height(), proposal.block->hash);
  if (std::find(m_double_signed.begin(), m_double_signed.end(), key) != m_double_signed.end())
    return;
  m_double_signed.push_back(key);
  const auto index = m_context.validators->index_of(m_key.public_key);
  if (!index) return;
  for (const consensus::Step step : {consensus::Step::kPrepare, consensus::Step::kCommit}) {
    const consensus::Vote vote =
        consensus::make_vote(step, proposal.height(), proposal.round, proposal.block->hash, *index,
                             m_key.secret_key, m_env.crypto());
    const runtime::MessagePtr message = consensus::encode_vote(vote);
    for (const NodeId node : *m_context.validator_nodes) {
      if (node != m_env.self() && !hidden_from(node, message)) send_now(node, message, false);
    }
  }
  m_env.metrics().add("adversary_double_signs_total", 1);
}

}  // namespace mn::sim
