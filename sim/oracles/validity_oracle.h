// Validity: every block an honest node commits is valid under the ledger rules, judged by an
// independent re-execution — the oracle decodes the payload itself, tracks the validator sets
// (epochs) itself, and applies every transaction to its own copy of the parent's state, outside
// the nodes' execution caches. A block is valid if its payload decodes, holds at most
// max_block_txs transactions, names the validator set its epoch has, carries a valid certificate
// of its parent, declares the auction section its parent state requires (check_auction_section,
// the same check block execution makes: the bid taken, the due sealed bundle), every transaction
// applies (signature, nonce, funds, fee, evidence), conservation holds after it, and the
// resulting state root is the one its header commits to. Each distinct block is checked once,
// on the first honest commit.
//
// Keeps reference states for the most recent `window` heights, so a fork deeper than that is not
// re-executed (the agreement oracle has reported it by then). The first violation is kept; its
// verdict is `oracle.validity`.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/consensus/evidence.h"
#include "core/consensus/messages.h"
#include "core/consensus/validator_set.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/ledger_state.h"
#include "sim/oracles/oracle.h"

namespace mn::sim {

class ValidityOracle final : public Oracle {
 public:
  // `crypto` verifies the transactions' signatures (the run's provider, unbilled: the oracle is
  // not a node).
  ValidityOracle(const runtime::Hash32& genesis_hash,
                 std::shared_ptr<const ledger::LedgerState> genesis_state,
                 const consensus::ValidatorSet& genesis_validators, std::uint64_t epoch_blocks,
                 consensus::InclusionRule rule, crypto::CryptoProvider& crypto,
                 std::uint64_t window = 16);

  void on_commit(runtime::NodeId node, const consensus::FinalizedBlock& finalized,
                 runtime::TimeNs now);
  // Checks honest nodes' commits only.
  void on_commit(const CommitEvent& commit) override {
    if (commit.honest) on_commit(commit.node, *commit.block, commit.now);
  }
  const std::optional<OracleViolation>* violation() const override { return &m_first; }
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

  const std::optional<OracleViolation>& first_violation() const { return m_first; }
  std::uint64_t blocks_checked() const { return m_checked; }

 private:
  // A checked block: the state after it, the set that decided it, its proposer, and the set that
  // decides its child.
  struct Entry {
    std::uint64_t height = 0;
    std::shared_ptr<const ledger::LedgerState> state;
    consensus::ValidatorSet decided_by;
    consensus::ValidatorIndex proposer = 0;
    consensus::ValidatorSet next;
  };
  // Why `block` is invalid on `parent`, or the state after it.
  struct Outcome {
    std::shared_ptr<const ledger::LedgerState> state;
    std::string invalid;
  };
  Outcome execute(const Entry& parent, const consensus::Block& block);

  std::uint64_t m_epoch_blocks;
  std::uint32_t m_max_block_txs;
  crypto::CryptoProvider& m_crypto;
  std::uint64_t m_window;
  consensus::ConsensusEvidenceVerifier m_evidence;
  std::map<runtime::Hash32, Entry> m_states;  // by block hash
  std::set<runtime::Hash32> m_seen;
  std::uint64_t m_checked = 0;
  std::optional<OracleViolation> m_first;
};

}  // namespace mn::sim
