// MxPool: the Mx-Verkle transaction pool (SPEC 2.4 "Mx-Verkle pool" and "Pool rules").
//
// Entries are grouped in buckets (BucketKey); inside a bucket, and across the pool, they are
// ranked by PoolOrder (fee rate desc, arrival asc, txid asc). Rules:
// - insert refuses with a PoolRefusal, never crashes: invalid fields, duplicate txid, nonce below
//   the sender's next expected nonce, an underpriced replacement, a full sender, a full pool.
// - Replace-by-fee: same sender and nonce, every fee field (fee_rate, priority_fee) at least
//   rbf_bump_bps higher than the old one and strictly higher.
// - An entry is pending when the sender's nonces from its next expected nonce (set_account_nonce,
//   0 for an unknown sender) up to the entry's are all present; otherwise it is a future entry.
// - Pool-wide bound: a new entry into a full pool evicts the lowest priority entry it may evict,
//   if the new one ranks above it. A future entry may evict only future entries; a pending one
//   evicts the lowest future entry first, whatever its rank, and only when there is none competes
//   by rank with the pending ones (a future entry cannot be selected and costs its sender nothing,
//   so a flood of them must never lock pending transactions out). No entry evicts an earlier nonce
//   of its own sender. Evicting an entry turns its sender's later ones future.
// - Commitments: insert, cancel and eviction only mark buckets dirty; commit_window() recomputes
//   the leaf of each dirty bucket once, updates the Verkle tree (bucket_id -> leaf hash) and the
//   Merkle mesh root over (bucket_id, bucket merkle_root) in bucket-id order, and sets
//   mx_root = blake2b_256(verkle_root || merkle_mesh_root). The commitments read between windows
//   are those of the last commit_window(); they depend only on the set of entries, their order
//   and the sealed epochs, never on the history of operations.
// No signature checks (the caller verifies transactions and cancels; counted apart), no I/O.
// Deterministic: no decision depends on the iteration order of an unordered container. Not
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/auction/bucket_key.h"
#include "core/auction/bucket_leaf.h"
#include "core/auction/cancel_record.h"
#include "core/auction/insert_result.h"
#include "core/auction/pool_bucket.h"
#include "core/auction/pool_entry.h"
#include "core/auction/pool_order.h"
#include "core/auction/pool_params.h"
#include "core/auction/pool_refusal.h"
#include "core/runtime/digest_hasher.h"
#include "core/runtime/types.h"
#include "core/verkle/crs.h"
#include "core/verkle/verkle_tree.h"

namespace mn::auction {

class MxPool {
 public:
  // REQUIRES: params.valid(), crs non-null.
  MxPool(PoolParams params, std::shared_ptr<const verkle::Crs> crs);

  // Admits `entry` (its arrival field is overwritten with the next arrival number) or says why
  // not. The caller has verified the transaction's signature.
  InsertResult insert(const PoolEntry& entry);
  // Drops the sender's entry at record.nonce; kNotFound if there is none. The caller has
  // verified the sender's signature over the record.
  [[nodiscard]] PoolRefusal cancel(const CancelRecord& record);
  // The sender's next expected nonce (after a block applied its transactions): entries below it
  // leave the pool, and pending/future status is recomputed for the sender.
  void set_account_nonce(const runtime::Hash32& sender, std::uint64_t next_nonce);
  std::uint64_t account_nonce(const runtime::Hash32& sender) const;
  // Records that the QLock seal of `epoch` covered bucket `id` (its leaf's sealed_epoch). No-op
  // for a bucket the pool does not hold.
  void mark_sealed(const runtime::Hash32& id, std::uint64_t epoch);

  // Recomputes the leaves of the buckets changed since the last call and the roots above them.
  void commit_window();
  std::size_t dirty_bucket_count() const { return m_dirty.size(); }

  // As of the last commit_window().
  const runtime::Hash32& mx_root() const { return m_mx_root; }
  const runtime::Hash32& merkle_mesh_root() const { return m_mesh_root; }
  const verkle::VerkleTree& verkle_tree() const { return m_verkle; }
  std::optional<BucketLeaf> committed_leaf(const runtime::Hash32& id) const;

