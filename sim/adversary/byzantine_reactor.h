// A Byzantine validator: it runs the honest reactor with its own key, but every message that
// reactor sends passes through the adversary, which (while its time window is open) drops, delays
// or rewrites it, and may sign extra, conflicting messages with the key. It never holds another
// node's key, so it can only do what a real compromised validator could.
//
// Behaviours (AdversaryBehavior): silent drops everything; delay holds every message back;
// withhold_votes drops PREPARE/COMMIT; invalid_proposal replaces its proposals with blocks whose
// payload does not decode, and votes for them; censor_poe, as proposer, leaves every PoE out of
// its blocks. equivocate and double_sign make the validator a member of the run's Coalition: as
// proposer it sends each honest half a different block, and it votes PREPARE and COMMIT for every
// proposal it sees, conflicting ones too, showing each vote only to the half that saw its block.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <vector>

#include "core/consensus/messages.h"
#include "core/consensus/validator_set.h"
#include "core/runtime/env.h"
#include "sim/adversary/coalition.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

class Simulator;

struct AdversaryContext {
  Simulator* sim = nullptr;
  const consensus::ValidatorSet* validators = nullptr;
  const std::vector<NodeId>* validator_nodes = nullptr;  // by validator index
  std::shared_ptr<const Coalition> coalition;
};

class ByzantineReactor final : public runtime::Reactor {
 public:
  using InnerFactory = std::function<std::unique_ptr<runtime::Reactor>(runtime::Env& env)>;

  ByzantineReactor(runtime::Env& env, const crypto::KeyPair& key, AdversarySpec spec,
                   AdversaryContext context, const InnerFactory& inner);
  ~ByzantineReactor() override;

  void on_start() override;
  void on_message(NodeId from, const runtime::MessagePtr& message) override;
  void on_timer(runtime::TimerId id, std::uint64_t tag) override;

 private:
  class InterceptingEnv;

  bool active() const;
  void outgoing(NodeId to, const runtime::MessagePtr& message, bool gossip);
  void send_now(NodeId to, const runtime::MessagePtr& message, bool gossip);
  void equivocate(const consensus::Proposal& proposal);
  void double_sign(const consensus::Proposal& proposal);
  // Sends `to` a copy of `proposal` whose payload is invalid on its own, and its PREPARE for it.
  void send_invalid_copy(NodeId to, const consensus::Proposal& proposal, bool gossip);
  // `message` (a proposal) with every PoE left out of a block of its own, re-executed and
  // re-signed; the message itself if it is a re-proposal or carries no PoE.
  runtime::MessagePtr censored_copy(const runtime::MessagePtr& message);
  crypto::Signature sign_proposal(const consensus::BlockPtr& block, std::uint32_t round);
  bool in_coalition() const;
  int half_of(const consensus::BlockPtr& block);
  // True if a vote must not reach `to`: it backs a block that `to`'s half was not shown.
  bool hidden_from(NodeId to, const runtime::MessagePtr& message) const;

  runtime::Env& m_env;
  crypto::KeyPair m_key;
  AdversarySpec m_spec;
  AdversaryContext m_context;
  std::unique_ptr<InterceptingEnv> m_inner_env;
  std::unique_ptr<runtime::Reactor> m_inner;
  // (height, round) pairs this node already equivocated or double-signed in.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> m_equivocated;
  std::vector<std::pair<std::uint64_t, runtime::Hash32>> m_double_signed;
  std::map<runtime::Hash32, int> m_half_of_block;
  // Blocks of its own that invalid_proposal replaced: its votes for them are dropped.
  std::set<runtime::Hash32> m_replaced_blocks;
  // The last proposal censored_copy saw, and what it made of it.
  runtime::MessagePtr m_censored_source;
  runtime::MessagePtr m_censored;
};

}  // namespace mn::sim
