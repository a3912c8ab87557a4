#include "core/verkle/verkle_tree.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "core/runtime/assert.h"
#include "core/verkle/transcript.h"

namespace mn::verkle {

namespace {
constexpr std::size_t kWidth = Generators::kWidth;
}  // namespace

struct VerkleTree::Leaf {
  Key key{};
  Value value{};
};

struct VerkleTree::InnerNode {
  // Invariant: commitment == sum slots[i] G_i, and slots[i] is what children[i] implies.
  Point commitment;
  std::array<Scalar, kWidth> slots{};
  // At most one of the two is set per slot; neither for an empty slot.
  std::array<std::unique_ptr<InnerNode>, kWidth> nodes;
  std::array<std::unique_ptr<Leaf>, kWidth> leaves;
};

VerkleTree::VerkleTree(std::shared_ptr<const Crs> crs)
    : m_crs(std::move(crs)), m_root(std::make_unique<InnerNode>()) {
  MN_ASSERT(m_crs != nullptr);
}

VerkleTree::~VerkleTree() = default;
VerkleTree::VerkleTree(VerkleTree&&) noexcept = default;
VerkleTree& VerkleTree::operator=(VerkleTree&&) noexcept = default;

const Point& VerkleTree::root() const {
  return m_root->commitment;
}

void VerkleTree::set_slot(InnerNode& node, std::size_t slot, const Scalar& value) const {
  const Scalar delta = value - node.slots[slot];
  if (delta.is_zero()) return;
  node.commitment += m_crs->generators().mul_g(slot, delta);
  node.slots[slot] = value;
}

std::unique_ptr<VerkleTree::InnerNode> VerkleTree::split(std::unique_ptr<Leaf> a,
                                                         const Scalar& a_value,
                                                         std::unique_ptr<Leaf> b,
                                                         const Scalar& b_value,
                                                         std::size_t depth) const {
  MN_ASSERT(depth < kKeyBytes);  // distinct keys differ in some byte
  auto node = std::make_unique<InnerNode>();
  const std::uint8_t a_slot = a->key[depth];
  const std::uint8_t b_slot = b->key[depth];
  if (a_slot != b_slot) {
    set_slot(*node, a_slot, a_value);
    set_slot(*node, b_slot, b_value);
    node->leaves[a_slot] = std::move(a);
    node->leaves[b_slot] = std::move(b);
    return node;
  }
  std::unique_ptr<InnerNode> child = split(std::move(a), a_value, std::move(b), b_value, depth + 1);
  set_slot(*node, a_slot, node_scalar(child->commitment.encode()));
  node->nodes[a_slot] = std::move(child);
  return node;
}

void VerkleTree::insert(const Key& key, const Value& value) {
  const Scalar leaf_value = leaf_scalar(key, value);
  std::vector<std::pair<InnerNode*, std::uint8_t>> ancestors;
  InnerNode* node = m_root.get();
  std::size_t depth = 0;
  while (node->nodes[key[depth]] != nullptr) {
    ancestors.emplace_back(node, key[depth]);
    node = node->nodes[key[depth]].get();
    ++depth;
    MN_ASSERT(depth < kKeyBytes);
  }
  const std::uint8_t slot = key[depth];
  std::unique_ptr<Leaf>& leaf = node->leaves[slot];
  if (leaf == nullptr) {
    leaf = std::make_unique<Leaf>(Leaf{key, value});
    ++m_size;
    set_slot(*node, slot, leaf_value);
  } else if (leaf->key == key) {
    if (leaf->value == value) return;
    leaf->value = value;
    set_slot(*node, slot, leaf_value);
  } else {
    const Scalar old_value = node->slots[slot];
    std::unique_ptr<InnerNode> child =
        split(std::move(leaf), old_value, std::make_unique<Leaf>(Leaf{key, value}), leaf_value,
              depth + 1);
    ++m_size;
    set_slot(*node, slot, node_scalar(child->commitment.encode()));
    node->nodes[slot] = std::move(child);
  }
  // The changed node's commitment moves every slot above it on the path.
  const InnerNode* changed = node;
  for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
    set_slot(*it->first, it->second, node_scalar(changed->commitment.encode()));
    changed = it->first;
  }
}

