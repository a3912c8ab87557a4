// Property tests of the Merkle tree and its proofs: for any leaf list and any index, the proof
// verifies, and only for that leaf; proofs survive the codec unchanged; and the proof decoder
// never crashes on arbitrary bytes, accepting only canonical encodings.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/merkle/merkle.h"

namespace mn::merkle {
namespace {

using runtime::Bytes;
using runtime::Hash32;

constexpr std::size_t kMaxLeaves = 300;

std::vector<Hash32> gen_leaves() {
  const auto count = *rc::gen::inRange<std::size_t>(1, kMaxLeaves + 1);
  const auto data = *rc::gen::container<std::vector<std::vector<std::uint8_t>>>(
      count, rc::gen::arbitrary<std::vector<std::uint8_t>>());
  std::vector<Hash32> leaves;
  leaves.reserve(data.size());
  for (const auto& item : data) leaves.push_back(leaf_hash(item));
  return leaves;
}

RC_GTEST_PROP(MerkleProperty, EveryProofVerifies, ()) {
  const std::vector<Hash32> leaves = gen_leaves();
  const auto index = *rc::gen::inRange<std::uint64_t>(0, leaves.size());
  const MerkleTree tree(leaves);
  RC_ASSERT(tree.root() == merkle_root(leaves));
  const auto proof = tree.prove(index);
  RC_ASSERT(proof.is_ok());
  RC_ASSERT(verify(tree.root(), leaves[index], *proof));
}

RC_GTEST_PROP(MerkleProperty, ADifferentLeafFails, (const std::vector<std::uint8_t>& other)) {
  const std::vector<Hash32> leaves = gen_leaves();
  const auto index = *rc::gen::inRange<std::uint64_t>(0, leaves.size());
  const Hash32 forged = leaf_hash(other);
  RC_PRE(forged != leaves[index]);
  const MerkleTree tree(leaves);
  RC_ASSERT(!verify(tree.root(), forged, tree.prove(index).value()));
}

RC_GTEST_PROP(MerkleProperty, EncodeDecodeRoundTrip, ()) {
  const std::vector<Hash32> leaves = gen_leaves();
  const auto index = *rc::gen::inRange<std::uint64_t>(0, leaves.size());
  const MerkleProof proof = prove(leaves, index).value();
  const auto decoded = MerkleProof::decode(proof.encode());
  RC_ASSERT(decoded.is_ok());
  RC_ASSERT(*decoded == proof);
}

RC_GTEST_PROP(MerkleProperty, DecoderSurvivesArbitraryBytes,
              (const std::vector<std::uint8_t>& tail)) {
  // Half the inputs start with a valid header, so the fields behind it get exercised too.
  Bytes input;
  if (*rc::gen::arbitrary<bool>()) input = {0x01, 0x0b, 0x01};
  input.insert(input.end(), tail.begin(), tail.end());
  const auto decoded = MerkleProof::decode(input);
  if (decoded.is_ok()) {
    RC_ASSERT(decoded->encode() == input);
    RC_ASSERT(decoded->siblings.size() == proof_length(decoded->index, decoded->leaf_count));
  }
}

RC_GTEST_PROP(MerkleProperty, DecoderSurvivesMutatedProofs, ()) {
  const std::vector<Hash32> leaves = gen_leaves();
  Bytes input = prove(leaves, *rc::gen::inRange<std::uint64_t>(0, leaves.size())).value().encode();
  const auto position = *rc::gen::inRange<std::size_t>(0, input.size());
  input[position] ^= *rc::gen::inRange<std::uint8_t>(1, 255);
  const auto decoded = MerkleProof::decode(input);
  if (decoded.is_ok()) RC_ASSERT(decoded->encode() == input);
}

}  // namespace
}  // namespace mn::merkle
