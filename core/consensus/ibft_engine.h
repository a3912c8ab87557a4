// IBFT 2.0-style Byzantine fault tolerant consensus (PRE-PREPARE/PREPARE/COMMIT with round
// changes) weighted by stake, with immediate finality. Safe while validators holding less than
// one third of the stake are Byzantine, under any message delays; live once the network
// stabilises. Follows "The Istanbul BFT Consensus Algorithm" (Saltini, Hyland-Wood): a round
// change carries the sender's prepared certificate, and a proposal in a round > 0 is justified by
// a quorum of round changes and must re-propose the highest prepared block among them — the lock
// that carries a possibly-committed block across rounds.
//
// A plain state machine: driven by on_start/on_message/on_timer from the node's reactor, reacting
// only through its Env. The validator set is the application's (Application::validator_set), read
// at every height, so set changes at epoch boundaries take effect for everyone at the same height;
// a directory maps validator keys to network nodes. Validators exchange proposals, votes and round
// changes directly; finalized blocks (block + commit certificate) are gossiped to everyone, and
// full nodes (no key) follow the chain from those alone. Every signature leaves only after the
// SignGuard made it durable. A driver may install a ProposalRewriter (proposal_rewriter.h), the
// only way anything but this engine decides what its proposals say.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "core/consensus/application.h"
#include "core/consensus/computation_caches.h"
#include "core/consensus/consensus_config.h"
#include "core/consensus/messages.h"
#include "core/consensus/proposal_rewriter.h"
#include "core/consensus/round_view.h"
#include "core/consensus/sign_guard.h"
#include "core/consensus/validator_set.h"
#include "core/runtime/env.h"

namespace mn::consensus {

class IbftEngine {
 public:
  // `directory` maps every key that is or may become a validator's to its network node. `key` is
  // this node's key, if it may validate (absent for a full node). `driver_caches` are the
  // driver's caches of decoded proposals and finalized blocks (computation_caches.h), or null for
  // private ones.
  // `rewriter`, if any, sees every copy of this node's proposals before it leaves and must outlive
  // the engine.
  IbftEngine(runtime::Env& env, Application& app, ValidatorDirectoryPtr directory,
             std::optional<crypto::KeyPair> key, ConsensusConfig config,
             ComputationCaches* driver_caches = nullptr, ProposalRewriter* rewriter = nullptr);

  void on_start();
  // Returns false if the message is not a consensus message.
  bool on_message(runtime::NodeId from, const runtime::MessagePtr& message);
  // Returns false if the timer is not the engine's.
  bool on_timer(runtime::TimerId id, std::uint64_t tag);

  std::uint64_t height() const { return m_height; }  // the height being decided
  // What this node holds for its current round (round_view.h), for diagnostics.
  RoundView round_view() const;
  std::uint32_t round() const { return m_round; }
  std::optional<ValidatorIndex> self_index() const { return m_self; }
  const ValidatorSet& validators() const { return m_set; }
  // Network node of each validator of the current set, by index (kNoNode if not in the directory).
  const std::vector<runtime::NodeId>& validator_nodes() const { return m_validator_nodes; }

  // Timer tags the engine uses (the reactor routes these back to on_timer).
  static constexpr std::uint64_t kRoundTimerTag = 0xC0'0001;
  static constexpr std::uint64_t kProposeTimerTag = 0xC0'0002;
  static constexpr std::uint64_t kAnnounceTimerTag = 0xC0'0003;
  static constexpr std::uint64_t kResendTimerTag = 0xC0'0004;
  // What the timer with `tag` is for ("round timeout", "propose", "announce finalized block",
  // "resend round messages"), for traces; nullptr for a tag that is not the engine's.
  static const char* timer_name(std::uint64_t tag);

 private:
  struct Tally {
    runtime::Hash32 digest{};  // what every vote in it signs
    std::uint64_t stake = 0;
    std::vector<Vote> votes;  // in arrival order
    std::uint16_t index = 0;  // in StepVotes::blocks
  };
  // One step's votes (PREPARE or COMMIT) in one round. Only a validator's first vote counts; a
  // second one for another block is an equivocation.
  //
  // With 1,000 validators every node receives a million votes per step, each asking whether its
  // validator voted already: that is a bit (a node's bits for a step fit in two cache lines, where
  // a row of pointers spread over eight KiB missed the cache on almost every vote). Which block
  // the first vote was for is read only when it did.
  class StepVotes {
   public:
    std::map<runtime::Hash32, Tally> by_block;

