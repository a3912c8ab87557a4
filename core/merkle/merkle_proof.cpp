#include "core/merkle/merkle_proof.h"

#include <string>

#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/merkle/merkle_hash.h"
#include "core/runtime/assert.h"

namespace mn::merkle {

namespace {

// The merkle subsystem owns type tags 0x0bXX (ledger has 0x0dXX, consensus 0x0cXX).
constexpr std::uint16_t kMerkleProofTag = 0x0b01;
constexpr std::uint8_t kMerkleProofVersion = 1;

// Width of the level above a level of `width` nodes; written so that width = 2^64 - 1 cannot
// overflow.
std::uint64_t parent_width(std::uint64_t width) {
  return width / 2 + width % 2;
}

}  // namespace

std::size_t proof_length(std::uint64_t index, std::uint64_t leaf_count) {
  MN_ASSERT(index < leaf_count);
  std::size_t length = 0;
  for (std::uint64_t pos = index, width = leaf_count; width > 1;
       pos /= 2, width = parent_width(width)) {
    // Only the last node of an odd-width level lacks a sibling.
    if (pos % 2 == 1 || pos + 1 < width) ++length;
  }
  return length;
}

bool verify(const runtime::Hash32& root, const runtime::Hash32& leaf, const MerkleProof& proof) {
  const std::optional<runtime::Hash32> implied = implied_root(leaf, proof);
  return implied.has_value() && *implied == root;
}

std::optional<runtime::Hash32> implied_root(const runtime::Hash32& leaf, const MerkleProof& proof) {
  if (proof.index >= proof.leaf_count) return std::nullopt;
  if (proof.siblings.size() != proof_length(proof.index, proof.leaf_count)) return std::nullopt;
  runtime::Hash32 node = leaf;
  std::size_t next = 0;
  for (std::uint64_t pos = proof.index, width = proof.leaf_count; width > 1;
       pos /= 2, width = parent_width(width)) {
    if (pos % 2 == 1) {
      node = inner_hash(proof.siblings[next++], node);
    } else if (pos + 1 < width) {
      node = inner_hash(node, proof.siblings[next++]);
    }
  }
  return node;
}

runtime::Bytes MerkleProof::encode() const {
  MN_ASSERT(siblings.size() <= kMaxProofSiblings);
  codec::Writer w(codec::kHeaderBytes + 2 * codec::kMaxVarint64Bytes + 1 +
                  siblings.size() * sizeof(runtime::Hash32));
  codec::write_header(w, kMerkleProofTag, kMerkleProofVersion);
  w.write_varint(index);
  w.write_varint(leaf_count);
  w.write_count(siblings.size());
  for (const runtime::Hash32& sibling : siblings) w.write_fixed(sibling);
  return w.take();
}

runtime::Result<MerkleProof> MerkleProof::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kMerkleProofTag, kMerkleProofVersion); !v) return v.status();
  MerkleProof proof;
  auto index = r.read_varint();
  if (!index) return index.status();
  proof.index = *index;
  auto leaf_count = r.read_varint();
  if (!leaf_count) return leaf_count.status();
  proof.leaf_count = *leaf_count;
  if (proof.index >= proof.leaf_count) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "merkle proof index " + std::to_string(proof.index) +
                               " is not below its leaf count " + std::to_string(proof.leaf_count));
  }
  auto count = r.read_count(kMaxProofSiblings, sizeof(runtime::Hash32));
  if (!count) return count.status();
  const std::size_t expected = proof_length(proof.index, proof.leaf_count);
  if (*count != expected) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "merkle proof has " + std::to_string(*count) +
                               " siblings, its path has " + std::to_string(expected));
  }
  proof.siblings.resize(*count);
  for (runtime::Hash32& sibling : proof.siblings) {
    if (auto s = r.read_fixed(sibling); !s.is_ok()) return s;
  }
  if (auto s = r.finish(); !s.is_ok()) return s;
  return proof;
}

}  // namespace mn::merkle