std::pair<const VerkleTree::Leaf*, std::size_t> VerkleTree::find(const Key& key) const {
  const InnerNode* node = m_root.get();
  for (std::size_t depth = 0; depth < kKeyBytes; ++depth) {
    const std::uint8_t slot = key[depth];
    if (node->nodes[slot] != nullptr) {
      node = node->nodes[slot].get();
      continue;
    }
    const Leaf* leaf = node->leaves[slot].get();
    if (leaf != nullptr && leaf->key == key) return {leaf, depth + 1};
    break;
  }
  return {nullptr, 0};
}

std::optional<Value> VerkleTree::get(const Key& key) const {
  const Leaf* leaf = find(key).first;
  if (leaf == nullptr) return std::nullopt;
  return leaf->value;
}

std::optional<std::size_t> VerkleTree::depth(const Key& key) const {
  const auto [leaf, depth] = find(key);
  if (leaf == nullptr) return std::nullopt;
  return depth;
}

Point VerkleTree::recompute(const InnerNode& node) const {
  std::vector<Scalar> slots(kWidth);
  for (std::size_t i = 0; i < kWidth; ++i) {
    if (node.nodes[i] != nullptr) {
      slots[i] = node_scalar(recompute(*node.nodes[i]).encode());
    } else if (node.leaves[i] != nullptr) {
      slots[i] = leaf_scalar(node.leaves[i]->key, node.leaves[i]->value);
    }
  }
  return m_crs->generators().commit(slots);
}

Point VerkleTree::recompute_root() const {
  return recompute(*m_root);
}

const VerkleTree::InnerNode* VerkleTree::find_node(runtime::ByteView prefix) const {
  const InnerNode* node = m_root.get();
  for (std::uint8_t byte : prefix) {
    node = node->nodes[byte].get();
    MN_ASSERT(node != nullptr);
  }
  return node;
}

runtime::Result<VerkleProof> VerkleTree::prove(std::span<const Key> keys_in) const {
  if (keys_in.empty() || keys_in.size() > kMaxProofKeys) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "tree proof: key count");
  }
  std::vector<Key> keys(keys_in.begin(), keys_in.end());
  std::sort(keys.begin(), keys.end());
  if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "tree proof: duplicate key");
  }
  VerkleProof proof;
  for (const Key& key : keys) {
    const std::optional<std::size_t> key_depth = depth(key);
    if (!key_depth) return runtime::Status(runtime::ErrorCode::kNotFound, "tree proof: no key");
    proof.depths.push_back(static_cast<std::uint8_t>(*key_depth));
  }
  const runtime::Result<ProofLayout> layout = ProofLayout::build(keys, proof.depths);
  MN_ASSERT_MSG(layout.is_ok(), "a tree's own paths form a layout");

  std::vector<const InnerNode*> nodes;
  nodes.reserve(layout->prefixes.size());
  for (const runtime::Bytes& prefix : layout->prefixes) nodes.push_back(find_node(prefix));
  for (std::size_t i = 1; i < nodes.size(); ++i) proof.commitments.push_back(nodes[i]->commitment);

  std::vector<ProverQuery> queries;
  queries.reserve(layout->openings.size());
  for (const ProofLayout::Opening& opening : layout->openings) {
    const InnerNode& node = *nodes[opening.node];
    queries.push_back(ProverQuery{node.commitment, node.slots, opening.slot});
  }
  Transcript transcript(kTreeProofProtocol);
  runtime::Result<MultiProof> multiproof = MultiProof::prove(*m_crs, transcript, queries);
  if (!multiproof.is_ok()) return multiproof.status();
  proof.multiproof = *multiproof;
  return proof;
}

}  // namespace mn::verkle