    // The block `validator` first voted for, or null.
    const runtime::Hash32* first_vote(ValidatorIndex validator) const;
    // Records `validator`'s first vote, for `tally` of by_block. REQUIRES: it has none yet.
    void record_first_vote(ValidatorIndex validator, std::size_t validators,
                           std::map<runtime::Hash32, Tally>::iterator tally);
    // Adds `hash` to by_block with `digest`, and returns its tally. The step's first block has
    // room for every validator's vote from the start: with 1,000 validators its votes filled
    // 120 KiB by doubling, copying each vote once more and allocating ten times.
    std::map<runtime::Hash32, Tally>::iterator add_block(const runtime::Hash32& hash,
                                                         const runtime::Hash32& digest,
                                                         std::size_t validators);

   private:
    std::vector<const runtime::Hash32*> m_blocks;  // keys of by_block, in order of first vote
    std::vector<std::uint64_t> m_voted;            // bit v: validator v voted
    // 1 + the index in m_blocks of each validator's first vote (two bytes a validator: a first
    // vote adds at most one block, and kMaxValidators fits).
    std::vector<std::uint16_t> m_first_vote;
    static_assert(ValidatorSet::kMaxValidators < 0xffff);
  };
  struct RoundState {
    BlockPtr proposal;                       // the accepted proposal of this round
    crypto::Signature proposal_signature{};  // its proposer's
    bool sent_prepare = false;
    bool sent_commit = false;
    StepVotes prepares;
    StepVotes commits;
    std::map<ValidatorIndex, RoundChange> round_changes;
    std::uint64_t round_change_stake = 0;
    // Set once a quorum asked for this round and the timer restarted from that moment.
    bool timer_from_quorum = false;
    // What this node signed and sent for this round, sent once more if the round is half over
    // without a commit: links may lose messages, and a quorum with no slack needs every one.
    std::vector<runtime::MessagePtr> sent;
    // The first properly signed proposal of this round that did not execute, and the validators
    // already reported for voting for it.
    BlockPtr invalid_block;
    std::set<ValidatorIndex> invalid_voters;
  };

  // Height lifecycle.
  // Takes the application's validator set if it changed (an epoch boundary), with this node's
  // index in it and the validators' nodes.
  void adopt_validator_set();
  void start_height();
  void start_round(std::uint32_t round, bool announce);
  runtime::TimeNs round_timeout(std::uint32_t round) const;
  void arm_round_timer();
  // Sends `message`, signed by this node for `round`, to the validators and keeps it for
  // resend_round().
  void send_own(std::uint32_t round, const runtime::MessagePtr& message);
  // Halfway through a round that has not committed: everything this node sent for it, again.
  void resend_round();
  void on_round_timeout();
  void maybe_propose();
  void propose_new_block();
  void send_proposal(BlockPtr block, std::vector<RoundChange> justification);

  // Message handlers.
  void handle_proposal(runtime::NodeId from, const Proposal& proposal);
  void handle_vote(const ReceivedVote& received);
  void handle_round_change(const RoundChange& rc);
  // Double-sign evidence: `signer` signed (step, m_height, round) for both hashes; reported.
  void report_double_sign(const crypto::PublicKey& signer, Step step, std::uint32_t round,
                          const runtime::Hash32& hash_a, const crypto::Signature& signature_a,
                          const runtime::Hash32& hash_b, const crypto::Signature& signature_b);
  // Remembers `block`, a proposal for `round` that did not execute, and reports the votes for it
  // this node already holds.
  void note_invalid_block(std::uint32_t round, const BlockPtr& block);
  // Invalid-vote evidence from `vote`, a verified vote for the round's invalid block; reported
  // once per validator and round (the application reports only what the evidence proves).
  void report_invalid_vote(RoundState& rs, const Vote& vote);
  // Hands evidence to the application (which reports it from this validator's key) and relays
  // what it returns. Nothing for a node without a key.
  void report_evidence(const runtime::Bytes& evidence);
  // A proposal claim from a round change, checked against the proposal this node accepted.
  void check_seen_proposal(const SignedProposalClaim& seen);
  // The commit seals of a (verified) certificate for this height, checked against the COMMIT
  // votes this node holds from the same validators for another block.
  void check_certificate_seals(const FinalizedBlock& finalized);
  void handle_finalized(runtime::NodeId from, const FinalizedBlock& finalized);
  // Each validator commits with the certificate it assembled; when the proposer's announcement of
  // the same block arrives, its certificate replaces the local one, so every node stores (and
  // serves) the same certificate per block — and a simulation of 1,000 validators holds one copy
  // of each instead of 1,000 different ones.
  void adopt_announced_certificate(const FinalizedBlock& finalized);
  void handle_block_request(runtime::NodeId from, const BlockRequest& request);

