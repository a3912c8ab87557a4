#include "core/crypto/remembered_signatures.h"

#include <map>
#include <tuple>

#include <gtest/gtest.h>

#include "core/runtime/rng.h"

namespace mn::crypto {
namespace {

template <typename Array>
Array random_bytes(runtime::Rng& rng) {
  Array bytes{};
  for (auto& b : bytes) b = static_cast<std::uint8_t>(rng.next_u64());
  return bytes;
}

TEST(RememberedSignatures, AgreesWithAnOrderedMapOverRandomInsertsAndLookups) {
  runtime::Rng rng(7, "remembered-signatures");
  RememberedSignatures table;
  std::map<std::tuple<PublicKey, runtime::Hash32>, Signature> model;
  // Few keys, so digests collide on a key and entries share home slots; many digests, so the
  // table grows through several doublings.
  std::vector<PublicKey> keys;
  keys.reserve(5);
  for (int i = 0; i < 5; ++i) keys.push_back(random_bytes<PublicKey>(rng));
  std::vector<runtime::Hash32> digests;
  digests.reserve(3000);
  for (int i = 0; i < 3000; ++i) digests.push_back(random_bytes<runtime::Hash32>(rng));
  for (int step = 0; step < 20000; ++step) {
    const PublicKey& key = keys[rng.next_u64() % keys.size()];
    const runtime::Hash32& digest = digests[rng.next_u64() % digests.size()];
    if (rng.next_u64() % 2 == 0) {
      const auto signature = random_bytes<Signature>(rng);
      table.insert_or_assign(key, digest, signature);
      model[{key, digest}] = signature;
    } else {
      const auto it = model.find({key, digest});
      const Signature* found = table.find(key, digest);
      if (it == model.end()) {
        EXPECT_EQ(found, nullptr);
      } else {
        ASSERT_NE(found, nullptr);
        EXPECT_EQ(*found, it->second);
      }
    }
  }
  EXPECT_EQ(table.size(), model.size());
  for (const auto& [key, signature] : model) {
    const Signature* found = table.find(std::get<0>(key), std::get<1>(key));
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(*found, signature);
  }
}

TEST(RememberedSignatures, NeverStoresOrFindsTheAllZeroKeyThatMarksEmptySlots) {
  RememberedSignatures table;
  runtime::Rng rng(8, "remembered-signatures");
  const auto digest = random_bytes<runtime::Hash32>(rng);
  // An empty slot holds a zero key, zero digest and zero signature: a lookup of exactly that
  // must not report a remembered signature.
  table.insert_or_assign(random_bytes<PublicKey>(rng), digest, random_bytes<Signature>(rng));
  EXPECT_EQ(table.find(PublicKey{}, runtime::Hash32{}), nullptr);
  table.insert_or_assign(PublicKey{}, digest, Signature{});
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.find(PublicKey{}, digest), nullptr);
}

TEST(RememberedSignatures, ForgetsEverythingPastItsBound) {
  RememberedSignatures table(100);
  runtime::Rng rng(9, "remembered-signatures");
  const auto key = random_bytes<PublicKey>(rng);
  std::vector<runtime::Hash32> digests;
  digests.reserve(100);
  for (int i = 0; i < 100; ++i) {
    digests.push_back(random_bytes<runtime::Hash32>(rng));
    table.insert_or_assign(key, digests.back(), Signature{});
  }
  EXPECT_EQ(table.size(), 100u);
  // Replacing a remembered signature is not a new entry.
  table.insert_or_assign(key, digests.front(), random_bytes<Signature>(rng));
  EXPECT_EQ(table.size(), 100u);
  const auto newest = random_bytes<runtime::Hash32>(rng);
  table.insert_or_assign(key, newest, Signature{});
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.find(key, digests.front()), nullptr);
  EXPECT_NE(table.find(key, newest), nullptr);
}

}  // namespace
}  // namespace mn::crypto
