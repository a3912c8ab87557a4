#include "core/consensus/ibft_engine.h"

#include <algorithm>

#include "core/crypto/hash.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

namespace {
// Rounds further ahead than this are not tracked, so a peer cannot make a node allocate state
// for arbitrary rounds; an honest validator is never that far ahead of a live one.
constexpr std::uint32_t kMaxRoundsAhead = 64;
constexpr std::uint32_t kMaxTimeoutDoublings = 16;
// Private caches only serve duplicate deliveries around the tip.
constexpr std::uint64_t kPrivateCacheWindow = 2;
}  // namespace

IbftEngine::IbftEngine(runtime::Env& env, Application& app, ValidatorDirectoryPtr directory,
                       std::optional<crypto::KeyPair> key, ConsensusConfig config,
                       ComputationCaches* driver_caches, ProposalRewriter* rewriter)
    : m_env(env),
      m_app(app),
      m_directory(std::move(directory)),
      m_set(app.validator_set()),
      m_key(key),
      m_config(config),
      m_guard(env.storage()),
      m_own_caches(driver_caches ? nullptr
                                 : std::make_unique<OwnedComputationCaches>(kPrivateCacheWindow)),
      m_caches(driver_caches ? driver_caches : m_own_caches.get()),
      m_rewriter(rewriter) {
  adopt_validator_set();
}

void IbftEngine::on_start() {
  if (!m_guard.load().is_ok()) {
    // Without its record a validator cannot know what it signed; it must not sign again.
    m_env.metrics().add("consensus_sign_guard_unreadable_total", 1);
    m_may_sign = false;
    m_self.reset();
  }
  m_height = m_app.committed_height() + 1;
  m_last_commit_time = m_env.now() - m_config.block_interval;
  start_height();
  // A (re)started node asks a validator for anything committed while it was away.
  const auto peer = static_cast<ValidatorIndex>(m_env.rng().uniform(m_set.size()));
  const runtime::NodeId node = m_validator_nodes[peer];
  if (node != m_env.self() && node != runtime::kNoNode) request_sync(node);
}

void IbftEngine::adopt_validator_set() {
  const ValidatorSet& current = m_app.validator_set();
  if (!m_validator_nodes.empty() && current.hash() == m_set.hash()) return;
  if (!m_validator_nodes.empty()) m_env.metrics().add("consensus_validator_set_changes_total", 1);
  m_set = current;
  m_validator_nodes.clear();
  for (const Validator& v : m_set.validators()) {
    const auto it = m_directory->find(v.key);
    m_validator_nodes.push_back(it == m_directory->end() ? runtime::kNoNode : it->second);
  }
  m_self.reset();
  if (m_key && m_may_sign) m_self = m_set.index_of(m_key->public_key);
}

void IbftEngine::start_height() {
  adopt_validator_set();
  m_rounds.clear();
  m_prepared.reset();
  m_prepared_block.reset();
  m_height_started = m_env.now();
  const std::uint32_t round = m_guard.highest_round(m_height).value_or(0);
  start_round(round, round > 0);
}

runtime::TimeNs IbftEngine::round_timeout(std::uint32_t round) const {
  runtime::TimeNs timeout = m_config.round_timeout << std::min(round, kMaxTimeoutDoublings);
  timeout = std::min(timeout, m_config.round_timeout_max);
  // The cap bounds the backoff only: a network observed to need longer than the cap to commit
  // would otherwise never finish a round again.
  if (m_observed_latency > m_config.slow_latency_threshold) timeout += 2 * m_observed_latency;
  if (round == 0) timeout += m_config.block_interval;
  return timeout;
}

void IbftEngine::arm_round_timer() {
  if (m_round_timer) m_env.cancel_timer(*m_round_timer);
  m_round_timer = m_env.set_timer(round_timeout(m_round), kRoundTimerTag);
  if (m_resend_timer) m_env.cancel_timer(*m_resend_timer);
  m_resend_timer = m_env.set_timer(round_timeout(m_round) / 2, kResendTimerTag);
}

void IbftEngine::send_own(std::uint32_t round, const runtime::MessagePtr& message) {
  round_state(round).sent.push_back(message);
  send_to_validators(message);
}

