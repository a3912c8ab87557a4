// A Byzantine validator: it runs the honest reactor with its own key, but every message that
// reactor sends, and every proposal its engine is about to send (through the engine's
// ProposalRewriter hook), passes through the validator's adversary behaviour
// (sim/adversary/adversary.h), which (while its time window is open, by the node's own clock)
// drops, delays or rewrites it, and may sign extra, conflicting messages with the key. It never
// holds another node's key, so it can only do what a real compromised validator could. The
// behaviours are listed in sim/adversary/adversary_registry.h.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "core/consensus/client_submitter.h"
#include "core/consensus/messages.h"
#include "core/consensus/proposal_rewriter.h"
#include "core/consensus/validator_set.h"
#include "core/runtime/env.h"
#include "sim/adversary/adversary.h"
#include "sim/adversary/coalition.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

struct AdversaryContext {
  const consensus::ValidatorSet* validators = nullptr;
  const std::vector<NodeId>* validator_nodes = nullptr;  // by validator index
  std::shared_ptr<const Coalition> coalition;
};

class ByzantineReactor final : public runtime::Reactor, public consensus::ClientSubmitter {
 public:
  // Builds the honest reactor inside, on `env`, with `rewriter` installed in its engine.
  using InnerFactory = std::function<std::unique_ptr<runtime::Reactor>(
      runtime::Env& env, consensus::ProposalRewriter* rewriter)>;

  // REQUIRES: spec.behavior has a factory in the adversary registry (every one but twins).
  ByzantineReactor(runtime::Env& env, const crypto::KeyPair& key, AdversarySpec spec,
                   AdversaryContext context, const InnerFactory& inner);
  ~ByzantineReactor() override;

  void on_start() override;
  void on_message(NodeId from, const runtime::MessagePtr& message) override;
  void on_timer(runtime::TimerId id, std::uint64_t tag) override;
  // A client's transaction goes past the behaviour's on_incoming to the honest reactor inside.
  // REQUIRES: that reactor is a ClientSubmitter (a chain reactor, as in every consensus run).
  ledger::AdmitResult submit_client(const ledger::Transaction& tx) override;

  // The hooks a behaviour acts through.
  runtime::Env& env() { return m_env; }
  const crypto::KeyPair& key() const { return m_key; }
  const AdversarySpec& spec() const { return m_spec; }
  const AdversaryContext& context() const { return m_context; }
  // The honest reactor it wraps.
  runtime::Reactor& inner() { return *m_inner; }
  // Sends `message` as is, past the behaviour.
  void send_now(NodeId to, const runtime::MessagePtr& message, bool gossip);
  // Its own signature of a proposal of `block` in `round`.
  crypto::Signature sign_proposal(const consensus::BlockPtr& block, std::uint32_t round);

 private:
  class InterceptingEnv;
  class Rewriter;

  bool active() const;
  void outgoing(NodeId to, const runtime::MessagePtr& message, bool gossip);

  runtime::Env& m_env;
  crypto::KeyPair m_key;
  AdversarySpec m_spec;
  AdversaryContext m_context;
  std::unique_ptr<Adversary> m_behaviour;
  std::unique_ptr<InterceptingEnv> m_inner_env;
  std::unique_ptr<Rewriter> m_rewriter;
  std::unique_ptr<runtime::Reactor> m_inner;
  consensus::ClientSubmitter* m_inner_submitter = nullptr;  // m_inner if it takes client txs
};

}  // namespace mn::sim
