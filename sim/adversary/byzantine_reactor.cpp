#include "sim/adversary/byzantine_reactor.h"

#include "core/consensus/message_kinds.h"
#include "core/consensus/vote.h"
#include "core/runtime/assert.h"
#include "sim/adversary/adversary_registry.h"

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
  void send(NodeId to, const runtime::MessagePtr& message) override {
    m_owner.outgoing(to, message, false);
  }
  void broadcast(const runtime::MessagePtr& message) override {
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

// The engine's proposal hook: the behaviour's rewrite while the window is open.
class ByzantineReactor::Rewriter final : public consensus::ProposalRewriter {
 public:
  explicit Rewriter(ByzantineReactor& owner) : m_owner(owner) {}
  std::optional<consensus::Proposal> rewrite(const consensus::Proposal& proposal,
                                             consensus::Application& app) override {
    if (!m_owner.active()) return std::nullopt;
    return m_owner.m_behaviour->rewrite_proposal(m_owner, proposal, app);
  }

 private:
  ByzantineReactor& m_owner;
};

ByzantineReactor::ByzantineReactor(runtime::Env& env, const crypto::KeyPair& key,
                                   AdversarySpec spec, AdversaryContext context,
                                   const InnerFactory& inner)
    : m_env(env), m_key(key), m_spec(std::move(spec)), m_context(std::move(context)) {
  const AdversaryKind& kind = adversary_kind(m_spec.behavior);
  MN_ASSERT_MSG(kind.make != nullptr, "the run never wraps a node in a behaviour without a class");
  m_behaviour = kind.make(m_spec);
  m_inner_env = std::make_unique<InterceptingEnv>(env, *this);
  m_rewriter = std::make_unique<Rewriter>(*this);
  m_inner = inner(*m_inner_env, m_rewriter.get());
  m_inner_submitter = dynamic_cast<consensus::ClientSubmitter*>(m_inner.get());
}

ByzantineReactor::~ByzantineReactor() = default;

bool ByzantineReactor::active() const {
  const runtime::TimeNs now = m_env.now();
  return now >= m_spec.from && (!m_spec.until || now < *m_spec.until);
}

void ByzantineReactor::on_start() {
  m_inner->on_start();
}

void ByzantineReactor::on_timer(runtime::TimerId id, std::uint64_t tag) {
  if (m_behaviour->on_timer(*this, id, tag)) return;
  m_inner->on_timer(id, tag);
}

void ByzantineReactor::on_message(NodeId from, const runtime::MessagePtr& message) {
  if (active()) m_behaviour->on_incoming(*this, message);
  m_inner->on_message(from, message);
}

ledger::AdmitResult ByzantineReactor::submit_client(const ledger::Transaction& tx) {
  if (active())
    m_behaviour->on_incoming(*this,
                             runtime::make_message(consensus::kTransactionKind, tx.encode()));
  MN_ASSERT_MSG(m_inner_submitter != nullptr, "a client transaction reaches a chain reactor");
  return m_inner_submitter->submit_client(tx);
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

void ByzantineReactor::outgoing(NodeId to, const runtime::MessagePtr& message, bool gossip) {
  if (!active()) {
    send_now(to, message, gossip);
    return;
  }
  m_behaviour->on_outgoing(*this, to, message, gossip);
}

}  // namespace mn::sim
