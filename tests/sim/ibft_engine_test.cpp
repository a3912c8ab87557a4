// The consensus engine under the simulator, with a minimal deterministic application: the chain
// of committed blocks is the state. Covers the normal case, crash faults within and beyond the
// fault bound, round changes after a leader crash, restarts, and full nodes following the chain.
#include "core/consensus/ibft_engine.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "core/consensus/evidence.h"
#include "core/crypto/hash.h"
#include "sim/adversary/byzantine_reactor.h"
#include "sim/simulator.h"

namespace mn::sim {
namespace {

using consensus::FinalizedBlock;
using runtime::kNsPerMs;
using runtime::kNsPerSec;

// Validator sets by epoch: epoch e (heights e*length+1 .. (e+1)*length) is decided by
// sets[e % sets.size()].
struct EpochSchedule {
  std::vector<consensus::ValidatorSet> sets;
  std::uint64_t length = 1;

  const consensus::ValidatorSet& deciding(std::uint64_t height) const {
    return sets[((height - 1) / length) % sets.size()];
  }
};

// State root = hash chain of payloads; commits are kept in the node's storage so a restarted node
// resumes from what it had synced.
class ChainApplication final : public consensus::Application {
 public:
  ChainApplication(runtime::Env& env, std::shared_ptr<const EpochSchedule> epochs)
      : m_env(env), m_epochs(std::move(epochs)) {}

  const consensus::ValidatorSet& validator_set() const override {
    return m_epochs->deciding(committed_height() + 1);
  }
  std::uint64_t committed_height() const override { return m_blocks.size(); }
  runtime::Hash32 committed_hash() const override {
    return m_blocks.empty() ? runtime::Hash32{} : m_blocks.back().block->hash;
  }
  runtime::Bytes build_payload() override {
    runtime::Bytes payload(8);
    const std::uint64_t v = m_env.rng().next_u64();
    for (int i = 0; i < 8; ++i) payload[i] = static_cast<std::uint8_t>(v >> (8 * i));
    return payload;
  }
  runtime::Result<runtime::Hash32> execute(const consensus::BlockHeader&,
                                           runtime::ByteView payload) override {
    if (payload.size() != 8) return runtime::Status(runtime::ErrorCode::kInvalidArgument, "bad");
    runtime::Bytes chain(m_root.begin(), m_root.end());
    chain.insert(chain.end(), payload.begin(), payload.end());
    return crypto::blake2b_256(chain);
  }
  void commit(const FinalizedBlock& f) override {
    // Every committed block was decided by the set of its epoch.
    EXPECT_EQ(f.block->header.validator_set, validator_set().hash());
    EXPECT_TRUE(f.certificate->verify(validator_set(), m_env.crypto()));
    m_root = f.block->header.state_root;
    m_blocks.push_back(f);
    // A restarted node re-commits what it lost; it must commit the very same blocks again.
    auto& chain = (*commits)[m_env.self()];
    const std::uint64_t height = f.block->header.height;
    if (height <= chain.size()) {
      EXPECT_EQ(chain[height - 1], f.block->hash)
          << "node " << m_env.self() << " re-committed another block";
    } else {
      chain.push_back(f.block->hash);
    }
  }
  void replace_certificate(const FinalizedBlock& f) override {
    ASSERT_FALSE(m_blocks.empty());
    EXPECT_EQ(f.block->hash, m_blocks.back().block->hash);
    m_blocks.back() = f;
  }
  std::optional<FinalizedBlock> committed_block(std::uint64_t height) const override {
    if (height == 0 || height > m_blocks.size()) return std::nullopt;
    return m_blocks[height - 1];
  }
  // Keeps the evidence the engine reports; nothing is relayed.
  runtime::MessagePtr report_evidence(const runtime::Bytes& evidence,
                                      const crypto::KeyPair& reporter) override {
    EXPECT_NE(reporter.public_key, crypto::PublicKey{});
    m_evidence.push_back(evidence);
    return nullptr;
  }
  const std::vector<runtime::Bytes>& reported_evidence() const { return m_evidence; }

  std::map<NodeId, std::vector<runtime::Hash32>>* commits = nullptr;