void IbftEngine::resend_round() {
  const auto it = m_rounds.find(m_round);
  if (it == m_rounds.end() || it->second.sent.empty()) return;
  m_env.metrics().add("consensus_round_resends_total", 1);
  for (const runtime::MessagePtr& message : it->second.sent) send_to_validators(message);
}

void IbftEngine::start_round(std::uint32_t round, bool announce) {
  m_round = round;
  m_round_started = m_env.now();
  arm_round_timer();
  if (announce && m_self) {
    m_env.metrics().add("consensus_round_changes_total", 1);
    RoundChange rc;
    rc.height = m_height;
    rc.round = round;
    rc.validator = *m_self;
    if (m_prepared) {
      rc.prepared = prepared_certificate();
      rc.prepared_block = m_prepared_block;
    }
    if (const auto left = m_rounds.find(round - 1);
        round > 0 && left != m_rounds.end() && left->second.proposal) {
      rc.seen_proposal = SignedProposalClaim{round - 1, left->second.proposal->hash,
                                             left->second.proposal_signature};
    }
    const runtime::Hash32 digest = rc.signing_digest();
    if (m_guard.permit(Step::kRoundChange, m_height, round, digest)) {
      rc.signature = m_env.crypto().sign(m_key->secret_key, digest);
      send_own(round, encode_round_change(rc));
      handle_round_change(rc);
    }
  }
  maybe_propose();
}

void IbftEngine::on_round_timeout() {
  // A round no quorum has entered yet has not failed: the rest are behind, or lost this node's
  // round change. Moving on would put this node further ahead, alone, for good when its
  // timeouts are shorter than theirs; it says again that it is here and waits another timeout
  // (the timer restarts anyway once the quorum arrives). Whoever is behind catches up by its own
  // timer or by the jump rule, so some round always gathers a quorum.
  if (m_round > 0 && !round_state(m_round).timer_from_quorum) {
    resend_round();
    arm_round_timer();
    return;
  }
  start_round(m_round + 1, true);
}

void IbftEngine::maybe_propose() {
  if (!m_self || proposer(m_height, m_round) != *m_self) return;
  RoundState& rs = round_state(m_round);
  if (rs.proposal) return;
  if (m_round == 0) {
    const runtime::TimeNs ready = m_last_commit_time + m_config.block_interval;
    const runtime::TimeNs now = m_env.now();
    if (now < ready) {
      if (m_propose_timer) m_env.cancel_timer(*m_propose_timer);
      m_propose_timer = m_env.set_timer(ready - now, kProposeTimerTag);
      return;
    }
    propose_new_block();
    return;
  }
  if (!m_set.is_quorum(rs.round_change_stake)) return;
  std::vector<RoundChange> justification;
  const RoundChange* best = nullptr;
  for (const auto& [validator, rc] : rs.round_changes) {
    justification.push_back(rc);
    if (rc.prepared && (!best || rc.prepared->round > best->prepared->round)) best = &rc;
  }
  if (best) {
    send_proposal(best->prepared_block, std::move(justification));
  } else {
    propose_new_block();
  }
}

void IbftEngine::propose_new_block() {
  BlockHeader header;
  header.height = m_height;
  header.round = m_round;
  header.parent = m_app.committed_hash();
  header.proposer = *m_self;
  header.timestamp = m_env.now();
  header.validator_set = m_set.hash();
  runtime::Bytes payload = m_app.build_payload();
  header.payload_hash = crypto::blake2b_256(payload);
  auto root = m_app.execute(header, payload);
  if (!root) {
    m_env.metrics().add("consensus_own_payload_invalid_total", 1);
    return;
  }
  header.state_root = *root;
  std::vector<RoundChange> justification;
  if (m_round > 0) {
    for (const auto& [validator, rc] : round_state(m_round).round_changes)
      justification.push_back(rc);
  }
  send_proposal(make_block(header, std::move(payload)), std::move(justification));
}

void IbftEngine::send_proposal(BlockPtr block, std::vector<RoundChange> justification) {
  if (!m_guard.permit(Step::kPropose, m_height, m_round, block->hash)) return;
  Proposal p;
  p.block = std::move(block);
  p.round = m_round;
  p.justification = std::move(justification);
  p.signature = m_env.crypto().sign(
      m_key->secret_key, consensus_digest(Step::kPropose, m_height, m_round, p.block->hash));
  m_env.metrics().add("consensus_proposals_total", 1);
  send_own(m_round, encode_proposal(p));
  handle_proposal(m_env.self(), p);
}

