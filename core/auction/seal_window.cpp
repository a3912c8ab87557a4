#include "core/auction/seal_window.h"

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/auction/mx_pool.h"
#include "core/merkle/merkle_hash.h"
#include "core/merkle/merkle_tree.h"

namespace mn::auction {

namespace {

// Fills `opened` (topk list) and the winners of one opened bucket in `bundle`.
void open_bucket(const MxPool& pool, const runtime::Hash32& id, const std::vector<PoolEntry>& won,
                 const std::vector<std::size_t>& indices, SealedBundle& bundle) {
  const auto bucket_index = static_cast<std::uint32_t>(bundle.buckets.size());
  OpenedBucket opened{id, *pool.committed_leaf(id), {}};
  std::map<runtime::Hash32, std::uint64_t> position;
  std::vector<runtime::Hash32> leaves;
  for (const PoolOrder& entry : pool.bucket(id)->entries()) {
    if (opened.topk.size() < pool.params().topk_digest_count) opened.topk.push_back(entry.txid);
    position.emplace(entry.txid, leaves.size());
    leaves.push_back(merkle::leaf_hash(entry.txid));
  }
  std::optional<merkle::MerkleTree> tree;
  for (std::size_t i : indices) {
    BundleWinner winner{won[i].txid, bucket_index, position.at(won[i].txid), std::nullopt};
    if (winner.position >= opened.topk.size()) {
      if (!tree) tree.emplace(leaves);
      winner.inclusion = tree->prove(winner.position).value();
    }
    bundle.winners[i] = std::move(winner);
  }
  bundle.buckets.push_back(std::move(opened));
}

}  // namespace

runtime::Result<SealedBundle> seal_pool(MxPool& pool, std::uint64_t window, std::size_t max_winners,
                                        std::uint64_t gas_limit) {
  const std::vector<PoolEntry> won = pool.top_k(max_winners, gas_limit);
  std::map<runtime::Hash32, std::vector<std::size_t>> by_bucket;  // ascending bucket id
  for (std::size_t i = 0; i < won.size(); ++i)
    by_bucket[bucket_id(won[i].bucket_key(pool.params()))].push_back(i);
  for (const auto& [id, indices] : by_bucket) pool.mark_sealed(id, window + 1);
  pool.commit_window();

  SealedBundle bundle;
  bundle.window = window;
  bundle.verkle_root = pool.verkle_tree().root().encode();
  bundle.mesh_root = pool.merkle_mesh_root();
  bundle.mx_root = pool.mx_root();
  bundle.winners.resize(won.size());
  std::vector<verkle::Key> keys;
  keys.reserve(by_bucket.size());
  for (const auto& [id, indices] : by_bucket) {
    open_bucket(pool, id, won, indices, bundle);
    keys.push_back(id);
  }
  if (keys.empty()) return bundle;
  auto proof = pool.verkle_tree().prove(keys);
  if (!proof) return proof.status();
  bundle.proof = std::move(*proof);
  return bundle;
}

runtime::Result<SealedBundle> seal_window(const SealRequest& request,
                                          const std::shared_ptr<const verkle::Crs>& crs,
                                          std::span<const PoolEntry> revealed) {
  MxPool pool(request.pool_params, crs);
  for (const auto& [sender, nonce] : request.account_nonces) pool.set_account_nonce(sender, nonce);
  for (const PoolEntry& entry : revealed) static_cast<void>(pool.insert(entry));
  return seal_pool(pool, request.window, request.max_winners, request.gas_limit);
}

}  // namespace mn::auction