 private:
  runtime::Env& m_env;
  std::shared_ptr<const EpochSchedule> m_epochs;
  runtime::Hash32 m_root{};
  std::vector<FinalizedBlock> m_blocks;
  std::vector<runtime::Bytes> m_evidence;
};

class ConsensusReactor final : public runtime::Reactor {
 public:
  ConsensusReactor(runtime::Env& env, std::shared_ptr<const EpochSchedule> epochs,
                   consensus::ValidatorDirectoryPtr directory, std::optional<crypto::KeyPair> key,
                   std::map<NodeId, std::vector<runtime::Hash32>>* commits,
                   consensus::ProposalRewriter* rewriter)
      : m_app(env, std::move(epochs)),
        m_engine(env, m_app, std::move(directory), std::move(key), config(), nullptr, rewriter) {
    m_app.commits = commits;
  }
  static consensus::ConsensusConfig config() {
    consensus::ConsensusConfig c;
    c.block_interval = 200 * kNsPerMs;
    c.round_timeout = 500 * kNsPerMs;
    return c;
  }
  void on_start() override { m_engine.on_start(); }
  void on_message(NodeId from, const runtime::MessagePtr& m) override {
    (void)m_engine.on_message(from, m);
  }
  void on_timer(runtime::TimerId id, std::uint64_t tag) override {
    (void)m_engine.on_timer(id, tag);
  }
  const ChainApplication& application() const { return m_app; }

 private:
  ChainApplication m_app;
  consensus::IbftEngine m_engine;
};

struct Harness {
  // `epochs`: the validators (node ids) of each epoch's set, all with equal stake; by default one
  // set of every validator.
  explicit Harness(std::uint32_t validators, std::uint32_t full_nodes = 0, std::uint64_t seed = 1,
                   std::vector<AdversarySpec> adversaries = {},
                   std::vector<std::vector<NodeId>> epochs = {}, std::uint64_t epoch_length = 1)
      : adversaries(std::move(adversaries)) {
    Scenario s;
    s.name = "ibft";
    s.duration = 30 * kNsPerSec;
    s.validator_count = validators;
    s.network.nodes = validators + full_nodes;
    s.network.latency.median_ms = 20;
    s.network.gossip.fanout = 0;
    if (epochs.empty()) {
      epochs.emplace_back();
      for (NodeId v = 0; v < validators; ++v) epochs.back().push_back(v);
    }
    sim = std::make_unique<Simulator>(s, seed, [this, validators](NodeId node, runtime::Env& env) {
      std::optional<crypto::KeyPair> key;
      if (node < validators) key = sim->key_pair(node);
      auto consensus_reactor = [this, key](runtime::Env& e, consensus::ProposalRewriter* rewriter) {
        return std::make_unique<ConsensusReactor>(e, schedule, directory, key, &commits, rewriter);
      };
      for (const AdversarySpec& a : this->adversaries) {
        if (std::find(a.nodes.begin(), a.nodes.end(), node) == a.nodes.end()) continue;
        AdversaryContext context{&schedule->sets.front(), &first_epoch_nodes,
                                 coalition(first_epoch_nodes)};
        return std::unique_ptr<runtime::Reactor>(
            std::make_unique<ByzantineReactor>(env, *key, a, context, consensus_reactor));
      }
      return std::unique_ptr<runtime::Reactor>(consensus_reactor(env, nullptr));
    });
    auto built = std::make_shared<EpochSchedule>();
    built->length = epoch_length;
    auto keys = std::make_shared<consensus::ValidatorDirectory>();
    for (NodeId v = 0; v < validators; ++v) keys->emplace(sim->key_pair(v).public_key, v);
    for (const auto& members : epochs) {
      std::vector<consensus::Validator> vs;
      for (const NodeId v : members) vs.push_back({sim->key_pair(v).public_key, 100});
      built->sets.push_back(*consensus::ValidatorSet::create(vs));
    }
    first_epoch_nodes.assign(built->sets.front().size(), 0);
    for (const NodeId v : epochs.front())
      first_epoch_nodes[*built->sets.front().index_of(sim->key_pair(v).public_key)] = v;
    schedule = std::move(built);
    directory = std::move(keys);
  }
  std::shared_ptr<const Coalition> coalition(const std::vector<NodeId>& validator_nodes) const {
    std::vector<NodeId> members;
    for (const auto& a : adversaries) {
      if (Coalition::joins(a.behavior))
        members.insert(members.end(), a.nodes.begin(), a.nodes.end());
    }
    return std::make_shared<const Coalition>(schedule->sets.front(), validator_nodes, members);
  }
  bool honest(NodeId node) const {
    for (const auto& a : adversaries) {
      if (std::find(a.nodes.begin(), a.nodes.end(), node) != a.nodes.end()) return false;
    }
    return true;
  }
  // Heights at which two honest nodes committed different blocks.
  std::size_t disagreements() const {
    std::size_t count = 0;
    for (const auto& [a, chain_a] : commits) {
      for (const auto& [b, chain_b] : commits) {
        if (a >= b || !honest(a) || !honest(b)) continue;
        for (std::size_t i = 0; i < std::min(chain_a.size(), chain_b.size()); ++i) {
          if (chain_a[i] != chain_b[i]) ++count;
        }
      }
    }
    return count;
  }
  // Every node's chain is a prefix of the longest one: agreement.
  void expect_agreement() const {
    const std::vector<runtime::Hash32>* longest = nullptr;
    for (const auto& [node, chain] : commits) {
      if (!longest || chain.size() > longest->size()) longest = &chain;
    }
    for (const auto& [node, chain] : commits) {
      for (std::size_t i = 0; i < chain.size(); ++i) {
        ASSERT_EQ(chain[i], (*longest)[i]) << "node " << node << " height " << i + 1;
      }
    }
  }
  std::size_t height(NodeId node) const {
    auto it = commits.find(node);
    return it == commits.end() ? 0 : it->second.size();
  }