bool IbftEngine::on_message(runtime::NodeId from, const runtime::MessagePtr& message) {
  const runtime::ByteView bytes(message->payload);
  auto reject = [this] { m_env.metrics().add("consensus_malformed_messages_total", 1); };
  switch (message->kind) {
    case kProposalKind: {
      auto p = m_caches->proposals().decode(message);
      if (!p) return reject(), true;
      if (p->height() > m_height) {
        buffer_future(from, message);
        return true;
      }
      handle_proposal(from, *p);
      return true;
    }
    case kVoteKind: {
      // Every validator receives the same vote message: one decoding serves them all.
      auto v = message->decoded<ReceivedVote>(decode_vote);
      if (!v) return reject(), true;
      if ((*v)->vote.height > m_height) {
        buffer_future(from, message);
        return true;
      }
      handle_vote(**v);
      return true;
    }
    case kRoundChangeKind: {
      auto rc = decode_round_change(bytes);
      if (!rc) return reject(), true;
      if (rc->height > m_height) {
        buffer_future(from, message);
        return true;
      }
      handle_round_change(*rc);
      return true;
    }
    case kFinalizedBlockKind: {
      auto f = m_caches->finalized_blocks().decode(message);
      if (!f) return reject(), true;
      handle_finalized(from, *f);
      return true;
    }
    case kBlockRequestKind: {
      auto q = decode_block_request(bytes);
      if (!q) return reject(), true;
      handle_block_request(from, *q);
      return true;
    }
    default:
      return false;
  }
}

const char* IbftEngine::timer_name(std::uint64_t tag) {
  switch (tag) {
    case kRoundTimerTag:
      return "round timeout";
    case kProposeTimerTag:
      return "propose";
    case kAnnounceTimerTag:
      return "announce finalized block";
    case kResendTimerTag:
      return "resend round messages";
    default:
      return nullptr;
  }
}

bool IbftEngine::on_timer(runtime::TimerId id, std::uint64_t tag) {
  if (tag == kRoundTimerTag) {
    if (m_round_timer == id) {
      m_round_timer.reset();
      on_round_timeout();
    }
    return true;
  }
  if (tag == kProposeTimerTag) {
    if (m_propose_timer == id) {
      m_propose_timer.reset();
      maybe_propose();
    }
    return true;
  }
  if (tag == kResendTimerTag) {
    if (m_resend_timer == id) {
      m_resend_timer.reset();
      resend_round();
    }
    return true;
  }
  if (tag == kAnnounceTimerTag) {
    if (m_announce_timer == id) {
      m_announce_timer.reset();
      if (!m_last_announced && m_last_finalized) {
        m_last_announced = true;
        m_env.broadcast(m_last_finalized->message);
      }
    }
    return true;
  }
  return false;
}

bool IbftEngine::justification_is_valid(const Proposal& p) {
  if (p.round == 0) return p.justification.empty();
  std::vector<bool> seen(m_set.size(), false);
  std::uint64_t stake = 0;
  const RoundChange* best = nullptr;
  for (const RoundChange& rc : p.justification) {
    if (rc.height != m_height || rc.round != p.round || rc.validator >= m_set.size() ||
        seen[rc.validator] || !rc.verify(m_set, m_env.crypto())) {
      return false;
    }
    seen[rc.validator] = true;
    stake += m_set.at(rc.validator).stake;
    if (rc.prepared && (!best || rc.prepared->round > best->prepared->round)) best = &rc;
  }
  if (!m_set.is_quorum(stake)) return false;
  // The lock: if anything may have been committed in an earlier round, it is among the prepared
  // certificates of any round-change quorum, and the highest one must be re-proposed.
  if (best) return p.block->hash == best->prepared->block_hash;
  return p.block->header.round == p.round &&
         p.block->header.proposer == proposer(m_height, p.round);
}

