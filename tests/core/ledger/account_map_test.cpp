#include "core/ledger/account_map.h"

#include <cstdint>
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

using testing::spread_address;

Account account_of(std::uint32_t n, std::uint64_t balance) {
  Account account;
  account.address = spread_address(n);
  account.balance = balance;
  account.nonce = n;
  return account;
}

std::vector<Account> visited(const AccountMap& map) {
  std::vector<Account> out;
  map.for_each([&out](const Account& account) { out.push_back(account); });
  return out;
}

std::vector<Account> values(const std::map<Address, Account>& model) {
  std::vector<Account> out;
  out.reserve(model.size());
  for (const auto& [address, account] : model) out.push_back(account);
  return out;
}

TEST(AccountMap, MatchesAnOrderedMapThroughPutsAndSettles) {
  AccountMap map;
  std::map<Address, Account> model;
  std::uint64_t x = 99;
  for (int step = 0; step < 4000; ++step) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const auto n = static_cast<std::uint32_t>((x >> 33) % 700);
    if ((x >> 20) % 13 == 0) {
      map.settle();
    } else {
      const Account account = account_of(n, static_cast<std::uint64_t>(step));
      map.put(account);
      model[account.address] = account;
    }
    ASSERT_EQ(map.size(), model.size());
    const Account* found = map.find(spread_address(n));
    ASSERT_EQ(found != nullptr, model.contains(spread_address(n)));
    if (found != nullptr) {
      EXPECT_EQ(*found, model.at(spread_address(n)));
    }
    EXPECT_FALSE(map.contains(spread_address(n + 1000)));
    if (step % 97 == 0) {
      ASSERT_EQ(visited(map), values(model)) << "step " << step;
    }
  }
  map.settle();
  EXPECT_EQ(visited(map), values(model));
}

TEST(AccountMap, EqualityIgnoresWhetherAccountsAreSettled) {
  AccountMap settled;
  AccountMap pending;
  for (std::uint32_t n = 0; n < 50; ++n) {
    settled.put(account_of(n, 7));
    pending.put(account_of(49 - n, 7));
  }
  settled.settle();
  EXPECT_TRUE(settled == pending);
  pending.put(account_of(3, 8));
  EXPECT_FALSE(settled == pending);
  settled.put(account_of(3, 8));
  EXPECT_TRUE(settled == pending);
  settled.put(account_of(1000, 1));
  EXPECT_FALSE(settled == pending);
  EXPECT_TRUE(AccountMap{}.empty());
}

}  // namespace
}  // namespace mn::ledger