  // The certificate of m_prepared. REQUIRES: m_prepared.
  PreparedCertificate prepared_certificate() const;
  bool proposal_is_valid(const Proposal& proposal);
  bool justification_is_valid(const Proposal& proposal);
  void check_prepare_quorum(std::uint32_t round);
  void check_commit_quorum(std::uint32_t round);
  void finalize(std::uint32_t round, const runtime::Hash32& hash, const BlockPtr& block);
  // Folds the time this node waited for the height it is committing into the timeout adaptation.
  void observe_commit_latency();
  bool commit_finalized(const FinalizedBlock& finalized);
  void buffer_future(runtime::NodeId from, const runtime::MessagePtr& message);
  void drain_buffers();
  void request_sync(runtime::NodeId from);

  void send_to_validators(const runtime::MessagePtr& message);
  // `message` as it leaves: an own proposal passes through the rewriter, if one is installed.
  runtime::MessagePtr outgoing(const runtime::MessagePtr& message);
  BlockPtr known_block(const runtime::Hash32& hash) const;
  // The current set's proposer of (height, round). Every proposal, commit and round change asks,
  // and a draw costs up to n hashes and walks of the set, so the last answer is kept.
  ValidatorIndex proposer(std::uint64_t height, std::uint32_t round) const;
  RoundState& round_state(std::uint32_t round) { return m_rounds[round]; }
  bool is_current_height(std::uint64_t height) const { return height == m_height; }

  runtime::Env& m_env;
  Application& m_app;
  ValidatorDirectoryPtr m_directory;
  ValidatorSet m_set;
  std::vector<runtime::NodeId> m_validator_nodes;
  std::optional<crypto::KeyPair> m_key;
  bool m_may_sign = true;  // false once the sign guard's record is unreadable
  std::optional<ValidatorIndex> m_self;
  struct ProposerMemo {
    runtime::Hash32 set{};
    std::uint64_t height = 0;  // heights start at 1, so the empty memo never matches
    std::uint32_t round = 0;
    ValidatorIndex proposer = 0;
  };
  mutable ProposerMemo m_proposer_memo;
  ConsensusConfig m_config;
  SignGuard m_guard;
  std::unique_ptr<OwnedComputationCaches> m_own_caches;
  ComputationCaches* m_caches;
  ProposalRewriter* m_rewriter;

  std::uint64_t m_height = 1;
  std::uint32_t m_round = 0;
  runtime::TimeNs m_round_started = 0;
  runtime::TimeNs m_height_started = 0;
  runtime::TimeNs m_last_commit_time = 0;
  runtime::TimeNs m_observed_latency = 0;  // EWMA of round start → commit
  std::map<std::uint32_t, RoundState> m_rounds;
  // The highest round prepared at this height, and how many of its PREPAREs for its proposal, in
  // arrival order, made the quorum. The certificate is built from them only when a round change
  // carries it (prepared_certificate): with 1,000 validators, copying 667 votes at every height
  // for the rare round change cost every node 80 KB a height.
  struct PreparedQuorum {
    std::uint32_t round = 0;
    std::size_t votes = 0;
  };
  std::optional<PreparedQuorum> m_prepared;
  BlockPtr m_prepared_block;
  std::optional<runtime::TimerId> m_round_timer;
  std::optional<runtime::TimerId> m_propose_timer;
  std::optional<runtime::TimerId> m_announce_timer;
  std::optional<runtime::TimerId> m_resend_timer;
  std::optional<FinalizedBlock> m_last_finalized;
  bool m_last_announced = false;

  std::deque<std::pair<runtime::NodeId, runtime::MessagePtr>> m_future_messages;
  std::map<std::uint64_t, FinalizedBlock> m_future_blocks;
  runtime::TimeNs m_last_sync_request = -1;
};

}  // namespace mn::consensus