bool IbftEngine::proposal_is_valid(const Proposal& p) {
  const BlockHeader& h = p.block->header;
  const ValidatorIndex expected = proposer(m_height, p.round);
  if (h.height != m_height || h.parent != m_app.committed_hash() ||
      h.validator_set != m_set.hash() || h.round > p.round || h.proposer >= m_set.size()) {
    return false;
  }
  if (p.round == 0 && (h.round != 0 || h.proposer != expected)) return false;
  if (!m_env.crypto().verify(m_set.at(expected).key,
                             consensus_digest(Step::kPropose, m_height, p.round, p.block->hash),
                             p.signature)) {
    return false;
  }
  if (!justification_is_valid(p)) return false;
  auto root = m_app.execute(h, p.block->payload);
  if (!root.is_ok() || *root != h.state_root) {
    note_invalid_block(p.round, p.block);
    return false;
  }
  Application::ProposalScreen screen = m_app.screen_proposal(*p.block, p.round, p.signature);
  if (screen.evidence) report_evidence(*screen.evidence);
  if (!screen.acceptable) m_env.metrics().add("consensus_screened_out_proposals_total", 1);
  return screen.acceptable;
}

void IbftEngine::handle_proposal(runtime::NodeId, const Proposal& p) {
  if (!is_current_height(p.height()) || p.round < m_round || p.round > m_round + kMaxRoundsAhead) {
    return;
  }
  RoundState& existing = round_state(p.round);
  if (existing.proposal) {
    // The first valid proposal of a round is the only one; a second, signed by the same proposer
    // for another block, is evidence.
    if (existing.proposal->hash != p.block->hash) {
      check_seen_proposal(SignedProposalClaim{p.round, p.block->hash, p.signature});
    }
    return;
  }
  if (!proposal_is_valid(p)) {
    m_env.metrics().add("consensus_invalid_proposals_total", 1);
    return;
  }
  // A justified proposal for a later round proves a quorum moved there: follow it.
  if (p.round > m_round) start_round(p.round, false);
  RoundState& rs = round_state(p.round);
  rs.proposal = p.block;
  rs.proposal_signature = p.signature;
  if (m_self && !rs.sent_prepare &&
      m_guard.permit(Step::kPrepare, m_height, p.round, p.block->hash)) {
    rs.sent_prepare = true;
    const Vote vote = make_vote(Step::kPrepare, m_height, p.round, p.block->hash, *m_self,
                                m_key->secret_key, m_env.crypto());
    send_own(p.round, encode_vote(vote));
    handle_vote(ReceivedVote(vote));
  }
  check_prepare_quorum(p.round);
  check_commit_quorum(p.round);
}

const runtime::Hash32* IbftEngine::StepVotes::first_vote(ValidatorIndex validator) const {
  const std::size_t word = validator / 64;
  if (word >= m_voted.size() || (m_voted[word] >> (validator % 64) & 1) == 0) return nullptr;
  return m_blocks[m_first_vote[validator] - 1];
}

void IbftEngine::StepVotes::record_first_vote(ValidatorIndex validator, std::size_t validators,
                                              std::map<runtime::Hash32, Tally>::iterator tally) {
  if (m_voted.empty()) {
    m_voted.assign((validators + 63) / 64, 0);
    m_first_vote.assign(validators, 0);
  }
  m_voted[validator / 64] |= std::uint64_t{1} << (validator % 64);
  m_first_vote[validator] = static_cast<std::uint16_t>(tally->second.index + 1);
}

std::map<runtime::Hash32, IbftEngine::Tally>::iterator IbftEngine::StepVotes::add_block(
    const runtime::Hash32& hash, const runtime::Hash32& digest, std::size_t validators) {
  const auto index = static_cast<std::uint16_t>(m_blocks.size());
  const auto tally = by_block.emplace(hash, Tally{digest, 0, {}, index}).first;
  if (index == 0) tally->second.votes.reserve(validators);
  m_blocks.push_back(&tally->first);
  return tally;
}

