#include "sim/oracles/validity_oracle.h"

#include <string>
#include <utility>

#include "core/codec/hex.h"
#include "core/consensus/ledger_application.h"

namespace mn::sim {

ValidityOracle::ValidityOracle(const runtime::Hash32& genesis_hash,
                               std::shared_ptr<const ledger::LedgerState> genesis_state,
                               std::uint32_t max_block_txs, crypto::CryptoProvider& crypto,
                               std::uint64_t window)
    : m_max_block_txs(max_block_txs), m_crypto(crypto), m_window(window) {
  m_states.emplace(genesis_hash, std::make_pair(std::uint64_t{0}, std::move(genesis_state)));
}

ValidityOracle::Outcome ValidityOracle::execute(const ledger::LedgerState& parent,
                                                const consensus::Block& block) {
  auto txs = consensus::LedgerApplication::decode_payload(block.payload);
  if (!txs) return {nullptr, "payload does not decode: " + txs.status().message()};
  if (txs->size() > m_max_block_txs) {
    return {nullptr, std::to_string(txs->size()) + " transactions, more than a block holds (" +
                         std::to_string(m_max_block_txs) + ")"};
  }
  auto state = std::make_shared<ledger::LedgerState>(parent);
  for (std::size_t i = 0; i < txs->size(); ++i) {
    const ledger::TxResult result = state->apply((*txs)[i], m_crypto);
    if (result != ledger::TxResult::kOk) {
      return {nullptr, "transaction " + std::to_string(i) + " does not apply (" +
                           ledger::tx_result_name(result) + ")"};
    }
  }
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
  Outcome outcome = execute(*parent->second.second, block);
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
  m_states.emplace(block.hash, std::make_pair(height, std::move(outcome.state)));
  for (auto it = m_states.begin(); it != m_states.end();) {
    it = it->second.first + m_window <= height ? m_states.erase(it) : std::next(it);
  }
}

}  // namespace mn::sim
