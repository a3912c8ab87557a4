#include "core/ledger/account.h"

#include <cstdint>

#include <gtest/gtest.h>

#include "core/codec/limits.h"

namespace mn::ledger {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

Account sample(bool with_key) {
  Account account;
  account.address.fill(0x42);
  account.balance = 1'234'567;
  account.nonce = 89;
  if (with_key) {
    crypto::PublicKey key{};
    key.fill(0x07);
    account.public_key = key;
  }
  return account;
}

TEST(Account, RoundTripsWithAndWithoutKey) {
  for (const bool with_key : {false, true}) {
    const Account account = sample(with_key);
    const Bytes bytes = account.encode();
    auto decoded = Account::decode(bytes);
    ASSERT_TRUE(decoded) << decoded.status().to_string();
    EXPECT_EQ(*decoded, account);
  }
}

TEST(Account, DecodeIsStrict) {
  const Bytes bytes = sample(true).encode();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const Bytes prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(Account::decode(prefix).status().code(), ErrorCode::kTruncated) << n;
  }
  Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(Account::decode(longer).status().code(), ErrorCode::kTrailingBytes);

  Bytes other_tag = bytes;
  other_tag[0] ^= 1;
  EXPECT_EQ(Account::decode(other_tag).status().code(), ErrorCode::kInvalidArgument);

  Bytes newer = bytes;
  newer[2] = 2;
  EXPECT_EQ(Account::decode(newer).status().code(), ErrorCode::kBadVersion);

  // The has-key flag is a bool: only 0 and 1 are encodings.
  Bytes flag = sample(false).encode();
  flag.back() = 2;
  EXPECT_EQ(Account::decode(flag).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace mn::ledger