void IbftEngine::handle_vote(const ReceivedVote& received) {
  const Vote& v = received.vote;
  if (!is_current_height(v.height) || v.validator >= m_set.size() ||
      v.round > m_round + kMaxRoundsAhead) {
    return;
  }
  RoundState& rs = round_state(v.round);
  StepVotes& step = v.step == Step::kPrepare ? rs.prepares : rs.commits;
  if (const runtime::Hash32* first = step.first_vote(v.validator)) {
    if (*first != v.block_hash && v.verify(m_set, m_env.crypto())) {
      m_env.metrics().add("consensus_equivocations_observed_total", 1);
      const auto& votes = step.by_block.at(*first).votes;
      const auto earlier = std::find_if(votes.begin(), votes.end(), [&v](const Vote& vote) {
        return vote.validator == v.validator;
      });
      MN_ASSERT(earlier != votes.end());
      report_double_sign(m_set.at(v.validator).key, v.step, v.round, earlier->block_hash,
                         earlier->signature, v.block_hash, v.signature);
    }
    return;
  }
  const bool own = m_self && v.validator == *m_self;
  auto tally = step.by_block.find(v.block_hash);
  const runtime::Hash32 digest =
      tally != step.by_block.end() ? tally->second.digest : v.signing_digest();
  if (!own && !received.verify(m_set, digest, m_env.crypto())) {
    m_env.metrics().add("consensus_bad_signatures_total", 1);
    return;
  }
  if (tally == step.by_block.end()) tally = step.add_block(v.block_hash, digest, m_set.size());
  step.record_first_vote(v.validator, m_set.size(), tally);
  tally->second.votes.push_back(v);
  tally->second.stake += m_set.at(v.validator).stake;
  if (rs.invalid_block && rs.invalid_block->hash == v.block_hash) report_invalid_vote(rs, v);
  if (v.step == Step::kPrepare) {
    check_prepare_quorum(v.round);
  } else {
    check_commit_quorum(v.round);
  }
}

void IbftEngine::check_prepare_quorum(std::uint32_t round) {
  RoundState& rs = round_state(round);
  if (!rs.proposal) return;
  const auto it = rs.prepares.by_block.find(rs.proposal->hash);
  if (it == rs.prepares.by_block.end() || !m_set.is_quorum(it->second.stake)) return;
  if (!m_prepared || m_prepared->round < round) {
    m_prepared = PreparedQuorum{round, it->second.votes.size()};
    m_prepared_block = rs.proposal;
  }
  if (m_self && round == m_round && !rs.sent_commit &&
      m_guard.permit(Step::kCommit, m_height, round, rs.proposal->hash)) {
    rs.sent_commit = true;
    const Vote vote = make_vote(Step::kCommit, m_height, round, rs.proposal->hash, *m_self,
                                m_key->secret_key, m_env.crypto());
    send_own(round, encode_vote(vote));
    handle_vote(ReceivedVote(vote));
  }
}

PreparedCertificate IbftEngine::prepared_certificate() const {
  const RoundState& rs = m_rounds.at(m_prepared->round);
  const std::vector<Vote>& votes = rs.prepares.by_block.at(rs.proposal->hash).votes;
  PreparedCertificate cert;
  cert.round = m_prepared->round;
  cert.block_hash = rs.proposal->hash;
  for (const Vote* v : in_validator_order(std::span(votes).first(m_prepared->votes), m_set.size()))
    cert.prepares.push_back(*v);
  return cert;
}

BlockPtr IbftEngine::known_block(const runtime::Hash32& hash) const {
  for (const auto& [round, rs] : m_rounds) {
    if (rs.proposal && rs.proposal->hash == hash) return rs.proposal;
  }
  if (m_prepared_block && m_prepared_block->hash == hash) return m_prepared_block;
  return nullptr;
}

ValidatorIndex IbftEngine::proposer(std::uint64_t height, std::uint32_t round) const {
  ProposerMemo& memo = m_proposer_memo;
  if (memo.height != height || memo.round != round || memo.set != m_set.hash()) {
    memo = {m_set.hash(), height, round, m_set.proposer(height, round)};
  }
  return memo.proposer;
}

void IbftEngine::check_commit_quorum(std::uint32_t round) {
  RoundState& rs = round_state(round);
  for (const auto& [hash, tally] : rs.commits.by_block) {
    if (!m_set.is_quorum(tally.stake)) continue;
    const BlockPtr block = known_block(hash);
    if (block) finalize(round, hash, block);
    return;  // only one hash can reach a quorum unless a third of the stake equivocates
  }
}

