// Property tests of the Verkle tree: for any key set (keys crowded into shared prefixes so deep
// splits happen) inserted in any order, the root is the same and equals recomputation from
// scratch; a proof for any subset verifies, survives the codec, and fails once any proven value
// changes.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/verkle/verkle_tree.h"
#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

constexpr std::size_t kMaxKeys = 16;

// Keys whose first bytes come from a two-letter alphabet, so prefixes collide.
std::vector<KeyValue> gen_entries() {
  const auto count = *rc::gen::inRange<std::size_t>(1, kMaxKeys + 1);
  const auto crowded = *rc::gen::inRange<std::size_t>(0, 4);
  std::vector<KeyValue> entries;
  for (std::size_t i = 0; i < count; ++i) {
    KeyValue entry;
    for (std::size_t b = 0; b < kKeyBytes; ++b) {
      entry.key[b] =
          b < crowded ? *rc::gen::inRange<std::uint8_t>(0, 2) : *rc::gen::arbitrary<std::uint8_t>();
    }
    for (std::uint8_t& byte : entry.value) byte = *rc::gen::arbitrary<std::uint8_t>();
    entries.push_back(entry);
  }
  std::sort(entries.begin(), entries.end(),
            [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const KeyValue& a, const KeyValue& b) { return a.key == b.key; }),
                entries.end());
  return entries;
}

RC_GTEST_PROP(VerkleTreeProperty, RootIsOrderIndependentAndProofsVerify, ()) {
  const std::vector<KeyValue> entries = gen_entries();
  VerkleTree sorted_tree(test::shared_crs());
  for (const KeyValue& entry : entries) sorted_tree.insert(entry.key, entry.value);
  const auto shuffled = *rc::gen::arbitrary<std::vector<std::size_t>>();
  std::vector<KeyValue> order = entries;
  for (std::size_t i = 0; i < shuffled.size() && order.size() > 1; ++i) {
    std::swap(order[i % order.size()], order[shuffled[i] % order.size()]);
  }
  VerkleTree shuffled_tree(test::shared_crs());
  for (const KeyValue& entry : order) shuffled_tree.insert(entry.key, entry.value);
  RC_ASSERT(sorted_tree.root() == shuffled_tree.root());
  RC_ASSERT(sorted_tree.root() == sorted_tree.recompute_root());

  const auto take = *rc::gen::inRange<std::size_t>(1, entries.size() + 1);
  const std::vector<KeyValue> proven(order.begin(), order.begin() + static_cast<long>(take));
  std::vector<Key> keys;
  for (const KeyValue& entry : proven) keys.push_back(entry.key);
  const auto proof = shuffled_tree.prove(keys);
  RC_ASSERT(proof.is_ok());
  const auto decoded = VerkleProof::decode(proof->encode());
  RC_ASSERT(decoded.is_ok());
  const Crs& crs = *test::shared_crs();
  RC_ASSERT(decoded->verify(crs, sorted_tree.root(), proven));

  std::vector<KeyValue> wrong = proven;
  const auto victim = *rc::gen::inRange<std::size_t>(0, wrong.size());
  wrong[victim].value[*rc::gen::inRange<std::size_t>(0, 32)] ^= 0x40;
  RC_ASSERT(!decoded->verify(crs, sorted_tree.root(), wrong));
}

RC_GTEST_PROP(VerkleTreeProperty, ProofDecoderIsTotalAndCanonical, ()) {
  const auto bytes = *rc::gen::arbitrary<std::vector<std::uint8_t>>();
  const auto decoded = VerkleProof::decode(bytes);
  if (decoded.is_ok()) RC_ASSERT(decoded->encode() == bytes);
}

}  // namespace
}  // namespace mn::verkle