  // Up to `k` pending entries under `gas_limit` total: repeatedly the best-ranked entry (pool
  // order) among each sender's lowest not yet taken pending nonce; one whose gas does not fit is
  // skipped together with its sender's later nonces. Stops after k entries or when none is left.
  std::vector<PoolEntry> top_k(std::size_t k, std::uint64_t gas_limit) const;
  // Asked, in selection order, about each entry whose gas fits: true takes it, false skips it as
  // one whose gas does not fit. It sees a sender's entries in nonce order, so it may keep a
  // per-sender budget (the ledger's transaction pool checks balances with it).
  using EntryFilter = std::function<bool(const PoolEntry& entry)>;
  // top_k, taking only the entries `take` accepts.
  std::vector<PoolEntry> top_k(std::size_t k, std::uint64_t gas_limit,
                               const EntryFilter& take) const;

  std::size_t size() const { return m_entries.size(); }
  const PoolEntry* find(const runtime::Hash32& txid) const;
  // Whether `txid` is present and pending (not a future-nonce entry).
  bool is_pending(const runtime::Hash32& txid) const;
  std::size_t future_count() const { return m_future.size(); }
  std::size_t bucket_count() const { return m_buckets.size(); }
  const PoolBucket* bucket(const runtime::Hash32& id) const;
  // Every entry, by arrival.
  std::vector<PoolEntry> entries() const;
  const PoolParams& params() const { return m_params; }

 private:
  struct Slot {
    PoolEntry entry;
    runtime::Hash32 bucket_id{};
    bool future = false;
  };
  struct CommittedBucket {
    BucketLeaf leaf;
    runtime::Hash32 leaf_hash{};
  };
  using NonceMap = std::map<std::uint64_t, runtime::Hash32>;

  PoolRefusal check_fields(const PoolEntry& entry) const;
  bool bumped_enough(std::uint64_t old_fee, std::uint64_t new_fee) const;
  InsertResult replace(const PoolEntry& entry, const runtime::Hash32& old_txid);
  std::optional<runtime::Hash32> eviction_victim(const PoolEntry& entry, bool pending) const;
  // The lowest of `candidates` that `entry` may evict (never an earlier nonce of its own sender)
  // and, if `incoming` is set, that ranks below it.
  std::optional<runtime::Hash32> lowest_evictable(const PoolEntry& entry,
                                                  const std::set<PoolOrder>& candidates,
                                                  const PoolOrder* incoming) const;
  std::uint64_t pending_end(const runtime::Hash32& sender) const;
  void add(const PoolEntry& entry);
  void remove(const runtime::Hash32& txid);
  void refresh_sender(const runtime::Hash32& sender);
  void set_future(Slot& slot, bool future);
  void rebuild_verkle();

  PoolParams m_params;
  std::shared_ptr<const verkle::Crs> m_crs;
  // txid -> entry. Looked up only, never iterated for a decision.
  std::unordered_map<runtime::Hash32, Slot, runtime::DigestHasher> m_entries;
  // Sender -> its entries by nonce; holds only senders with entries.
  std::map<runtime::Hash32, NonceMap> m_senders;
  // Next expected nonce of the senders set_account_nonce named (others: 0). Grows with the
  // accounts the caller names; the caller (the ledger's view) bounds it.
  std::map<runtime::Hash32, std::uint64_t> m_account_nonces;
  std::set<PoolOrder> m_order;                             // every entry in pool order
  std::set<PoolOrder> m_future;                            // the future-nonce entries in pool order
  std::map<runtime::Hash32, PoolBucket> m_buckets;         // non-empty buckets by id
  std::set<runtime::Hash32> m_dirty;                       // buckets changed since commit_window()
  std::map<runtime::Hash32, CommittedBucket> m_committed;  // as of the last commit_window()
  verkle::VerkleTree m_verkle;
  runtime::Hash32 m_mesh_root{};
  runtime::Hash32 m_mx_root{};
  std::uint64_t m_next_arrival = 0;
};

}  // namespace mn::auction