  std::vector<AdversarySpec> adversaries;
  std::shared_ptr<const EpochSchedule> schedule;
  consensus::ValidatorDirectoryPtr directory;
  std::vector<NodeId> first_epoch_nodes;  // by index in the first epoch's set, for adversaries
  std::map<NodeId, std::vector<runtime::Hash32>> commits;
  std::unique_ptr<Simulator> sim;
};

AdversarySpec adversary(std::vector<NodeId> nodes, AdversaryBehavior behavior) {
  AdversarySpec a;
  a.nodes = std::move(nodes);
  a.behavior = behavior;
  a.delay = 300 * kNsPerMs;
  return a;
}

TEST(IbftEngine, FourValidatorsCommitAndAgree) {
  Harness h(4);
  h.sim->run_until(10 * kNsPerSec);
  for (NodeId v = 0; v < 4; ++v) EXPECT_GE(h.height(v), 20u) << v;
  h.expect_agreement();
}

TEST(IbftEngine, FullNodesFollowTheChainFromFinalizedBlocks) {
  Harness h(4, 6);
  h.sim->run_until(10 * kNsPerSec);
  for (NodeId n = 4; n < 10; ++n) EXPECT_GE(h.height(n), 18u) << n;
  h.expect_agreement();
}

TEST(IbftEngine, ProgressesWithOneOfFourCrashedAndRoundChangesPastIt) {
  Harness h(4);
  h.sim->schedule(2 * kNsPerSec, [&h] { h.sim->crash(1); });
  h.sim->run_until(20 * kNsPerSec);
  const std::size_t at_crash_free = h.height(0);
  EXPECT_GE(at_crash_free, 20u);
  EXPECT_GT(h.sim->metrics(0).counters().count("consensus_round_changes_total"), 0u)
      << "a crashed proposer must force round changes";
  h.expect_agreement();
}

TEST(IbftEngine, StallsWithoutQuorumAndRecoversAfterRestart) {
  Harness h(4);
  h.sim->schedule(2 * kNsPerSec, [&h] {
    h.sim->crash(2);
    h.sim->crash(3);
  });
  h.sim->run_until(8 * kNsPerSec);
  const std::size_t stalled = h.height(0);
  h.sim->run_until(12 * kNsPerSec);
  EXPECT_EQ(h.height(0), stalled) << "two of four crashed: no quorum, no progress";
  h.sim->schedule(12 * kNsPerSec, [&h] {
    h.sim->restart(2);
    h.sim->restart(3);
  });
  h.sim->run_until(30 * kNsPerSec);
  EXPECT_GT(h.height(0), stalled + 5);
  h.expect_agreement();
}

TEST(IbftEngine, SameSeedSameChain) {
  Harness a(4, 2, 9);
  Harness b(4, 2, 9);
  a.sim->run_until(5 * kNsPerSec);
  b.sim->run_until(5 * kNsPerSec);
  EXPECT_EQ(a.sim->fingerprint_hex(), b.sim->fingerprint_hex());
  EXPECT_EQ(a.commits, b.commits);
}

TEST(IbftEngine, OneByzantineOfFourCannotBreakAgreementOrStopTheChain) {
  for (const auto behavior : {AdversaryBehavior::kSilent, AdversaryBehavior::kEquivocate,
                              AdversaryBehavior::kDoubleSign, AdversaryBehavior::kWithholdVotes,
                              AdversaryBehavior::kDelay, AdversaryBehavior::kInvalidProposal}) {
    Harness h(4, 0, 3, {adversary({0}, behavior)});
    h.sim->run_until(20 * kNsPerSec);
    EXPECT_EQ(h.disagreements(), 0u) << static_cast<int>(behavior);
    for (NodeId v = 1; v < 4; ++v) EXPECT_GE(h.height(v), 10u) << static_cast<int>(behavior);
  }
}

TEST(IbftEngine, EquivocationIsSeenByHonestValidatorsWhenTheyCompareVotes) {
  Harness h(4, 0, 3, {adversary({0}, AdversaryBehavior::kEquivocate)});
  h.sim->run_until(20 * kNsPerSec);
  std::int64_t equivocations = 0;
  for (const auto& [name, value] : h.sim->metrics(0).counters()) {
    if (name == "adversary_equivocations_total") equivocations = value;
  }
  EXPECT_GT(equivocations, 0) << "v0 was proposer at least once and must have equivocated";
  // The honest validators hold verifiable double-sign evidence against v0, and against nobody else.
  std::size_t reports = 0;
  const consensus::ConsensusEvidenceVerifier verifier;
  for (NodeId v = 1; v < 4; ++v) {
    h.sim->run_on_node(v, [&](runtime::Reactor& reactor) {
      const auto& app = dynamic_cast<ConsensusReactor&>(reactor).application();
      for (const runtime::Bytes& evidence : app.reported_evidence()) {
        auto offence = verifier.verify(evidence, h.sim->crypto());
        ASSERT_TRUE(offence) << offence.status().to_string();
        EXPECT_EQ(offence->offender, h.sim->key_pair(0).public_key);
        EXPECT_EQ(offence->kind, slashing::OffenceKind::kDoubleSign);
        ++reports;
      }
    });
  }
  EXPECT_GT(reports, 0u);
}

TEST(IbftEngine, HalfTheStakeByzantineBreaksAgreement) {
  // An equivocating proposer plus a double-signing colluder hold 1/2 of the stake, beyond the
  // 1/3 bound: each honest half finalizes its own block. The check must see it.
  Harness h(4, 0, 3,
            {adversary({0}, AdversaryBehavior::kEquivocate),
             adversary({1}, AdversaryBehavior::kDoubleSign)});
  h.sim->run_until(20 * kNsPerSec);
  EXPECT_GT(h.disagreements(), 0u);
}

TEST(IbftEngine, TheValidatorSetChangesAtEpochBoundaries) {
  // v0 validates in even epochs only, v4 in odd ones; epochs are five heights long.
  Harness h(5, 2, 1, {}, {{0, 1, 2, 3}, {1, 2, 3, 4}}, 5);
  h.sim->run_until(15 * kNsPerSec);
  // The applications check each committed block against its epoch's set (header and certificate).
  for (NodeId node = 0; node < 7; ++node) EXPECT_GE(h.height(node), 20u) << node;
  h.expect_agreement();
  std::uint64_t changes = 0;
  for (NodeId node = 0; node < 7; ++node) {
    const auto& counters = h.sim->metrics(node).counters();
    const auto it = counters.find("consensus_validator_set_changes_total");
    if (it != counters.end()) changes += static_cast<std::uint64_t>(it->second);
  }
  EXPECT_GE(changes, 7u * 3u);  // every node crossed at least three boundaries
}

TEST(IbftEngine, EveryNodeEndsUpWithTheProposersCertificate) {
  Harness h(7, 3);
  h.sim->run_until(10 * kNsPerSec);
  ASSERT_GE(h.height(0), 10u);
  // Each validator finalizes with the commit votes it happened to collect; the proposer's announced
  // certificate then replaces them, so every node stores the same one for every settled height.
  for (std::uint64_t height = 1; height + 2 < h.height(0); ++height) {
    std::set<runtime::Hash32> certificates;
    for (NodeId node = 0; node < 10; ++node) {
      h.sim->run_on_node(node, [&](runtime::Reactor& r) {
        const auto block = static_cast<ConsensusReactor&>(r).application().committed_block(height);
        ASSERT_TRUE(block.has_value());
        certificates.insert(block->message->id());
      });
    }
    EXPECT_EQ(certificates.size(), 1u) << "height " << height;
  }
}

}  // namespace
}  // namespace mn::sim