void IbftEngine::finalize(std::uint32_t round, const runtime::Hash32& hash, const BlockPtr& block) {
  const FinalizedBlock f = make_finalized_block(
      block,
      std::make_shared<SignatureSetCertificate>(
          m_height, round, hash, round_state(round).commits.by_block.at(hash).votes, m_set.size()));
  if (!commit_finalized(f)) return;
  // The proposer announces the finalized block to the whole network at once; everyone else only
  // if nobody has after a while, so one flood per height is the common case.
  m_last_announced = false;
  if (m_self && proposer(f.block->header.height, round) == *m_self) {
    m_last_announced = true;
    m_env.broadcast(f.message);
  } else if (m_self) {
    if (m_announce_timer) m_env.cancel_timer(*m_announce_timer);
    m_announce_timer = m_env.set_timer(m_config.round_timeout / 2, kAnnounceTimerTag);
  }
  start_height();
  drain_buffers();
}

void IbftEngine::observe_commit_latency() {
  // From the start of the round that committed to learning the commit, by a vote quorum or a
  // peer's finalized block alike: a node that only ever learns of commits from others must adapt
  // too, or a network slower than the timeout cap never finishes a round. A node catching up on
  // blocks it missed has no round in progress and observes nothing.
  const runtime::TimeNs started =
      std::max(m_round_started, m_last_commit_time + m_config.block_interval);
  const runtime::TimeNs now = m_env.now();
  if (now <= started) return;
  const runtime::TimeNs sample = now - started;
  m_observed_latency = m_observed_latency == 0 ? sample : (7 * m_observed_latency + sample) / 8;
}

void IbftEngine::handle_round_change(const RoundChange& rc) {
  if (rc.seen_proposal && rc.height == m_height) check_seen_proposal(*rc.seen_proposal);
  if (!is_current_height(rc.height) || rc.round < m_round || rc.round > m_round + kMaxRoundsAhead ||
      rc.validator >= m_set.size()) {
    return;
  }
  RoundState& rs = round_state(rc.round);
  if (rs.round_changes.count(rc.validator)) return;
  const bool own = m_self && rc.validator == *m_self;
  if (!own && !rc.verify(m_set, m_env.crypto())) {
    m_env.metrics().add("consensus_bad_round_changes_total", 1);
    return;
  }
  rs.round_changes.emplace(rc.validator, rc);
  rs.round_change_stake += m_set.at(rc.validator).stake;

  // A third of the stake wants a later round: under the fault bound at least one honest validator
  // timed out, so follow to the highest round that such a set supports. "More than a third" would
  // livelock: with 3k validators, k of them one round ahead and timers a cap apart, nobody moves.
  if (rc.round > m_round) {
    std::vector<bool> counted(m_set.size(), false);
    std::uint64_t stake = 0;
    for (auto it = m_rounds.rbegin(); it != m_rounds.rend() && it->first > m_round; ++it) {
      for (const auto& [validator, change] : it->second.round_changes) {
        if (counted[validator]) continue;
        counted[validator] = true;
        stake += m_set.at(validator).stake;
      }
      if (m_set.holds_one_third(stake)) {
        start_round(it->first, true);
        return;
      }
    }
  }
  if (rc.round != m_round) return;
  // A quorum has now entered this round: its timer counts from here. A node that reached the
  // round early (shorter timeouts, or it saw the round change first) would otherwise leave it
  // before the rest arrive, and with less than a third ahead nobody follows it: the two groups
  // would stay a round apart for good.
  if (m_round > 0 && !rs.timer_from_quorum && m_set.is_quorum(rs.round_change_stake)) {
    rs.timer_from_quorum = true;
    arm_round_timer();
  }
  maybe_propose();
}

void IbftEngine::send_to_validators(const runtime::MessagePtr& message) {
  runtime::MessagePtr out;  // decided when the first copy leaves
  for (const runtime::NodeId node : m_validator_nodes) {
    if (node == m_env.self() || node == runtime::kNoNode) continue;
    if (!out) out = outgoing(message);
    m_env.send(node, out);
  }
}

runtime::MessagePtr IbftEngine::outgoing(const runtime::MessagePtr& message) {
  if (m_rewriter == nullptr || message->kind != kProposalKind) return message;
  // Every proposal sent to the validators is this node's own (send_own), encoded by it.
  const auto proposal = decode_proposal(message->payload);
  MN_ASSERT_MSG(proposal.is_ok(), "the engine sends only proposals it encoded");
  const auto rewritten = m_rewriter->rewrite(*proposal, m_app);
  return rewritten ? encode_proposal(*rewritten) : message;
}

}  // namespace mn::consensus
