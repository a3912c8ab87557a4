#include "sim/oracles/validity_oracle.h"

#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/codec/hex.h"
#include "core/consensus/auction_section.h"
#include "core/consensus/block_executor.h"
#include "core/consensus/block_payload.h"
#include "core/consensus/committed_chain.h"

namespace mn::sim {

ValidityOracle::ValidityOracle(const runtime::Hash32& genesis_hash,
                               std::shared_ptr<const ledger::LedgerState> genesis_state,
                               const consensus::ValidatorSet& genesis_validators,
                               std::uint64_t epoch_blocks, consensus::InclusionRule rule,
                               crypto::CryptoProvider& crypto, std::uint64_t window)
    : m_epoch_blocks(epoch_blocks),
      m_max_block_txs(rule.max_block_txs),
      m_crypto(crypto),
      m_window(window),
      m_evidence(rule) {
  m_states.emplace(genesis_hash,
                   Entry{0, std::move(genesis_state), genesis_validators, 0, genesis_validators});
}

ValidityOracle::Outcome ValidityOracle::execute(const Entry& parent,
                                                const consensus::Block& block) {
  auto payload = consensus::BlockPayload::decode(block.payload);
  if (!payload) return {nullptr, "payload does not decode: " + payload.status().message()};
  const auto& txs = payload->txs;
  if (txs.size() > m_max_block_txs) {
    return {nullptr, std::to_string(txs.size()) + " transactions, more than a block holds (" +
                         std::to_string(m_max_block_txs) + ")"};
  }
  if (block.header.validator_set != parent.next.hash())
    return {nullptr, "names a validator set other than its epoch's"};
  auto start = consensus::BlockExecutor::block_start(
      block.header.height, block.header.parent, parent.decided_by, parent.proposer,
      payload->parent_commit.get(), nullptr, m_crypto);
  if (!start) return {nullptr, start.status().message()};
  if (auto s = consensus::check_auction_section(payload->auction, *parent.state,
                                                block.header.height, m_crypto);
      !s.is_ok())
    return {nullptr, s.message()};
  auto state = std::make_shared<ledger::LedgerState>(*parent.state);
  state->begin_block(*start);
  for (std::size_t i = 0; i < txs.size(); ++i) {
    const ledger::TxResult result = state->apply(txs[i], m_crypto, &m_evidence);
    if (result != ledger::TxResult::kOk) {
      return {nullptr, "transaction " + std::to_string(i) + " does not apply (" +
                           ledger::tx_result_name(result) + ")"};
    }
  }
  state->end_block();
  if (auto s = state->check_conservation(); !s.is_ok()) return {nullptr, s.message()};
  if (state->state_root() != block.header.state_root) {
    return {nullptr, "state root " + codec::to_hex(block.header.state_root).substr(0, 16) +
                         " but re-execution gives " +
                         codec::to_hex(state->state_root()).substr(0, 16)};
  }
  return {std::move(state), ""};
}

void ValidityOracle::on_commit(runtime::NodeId node, const consensus::FinalizedBlock& finalized,
                               runtime::TimeNs now) {
  const consensus::Block& block = *finalized.block;
  if (!m_seen.insert(block.hash).second) return;
  const auto parent = m_states.find(block.header.parent);
  if (parent == m_states.end()) return;  // a fork older than the window
  ++m_checked;
  Outcome outcome = execute(parent->second, block);
  if (!outcome.state) {
    if (!m_first)
      m_first = OracleViolation{"validity",
                                now,
                                {node},
                                block.header.height,
                                "committed an invalid block: " + outcome.invalid};
    return;
  }
  const std::uint64_t height = block.header.height;
  Entry entry{height, std::move(outcome.state), parent->second.next, block.header.proposer,
              parent->second.next};
  // The ledger's epoch rule, applied here on the oracle's own states.
  if (m_epoch_blocks != 0 && height % m_epoch_blocks == 0) {
    if (auto next = consensus::validator_set_from_stakes(*entry.state)) entry.next = *next;
  }
  m_states.emplace(block.hash, std::move(entry));
  for (auto it = m_states.begin(); it != m_states.end();) {
    it = it->second.height + m_window <= height ? m_states.erase(it) : std::next(it);
  }
}

void ValidityOracle::fill_report(RunReport& report) const {
  if (m_first) report.violations.push_back(*m_first);
}

void ValidityOracle::add_verdicts(const VerdictContext& /*context*/, RunReport& report) const {
  add_verdict(
      report, "oracle.validity", "every committed block is valid by independent re-execution",
      !m_first.has_value(),
      m_first ? m_first->detail : fmt::format("{} blocks re-executed, all valid", m_checked));
}

}  // namespace mn::sim
