// Validity: every block an honest node commits is valid under the ledger rules, judged by an
// independent re-execution — the oracle decodes the payload itself and applies every transaction
// to its own copy of the parent's state, outside the nodes' execution caches. A block is valid if
// its payload decodes, holds at most max_block_txs transactions, every one applies (signature,
// nonce, funds, fee), conservation holds after it, and the resulting state root is the one its
// header commits to. Each distinct block is checked once, on the first honest commit.
//
// Keeps reference states for the most recent `window` heights, so a fork deeper than that is not
// re-executed (the agreement oracle has reported it by then). The first violation is kept.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/consensus/messages.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/ledger_state.h"
#include "sim/oracles/oracle_violation.h"

namespace mn::sim {

class ValidityOracle {
 public:
  // `crypto` verifies the transactions' signatures (the run's provider, unbilled: the oracle is
  // not a node).
  ValidityOracle(const runtime::Hash32& genesis_hash,
                 std::shared_ptr<const ledger::LedgerState> genesis_state,
                 std::uint32_t max_block_txs, crypto::CryptoProvider& crypto,
                 std::uint64_t window = 16);

  void on_commit(runtime::NodeId node, const consensus::FinalizedBlock& finalized,
                 runtime::TimeNs now);

  const std::optional<OracleViolation>& first_violation() const { return m_first; }
  std::uint64_t blocks_checked() const { return m_checked; }

 private:
  // Why `block` is invalid on `parent`, or the state after it.
  struct Outcome {
    std::shared_ptr<const ledger::LedgerState> state;
    std::string invalid;
  };
  Outcome execute(const ledger::LedgerState& parent, const consensus::Block& block);

  std::uint32_t m_max_block_txs;
  crypto::CryptoProvider& m_crypto;
  std::uint64_t m_window;
  std::map<runtime::Hash32, std::pair<std::uint64_t, std::shared_ptr<const ledger::LedgerState>>>
      m_states;  // block hash -> (height, state after it)
  std::set<runtime::Hash32> m_seen;
  std::uint64_t m_checked = 0;
  std::optional<OracleViolation> m_first;
};

}  // namespace mn::sim
