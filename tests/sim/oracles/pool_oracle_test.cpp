// The pool oracle judges each replacement a pool took against the version that pool held: one
// paying the bump passes, one a unit under it is caught; a replacement of a version never seen
// admitted there is not judged.
#include "sim/oracles/pool_oracle.h"

#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/address.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/simulator.h"

namespace mn::sim {
namespace {

class PoolOracleTest : public ::testing::Test {
 protected:
  PoolOracleTest() {
    crypto::KeySeed seed{};
    seed[0] = 7;
    m_key = m_crypto.keypair_from_seed(seed);
  }

  PoolAttackWorkload::Sent sent(runtime::NodeId validator, std::uint64_t fee,
                                ledger::AdmitResult verdict) {
    const ledger::Address to = ledger::address_from_public_key(m_key.public_key);
    return {validator,
            ledger::make_transaction(ledger::TxType::kTransfer, m_key, 2, fee,
                                     ledger::TransferPayload{to, 1}.encode(), m_crypto),
            false, verdict};
  }
  std::uint64_t bump(std::uint64_t fee) const {
    return static_cast<std::uint64_t>(ledger::min_replacement_fee(m_fees, fee));
  }
  RunReport judge(const std::vector<PoolAttackWorkload::Sent>& log, bool expect_bump) {
    auto scenario = load_scenario_text(R"({"name": "pool", "duration_s": 10,
        "validators": {"count": 4}, "consensus": {"block_interval_ms": 500},
        "network": {"nodes": 4}, "workload": {"transfers_per_s": 1, "accounts": 4}})");
    EXPECT_TRUE(scenario.is_ok()) << scenario.status().to_string();
    scenario->expect.pool.replacements_pay_bump = expect_bump;
    PoolOracle oracle(log, m_fees, m_crypto);
    RunReport report;
    oracle.fill_report(report);
    // No reactor is ever built: the simulator never runs.
    Simulator sim(*scenario, 1,
                  [](NodeId, runtime::Env&) { return std::unique_ptr<runtime::Reactor>(); });
    const std::vector<bool> honest(scenario->network.nodes, true);
    oracle.add_verdicts(VerdictContext{*scenario, honest, sim}, report);
    return report;
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_key;
  ledger::FeeParams m_fees;
};

TEST_F(PoolOracleTest, AReplacementPayingTheBumpPasses) {
  const std::uint64_t fee = 10'000;
  const RunReport report = judge({sent(0, fee, ledger::AdmitResult::kQueuedFuture),
                                  sent(0, bump(fee), ledger::AdmitResult::kReplaced)},
                                 true);
  EXPECT_EQ(report.pool_attack.replacements, 1u);
  EXPECT_EQ(report.pool_attack.underpaid_replacements, 0u);
  ASSERT_EQ(report.verdicts.size(), 1u);
  EXPECT_TRUE(report.verdicts[0].passed) << report.verdicts[0].observed;
}

TEST_F(PoolOracleTest, AReplacementUnderTheBumpIsCaught) {
  const std::uint64_t fee = 10'000;
  const RunReport report = judge({sent(1, fee, ledger::AdmitResult::kQueuedFuture),
                                  sent(1, bump(fee) - 1, ledger::AdmitResult::kReplaced)},
                                 true);
  EXPECT_EQ(report.pool_attack.underpaid_replacements, 1u);
  ASSERT_EQ(report.verdicts.size(), 1u);
  EXPECT_FALSE(report.verdicts[0].passed);
}

TEST_F(PoolOracleTest, OnlyTheVersionThatPoolHeldCounts) {
  // Validator 2 never admitted the first version: its replacement is not judged, and with no
  // replacement judged the expectation fails (it would check nothing).
  const RunReport report = judge({sent(1, 10'000, ledger::AdmitResult::kQueuedFuture),
                                  sent(2, 10'001, ledger::AdmitResult::kReplaced)},
                                 true);
  EXPECT_EQ(report.pool_attack.replacements, 0u);
  ASSERT_EQ(report.verdicts.size(), 1u);
  EXPECT_FALSE(report.verdicts[0].passed);
}

}  // namespace
}  // namespace mn::sim
