#include "core/ledger/ledger_state.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/simulated_crypto_provider.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/account_proof.h"
#include "core/ledger/genesis.h"
#include "core/poe/poe_module.h"
#include "core/rewards/receipts_module.h"
#include "core/staking/staking_module.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

using runtime::Bytes;
using testing::address_of;
using testing::key_of;

constexpr std::uint64_t kBalance = 1'000'000;

class LedgerStateTest : public ::testing::Test {
 protected:
  LedgerStateTest()
      : m_alice(key_of(m_crypto, 1)),
        m_bob(key_of(m_crypto, 2)),
        m_carol(key_of(m_crypto, 3)),
        m_state(testing::state_of(testing::genesis_of({m_alice, m_bob}, kBalance))),
        m_fee(testing::transfer_fee(m_state.fee_params())) {}

  Transaction transfer(const crypto::KeyPair& from, const crypto::KeyPair& to, std::uint64_t amount,
                       std::uint64_t nonce) {
    return make_transfer(from, address_of(to), amount, nonce, m_fee, m_crypto);
  }

  // Applies `tx`, expects `expected`, and for a rejection that nothing changed.
  void expect_result(const Transaction& tx, TxResult expected) {
    const LedgerState before = m_state;
    const runtime::Hash32 root = m_state.state_root();
    const TxResult result = m_state.apply(tx, m_crypto);
    EXPECT_EQ(result, expected) << tx_result_name(result) << " != " << tx_result_name(expected);
    if (expected != TxResult::kOk) {
      EXPECT_EQ(m_state, before);
      EXPECT_EQ(m_state.state_root(), root);
    }
    EXPECT_TRUE(m_state.check_conservation().is_ok());
  }

  crypto::SimulatedCryptoProvider m_crypto;
  crypto::KeyPair m_alice;
  crypto::KeyPair m_bob;
  crypto::KeyPair m_carol;  // not in genesis
  LedgerState m_state;
  std::uint64_t m_fee;
};

TEST_F(LedgerStateTest, TransferMovesAmountAndFee) {
  const runtime::Hash32 root = m_state.state_root();
  expect_result(transfer(m_alice, m_bob, 250, 1), TxResult::kOk);
  const Account* alice = m_state.find_account(address_of(m_alice));
  const Account* bob = m_state.find_account(address_of(m_bob));
  ASSERT_NE(alice, nullptr);
  ASSERT_NE(bob, nullptr);
  EXPECT_EQ(alice->balance, kBalance - 250 - m_fee);
  EXPECT_EQ(alice->nonce, 1u);
  EXPECT_EQ(bob->balance, kBalance + 250);
  EXPECT_EQ(bob->nonce, 0u);
  EXPECT_EQ(m_state.pools().rent_pool, m_fee);
  EXPECT_NE(m_state.state_root(), root);

  expect_result(transfer(m_alice, m_bob, 1, 2), TxResult::kOk);
  EXPECT_EQ(m_state.find_account(address_of(m_alice))->nonce, 2u);
  EXPECT_EQ(m_state.pools().rent_pool, 2 * m_fee);
}

