// The Merkle tree over the accounts' leaf hashes in address order (shape in
// core/merkle/merkle_tree.h), kept up to date between blocks instead of rebuilt: put() records
// which leaves changed, settle() rehashes only the nodes above them, so a block that touches k of
// n accounts costs about k·log(n/k) hashes rather than n. New accounts wait in a side table until
// settle() merges them in one pass, so a genesis of n accounts costs O(n log n), not n shifts of
// the leaves. The root is the same as merkle::merkle_root() over the leaves; only the cost differs.
//
// Plain value: copying a tree copies its nodes. Not thread-safe; a settled tree is read-only.
#pragma once

#include <cstddef>
#include <map>
#include <vector>

#include "core/ledger/address.h"
#include "core/merkle/merkle_proof.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::ledger {

class AccountTree {
 public:
  // Inserts or overwrites the leaf of `address`. An insertion shifts every later leaf, so their
  // paths are rehashed at the next settle(); an overwrite marks one path.
  void put(const Address& address, const runtime::Hash32& leaf);
  // Rehashes the nodes above every leaf put() since the last settle().
  void settle();

  // The root over every leaf, kEmptyRoot when there are none. O(1) when settled; otherwise it is
  // computed from the leaves (O(n)) and the tree is left as it is.
  runtime::Hash32 root() const;
  // Inclusion proof of the leaf of `address`; kNotFound if it has none. O(n).
  runtime::Result<merkle::MerkleProof> prove(const Address& address) const;
  std::size_t size() const { return m_addresses.size() + m_inserted.size(); }

  // Equal when the leaves are: the inner nodes follow from them.
  bool operator==(const AccountTree& other) const;

 private:
  bool settled() const { return m_changed.empty() && m_inserted.empty(); }
  // Every leaf in address order, the inserted ones merged in.
  std::vector<runtime::Hash32> all_leaves() const;
  // Merges m_inserted into the leaves; returns the lowest index that moved (kNone if none).
  std::size_t merge_inserted();

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // Sorted; m_levels[0][i] is the leaf of m_addresses[i]. Accounts inserted since the last
  // settle() are in m_inserted instead.
  std::vector<Address> m_addresses;
  // m_levels[0] holds the leaves; each level above it pairs the one below; when settled and not
  // empty, m_levels.back() holds the root alone.
  std::vector<std::vector<runtime::Hash32>> m_levels{1};
  // Leaves of m_addresses overwritten since the last settle(), possibly repeated.
  std::vector<std::size_t> m_changed;
  std::map<Address, runtime::Hash32> m_inserted;
};

}  // namespace mn::ledger
