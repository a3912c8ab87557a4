// VerkleTree: an authenticated map from 32-byte keys (bucket ids, uniformly distributed hashes) to
// 32-byte values (bucket leaf hashes), committed with width-256 Pedersen vector commitments.
//
// Shape (stem style): every inner node is a commitment to 256 slots indexed by one key byte; the
// root branches on key[0], its inner children on key[1], and so on. A key hangs as a leaf at the
// shallowest depth where no other key shares its prefix: slot key[d-1] of the inner node with
// prefix key[0..d-1) holds leaf_scalar(key, value); a slot whose subtree holds two or more keys
// holds node_scalar(child commitment); an empty slot holds zero. The shape, and so the root,
// depends only on the set of (key, value) pairs, never on the order of insertion.
//
// insert() updates the commitments along one path incrementally: each changed slot costs one
// fixed-base multiplication, C' = C + (new - old) G_slot, never a recomputation. prove() makes a
// VerkleProof for any set of present keys. Deterministic; not thread-safe for writers (readers of
// an unchanging tree may share it).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <utility>

#include "core/runtime/result.h"
#include "core/verkle/crs.h"
#include "core/verkle/point.h"
#include "core/verkle/verkle_proof.h"

namespace mn::verkle {

class VerkleTree {
 public:
  explicit VerkleTree(std::shared_ptr<const Crs> crs);
  ~VerkleTree();
  VerkleTree(VerkleTree&&) noexcept;
  VerkleTree& operator=(VerkleTree&&) noexcept;
  VerkleTree(const VerkleTree&) = delete;
  VerkleTree& operator=(const VerkleTree&) = delete;

  // Inserts `key` or replaces its value.
  void insert(const Key& key, const Value& value);
  std::optional<Value> get(const Key& key) const;
  std::size_t size() const { return m_size; }

  // The root commitment (the identity for an empty tree).
  const Point& root() const;
  // The depth at which `key` hangs (1 = directly below the root), or nullopt if absent.
  std::optional<std::size_t> depth(const Key& key) const;

  // Every commitment recomputed from the leaves with full multi-scalar multiplications: what
  // root() must equal. For audits and tests; O(nodes) 256-term MSMs.
  Point recompute_root() const;

  // A proof that each of `keys` holds its current value. kInvalidArgument for no keys, more than
  // kMaxProofKeys or a duplicate; kNotFound if a key is absent.
  runtime::Result<VerkleProof> prove(std::span<const Key> keys) const;

 private:
  struct InnerNode;
  struct Leaf;

  // The leaf holding `key` and its depth (1 for a child of the root); {nullptr, 0} if none.
  std::pair<const Leaf*, std::size_t> find(const Key& key) const;
  void set_slot(InnerNode& node, std::size_t slot, const Scalar& value) const;
  std::unique_ptr<InnerNode> split(std::unique_ptr<Leaf> a, const Scalar& a_value,
                                   std::unique_ptr<Leaf> b, const Scalar& b_value,
                                   std::size_t depth) const;
  Point recompute(const InnerNode& node) const;
  const InnerNode* find_node(runtime::ByteView prefix) const;

  std::shared_ptr<const Crs> m_crs;
  std::unique_ptr<InnerNode> m_root;
  std::size_t m_size = 0;
};

}  // namespace mn::verkle