TEST_F(LedgerStateTest, TransferCreatesTheRecipientWithoutAKey) {
  ASSERT_EQ(m_state.find_account(address_of(m_carol)), nullptr);
  expect_result(transfer(m_alice, m_carol, 5'000, 1), TxResult::kOk);
  const Account* carol = m_state.find_account(address_of(m_carol));
  ASSERT_NE(carol, nullptr);
  EXPECT_EQ(carol->address, address_of(m_carol));
  EXPECT_EQ(carol->balance, 5'000u);
  EXPECT_EQ(carol->nonce, 0u);
  EXPECT_FALSE(carol->public_key.has_value());
  EXPECT_EQ(m_state.accounts().size(), 3u);

  // Once funded, the new account spends, and its key is learned from its first transaction.
  expect_result(transfer(m_carol, m_bob, 100, 1), TxResult::kOk);
  carol = m_state.find_account(address_of(m_carol));
  ASSERT_TRUE(carol->public_key.has_value());
  EXPECT_EQ(*carol->public_key, m_carol.public_key);
  EXPECT_EQ(carol->balance, 5'000 - 100 - m_fee);
}

TEST_F(LedgerStateTest, TransferToSelfPaysOnlyTheFee) {
  expect_result(transfer(m_alice, m_alice, 400, 1), TxResult::kOk);
  const Account* alice = m_state.find_account(address_of(m_alice));
  EXPECT_EQ(alice->balance, kBalance - m_fee);
  EXPECT_EQ(alice->nonce, 1u);
}

TEST_F(LedgerStateTest, ZeroAmountTransferStillPaysTheFeeAndUsesTheNonce) {
  expect_result(transfer(m_alice, m_bob, 0, 1), TxResult::kOk);
  EXPECT_EQ(m_state.find_account(address_of(m_alice))->balance, kBalance - m_fee);
  expect_result(transfer(m_alice, m_bob, 0, 1), TxResult::kWrongNonce);
}

TEST_F(LedgerStateTest, ReplayIsWrongNonce) {
  const Transaction tx = transfer(m_alice, m_bob, 10, 1);
  expect_result(tx, TxResult::kOk);
  expect_result(tx, TxResult::kWrongNonce);
}

TEST_F(LedgerStateTest, NonceMustBeExactlyNext) {
  expect_result(transfer(m_alice, m_bob, 10, 0), TxResult::kWrongNonce);
  expect_result(transfer(m_alice, m_bob, 10, 2), TxResult::kWrongNonce);
  expect_result(transfer(m_alice, m_bob, 10, UINT64_MAX), TxResult::kWrongNonce);
  expect_result(transfer(m_alice, m_bob, 10, 1), TxResult::kOk);
}

TEST_F(LedgerStateTest, BadSignatureIsRejected) {
  Transaction tx = transfer(m_alice, m_bob, 10, 1);
  tx.signature[3] ^= 1;
  expect_result(tx, TxResult::kBadSignature);

  // Bob signs a transaction claiming to come from Alice.
  Transaction forged = transfer(m_alice, m_bob, 10, 1);
  forged.sign(m_bob.secret_key, m_crypto);
  expect_result(forged, TxResult::kBadSignature);

  // A valid signature over different fields.
  Transaction altered = transfer(m_alice, m_bob, 10, 1);
  altered.payload = TransferPayload{address_of(m_carol), 10}.encode();
  expect_result(altered, TxResult::kBadSignature);
}

TEST_F(LedgerStateTest, FeeFloorIsExact) {
  expect_result(make_transfer(m_alice, address_of(m_bob), 10, 1, m_fee - 1, m_crypto),
                TxResult::kFeeTooLow);
  expect_result(make_transfer(m_alice, address_of(m_bob), 10, 1, m_fee, m_crypto), TxResult::kOk);
}

TEST_F(LedgerStateTest, FundsMustCoverAmountPlusFee) {
  const std::uint64_t all = kBalance - m_fee;
  expect_result(transfer(m_alice, m_bob, all + 1, 1), TxResult::kInsufficientFunds);
  // amount + fee above 2^64 is simply more than any balance, not a wrap-around.
  expect_result(transfer(m_alice, m_bob, UINT64_MAX, 1), TxResult::kInsufficientFunds);
  expect_result(transfer(m_alice, m_bob, all, 1), TxResult::kOk);
  EXPECT_EQ(m_state.find_account(address_of(m_alice))->balance, 0u);
}

TEST_F(LedgerStateTest, UnknownSenderIsRejected) {
  expect_result(transfer(m_carol, m_bob, 0, 1), TxResult::kSenderUnknown);
}

TEST_F(LedgerStateTest, TypesNotExecutedYetAreUnsupported) {
  for (const TxType type : {TxType::kParamUpdate}) {
    const Transaction tx = make_transaction(
        type, m_alice, 1, 1'000'000, TransferPayload{address_of(m_bob), 1}.encode(), m_crypto);
    expect_result(tx, TxResult::kUnsupportedType);
  }
}

TEST_F(LedgerStateTest, MalformedPayloadIsBadEncoding) {
  expect_result(
      make_transaction(TxType::kTransfer, m_alice, 1, 1'000'000, Bytes{1, 2, 3}, m_crypto),
      TxResult::kBadEncoding);
  Bytes trailing = TransferPayload{address_of(m_bob), 1}.encode();
  trailing.push_back(0);
  expect_result(make_transaction(TxType::kTransfer, m_alice, 1, 1'000'000, trailing, m_crypto),
                TxResult::kBadEncoding);
  // A struct built in-process can exceed the bound that decoding enforces.
  Transaction oversized = transfer(m_alice, m_bob, 1, 1);
  oversized.payload.assign(kMaxPayloadBytes + 1, 0);
  expect_result(oversized, TxResult::kBadEncoding);
}

TEST_F(LedgerStateTest, ConservationHoldsAcrossManyTransfers) {
  const std::vector<crypto::KeyPair> keys = {m_alice, m_bob};
  std::uint64_t nonces[2] = {0, 0};
  for (std::uint64_t i = 0; i < 50; ++i) {
    const std::size_t from = i % 2;
    expect_result(
        transfer(keys[from], i % 3 == 0 ? m_carol : keys[1 - from], i * 7, ++nonces[from]),
        TxResult::kOk);
  }
  ASSERT_TRUE(m_state.check_conservation().is_ok());
  runtime::Uint128 total = m_state.pools().sum();
  m_state.accounts().for_each([&total](const Account& account) { total += account.balance; });
  EXPECT_EQ(total, runtime::Uint128{m_state.genesis_supply()});
  EXPECT_EQ(m_state.pools().rent_pool, 50 * m_fee);
}

TEST_F(LedgerStateTest, StateRootIsAPureFunctionOfTheAccounts) {
  // Same accounts, genesis listed in the other order.
  const LedgerState swapped = testing::state_of(testing::genesis_of({m_bob, m_alice}, kBalance));
  EXPECT_EQ(swapped.state_root(), m_state.state_root());

  LedgerState a = m_state;
  LedgerState b = m_state;
  ASSERT_EQ(a.apply(transfer(m_alice, m_bob, 5, 1), m_crypto), TxResult::kOk);
  ASSERT_EQ(b.apply(transfer(m_alice, m_bob, 5, 1), m_crypto), TxResult::kOk);
  EXPECT_EQ(a.state_root(), b.state_root());
  ASSERT_EQ(b.apply(transfer(m_alice, m_bob, 5, 2), m_crypto), TxResult::kOk);
  EXPECT_NE(a.state_root(), b.state_root());
}

TEST(AccountProof, LeafChangesWithEveryField) {
  Account base;
  base.address.fill(1);
  base.balance = 10;
  base.nonce = 2;
  const runtime::Hash32 leaf = account_leaf(base);

  Account changed = base;
  changed.address[19] ^= 1;
  EXPECT_NE(account_leaf(changed), leaf);
  changed = base;
  changed.balance += 1;
  EXPECT_NE(account_leaf(changed), leaf);
  changed = base;
  changed.nonce += 1;
  EXPECT_NE(account_leaf(changed), leaf);
  changed = base;
  changed.public_key = crypto::PublicKey{};
  EXPECT_NE(account_leaf(changed), leaf);
}

TEST_F(LedgerStateTest, ProofsVerifyForEveryAccount) {
  // A few more accounts so the tree has several levels and an odd leaf count.
  for (std::uint8_t n = 10; n < 16; ++n) {
    expect_result(transfer(m_alice, key_of(m_crypto, n), n, n - 9u), TxResult::kOk);
  }
  ASSERT_EQ(m_state.accounts().size(), 8u);
  expect_result(transfer(m_bob, m_carol, 1, 1), TxResult::kOk);
  ASSERT_EQ(m_state.accounts().size(), 9u);

  const runtime::Hash32 root = m_state.state_root();
  std::vector<Account> accounts;
  m_state.accounts().for_each([&accounts](const Account& account) { accounts.push_back(account); });
  for (const Account& account : accounts) {
    auto proof = m_state.prove_account(account.address);
    ASSERT_TRUE(proof) << proof.status().to_string();
    EXPECT_TRUE(verify_account(root, account, *proof));
  }
}

TEST_F(LedgerStateTest, ProofsFailWhenAnythingIsTampered) {
  expect_result(transfer(m_alice, m_carol, 77, 1), TxResult::kOk);
  const runtime::Hash32 root = m_state.state_root();
  const Account alice = *m_state.find_account(address_of(m_alice));
  auto proof = m_state.prove_account(alice.address);
  ASSERT_TRUE(proof);
  ASSERT_TRUE(verify_account(root, alice, *proof));

  Account forged = alice;
  forged.balance += 1;
  EXPECT_FALSE(verify_account(root, forged, *proof));
  forged = alice;
  forged.nonce -= 1;
  EXPECT_FALSE(verify_account(root, forged, *proof));
  forged = alice;
  forged.public_key.reset();
  EXPECT_FALSE(verify_account(root, forged, *proof));

  runtime::Hash32 other_root = root;
  other_root[0] ^= 1;
  EXPECT_FALSE(verify_account(other_root, alice, *proof));

  // Another account's proof does not prove this one.
  auto bob_proof = m_state.prove_account(address_of(m_bob));
  ASSERT_TRUE(bob_proof);
  EXPECT_FALSE(verify_account(root, alice, *bob_proof));

  // A proof whose summary digest was swapped (say, to hide the pools) fails.
  AccountProof other_summary = *proof;
  other_summary.summary_digest[5] ^= 1;
  EXPECT_FALSE(verify_account(root, alice, other_summary));

  // A proof against an older root fails after the account changed.
  expect_result(transfer(m_alice, m_bob, 1, 2), TxResult::kOk);
  EXPECT_FALSE(verify_account(m_state.state_root(), alice, *proof));
}

TEST_F(LedgerStateTest, StateRootCommitsToStakesPoolsSupplyAndFeesToo) {
  const auto root_of = [](const Genesis& g) { return testing::state_of(g).state_root(); };
  Genesis genesis = testing::genesis_of({m_alice, m_bob}, kBalance);
  const runtime::Hash32 root = root_of(genesis);
  Genesis staked = genesis;
  staked.validators.push_back({key_of(m_crypto, 9).public_key, 1});
  EXPECT_NE(root_of(staked), root);  // a stake alone, accounts unchanged
  EXPECT_EQ(testing::state_of(staked).accounts_root(), testing::state_of(genesis).accounts_root());
  Genesis fees = genesis;
  fees.fee_params.base_fee += 1;
  EXPECT_NE(root_of(fees), root);
  // A transfer moves its fee into the fee pool: the summary, not only the accounts, changes.
  const runtime::Hash32 summary = m_state.summary_digest();
  expect_result(transfer(m_alice, m_bob, 1, 1), TxResult::kOk);
  EXPECT_NE(m_state.summary_digest(), summary);
}

TEST_F(LedgerStateTest, StakeBondsBalanceUnderTheSendersKey) {
  const std::uint64_t fee = testing::stake_fee(m_state.fee_params());
  expect_result(make_stake(m_alice, 40'000, 1, fee, m_crypto), TxResult::kOk);
  expect_result(make_stake(m_alice, 2'000, 2, fee, m_crypto), TxResult::kOk);
  EXPECT_EQ(m_state.find_account(address_of(m_alice))->balance, kBalance - 42'000 - 2 * fee);
  EXPECT_EQ(m_state.find_account(address_of(m_alice))->nonce, 2u);
  const staking::Stake& stake =
      staking::StakingModule::state(m_state).stakes.at(address_of(m_alice));
  EXPECT_EQ(stake.amount, 42'000u);
  EXPECT_EQ(stake.validator_key, m_alice.public_key);
  EXPECT_EQ(m_state.pools().rent_pool, 2 * fee);
  // Bonding moves funds, it does not make them: supply is unchanged.
  EXPECT_EQ(m_state.genesis_supply(), 2 * kBalance);
}

TEST_F(LedgerStateTest, StakeFollowsTheSameRulesAsATransfer) {
  const std::uint64_t fee = testing::stake_fee(m_state.fee_params());
  expect_result(make_stake(m_alice, kBalance, 1, fee, m_crypto), TxResult::kInsufficientFunds);
  expect_result(make_stake(m_alice, 1, 2, fee, m_crypto), TxResult::kWrongNonce);
  expect_result(make_stake(m_alice, 1, 1, fee - 1, m_crypto), TxResult::kFeeTooLow);
  expect_result(make_stake(m_carol, 1, 1, fee, m_crypto), TxResult::kSenderUnknown);
  Transaction garbled = make_stake(m_alice, 1, 1, fee, m_crypto);
  garbled.payload.push_back(0);
  garbled.sign(m_alice.secret_key, m_crypto);
  expect_result(garbled, TxResult::kBadEncoding);
  Transaction forged = make_stake(m_alice, 1, 1, fee, m_crypto);
  forged.sign(m_bob.secret_key, m_crypto);
  expect_result(forged, TxResult::kBadSignature);
}

TEST_F(LedgerStateTest, UnstakeUnbondsAndReleasesAfterThePeriod) {
  const std::uint64_t fee = testing::stake_fee(m_state.fee_params());
  const Address alice = address_of(m_alice);
  expect_result(make_stake(m_alice, 1'000, 1, fee, m_crypto), TxResult::kOk);
  m_state.begin_block(BlockStart{1, {}, {}});
  expect_result(make_unstake(m_alice, 1'001, 2, fee, m_crypto), TxResult::kInsufficientStake);
  expect_result(make_unstake(m_alice, 0, 2, fee, m_crypto), TxResult::kInsufficientStake);
  expect_result(make_unstake(m_alice, 400, 2, fee, m_crypto), TxResult::kOk);
  EXPECT_EQ(staking::StakingModule::state(m_state).stakes.at(alice).amount, 600u);
  ASSERT_EQ(staking::StakingModule::state(m_state).unbonding.size(), 1u);
  const std::uint64_t release = 1 + m_state.economic_params().unbonding_blocks;
  EXPECT_EQ(staking::StakingModule::state(m_state).unbonding.begin()->first, release);
  const std::uint64_t balance = m_state.find_account(alice)->balance;
  for (std::uint64_t h = 2; h < release; ++h) m_state.begin_block(BlockStart{h, {}, {}});
  EXPECT_EQ(m_state.find_account(alice)->balance, balance);  // still bonded
  m_state.begin_block(BlockStart{release, {}, {}});
  EXPECT_EQ(m_state.find_account(alice)->balance, balance + 400);
  EXPECT_TRUE(staking::StakingModule::state(m_state).unbonding.empty());
  EXPECT_EQ(m_state.block_effects().released, 400u);
  EXPECT_TRUE(m_state.check_conservation().is_ok());
}

TEST_F(LedgerStateTest, StakeAndUnstakeRespectTheMinimumStake) {
  Genesis genesis = testing::genesis_of({m_alice, m_bob}, kBalance);
  genesis.economics.min_stake = 500;
  m_state = testing::state_of(genesis);
  const std::uint64_t fee = testing::stake_fee(m_state.fee_params());
  expect_result(make_stake(m_alice, 499, 1, fee, m_crypto), TxResult::kBelowMinStake);
  expect_result(make_stake(m_alice, 800, 1, fee, m_crypto), TxResult::kOk);
  // 800 - 301 leaves 499: neither nothing nor the minimum.
  expect_result(make_unstake(m_alice, 301, 2, fee, m_crypto), TxResult::kBelowMinStake);
  expect_result(make_unstake(m_alice, 300, 2, fee, m_crypto), TxResult::kOk);
  expect_result(make_unstake(m_alice, 500, 3, fee, m_crypto), TxResult::kOk);
  EXPECT_FALSE(staking::StakingModule::state(m_state).stakes.contains(address_of(m_alice)));
}

TEST_F(LedgerStateTest, PoeSubmitPaysItsRentIntoTheRentPoolOnce) {
  PoeSubmitPayload poe;
  poe.header.bpi_id[0] = 7;
  poe.header.timestamp = 42;
  poe.complexity = 20'000;
  poe.logbook_bytes = 100;
  poe.inclusion_priority = 5;
  // base 1000 + 20000 * 10000 / 10000 + 1 * 100 + 5 at the default schedule.
  const std::uint64_t rent = 21'105;
  ASSERT_EQ(*m_state.economic_params().rent.rent(20'000, 100, 5), rent);
  const auto submit = [&](std::uint64_t payment, std::uint64_t nonce,
                          const crypto::KeyPair& signer) {
    PoeSubmitPayload p = poe;
    p.header.rent_payment = payment;
    p.header.sign(signer.secret_key, m_crypto);
    const Bytes payload = p.encode();
    const auto fee = static_cast<std::uint64_t>(min_fee(m_state.fee_params(), payload.size()));
    return make_transaction(TxType::kPoeSubmit, m_alice, nonce, fee, payload, m_crypto);
  };
  expect_result(submit(rent - 1, 1, m_alice), TxResult::kRentTooLow);
  expect_result(submit(rent, 1, m_bob), TxResult::kBadPoeSignature);  // not the sender's
  const std::uint64_t balance = m_state.find_account(address_of(m_alice))->balance;
  const Transaction paid = submit(rent, 1, m_alice);
  expect_result(paid, TxResult::kOk);
  EXPECT_EQ(m_state.pools().rent_pool, rent + paid.fee);
  EXPECT_EQ(m_state.find_account(address_of(m_alice))->balance, balance - rent - paid.fee);
  EXPECT_EQ(poe::PoeModule::state(m_state).heights.size(), 1u);
  // The same header again (a fresh transaction) is a duplicate.
  expect_result(submit(rent, 2, m_alice), TxResult::kDuplicate);
}

TEST_F(LedgerStateTest, AReceiptClaimSettlesFromEscrowAndMintsOnce) {
  // Alice is the client, Bob the miner, Carol (no account yet) the coordinator.
  const auto amount_tx = [&](TxType type, std::uint64_t amount, std::uint64_t nonce) {
    const Bytes payload = AmountPayload{amount}.encode();
    const auto fee = static_cast<std::uint64_t>(min_fee(m_state.fee_params(), payload.size()));
    return make_transaction(type, m_alice, nonce, fee, payload, m_crypto);
  };
  rewards::ComputeReceipt receipt;
  receipt.receipt_id[0] = 9;
  receipt.miner = m_bob.public_key;
  receipt.client = m_alice.public_key;
  receipt.coordinator = m_carol.public_key;
  receipt.compute_units = 1'000;
  receipt.payment = 5'000;
  const auto claim = [&](const rewards::ComputeReceipt& r, std::uint64_t nonce) {
    const Bytes payload = r.encode();
    const auto fee = static_cast<std::uint64_t>(min_fee(m_state.fee_params(), payload.size()));
    return make_transaction(TxType::kReceiptClaim, m_alice, nonce, fee, payload, m_crypto);
  };
  rewards::ComputeReceipt forged = receipt;
  forged.sign(m_bob.secret_key, m_bob.secret_key, m_crypto);  // not the client's signature
  receipt.sign(m_bob.secret_key, m_alice.secret_key, m_crypto);

  expect_result(claim(receipt, 1), TxResult::kInsufficientFunds);  // nothing escrowed yet
  expect_result(amount_tx(TxType::kEscrowDeposit, 4'000, 1), TxResult::kOk);
  expect_result(claim(receipt, 2), TxResult::kInsufficientFunds);  // 4,000 < 5,000
  expect_result(amount_tx(TxType::kEscrowDeposit, 2'000, 2), TxResult::kOk);
  EXPECT_EQ(rewards::ReceiptsModule::state(m_state).escrows.at(address_of(m_alice)), 6'000u);
  expect_result(claim(forged, 3), TxResult::kBadReceipt);
  const std::uint64_t bob = m_state.find_account(address_of(m_bob))->balance;
  expect_result(claim(receipt, 3), TxResult::kOk);
  // Default minting: 1 unit per compute unit, 10 % of it to the coordinator.
  EXPECT_EQ(m_state.minted(), 1'000u);
  EXPECT_EQ(m_state.find_account(address_of(m_bob))->balance, bob + 5'000 + 900);
  EXPECT_EQ(m_state.find_account(address_of(m_carol))->balance, 100u);
  EXPECT_EQ(rewards::ReceiptsModule::state(m_state).escrows.at(address_of(m_alice)), 1'000u);
  expect_result(claim(receipt, 4), TxResult::kDuplicate);
}

TEST_F(LedgerStateTest, EvidenceNeedsAVerifier) {
  expect_result(make_transaction(TxType::kEvidence, m_alice, 1, 1'000'000, Bytes{1}, m_crypto),
                TxResult::kInvalidEvidence);
}

TEST_F(LedgerStateTest, ProvingAnUnknownAccountIsNotFound) {
  EXPECT_EQ(m_state.prove_account(address_of(m_carol)).status().code(),
            runtime::ErrorCode::kNotFound);
}

TEST(LedgerStateSodium, TransferUnderRealEd25519) {
  crypto::SodiumCryptoProvider crypto;
  const crypto::KeyPair alice = key_of(crypto, 1);
  const crypto::KeyPair bob = key_of(crypto, 2);
  LedgerState state = testing::state_of(testing::genesis_of({alice, bob}, kBalance));
  const std::uint64_t fee = testing::transfer_fee(state.fee_params());
  const Transaction tx = make_transfer(alice, address_of(bob), 42, 1, fee, crypto);
  EXPECT_EQ(state.apply(tx, crypto), TxResult::kOk);
  EXPECT_EQ(state.apply(tx, crypto), TxResult::kWrongNonce);
  Transaction forged = make_transfer(alice, address_of(bob), 42, 2, fee, crypto);
  forged.sign(bob.secret_key, crypto);
  EXPECT_EQ(state.apply(forged, crypto), TxResult::kBadSignature);
  EXPECT_EQ(state.find_account(address_of(bob))->balance, kBalance + 42);
  EXPECT_TRUE(state.check_conservation().is_ok());
}

}  // namespace
}  // namespace mn::ledger
