#include "core/auction/verify_bundle.h"

#include <algorithm>
#include <set>
#include <vector>

#include "core/auction/mx_root.h"
#include "core/merkle/merkle_hash.h"
#include "core/verkle/point.h"

namespace mn::auction {

namespace {

runtime::Status fail(const char* what) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, what);
}

runtime::Status check_buckets(const verkle::Crs& crs, const SealedBundle& bundle,
                              std::uint32_t topk_digest_count) {
  std::vector<verkle::KeyValue> opened;
  opened.reserve(bundle.buckets.size());
  for (std::size_t i = 0; i < bundle.buckets.size(); ++i) {
    const OpenedBucket& bucket = bundle.buckets[i];
    if (i > 0 && !(bundle.buckets[i - 1].bucket_id < bucket.bucket_id))
      return fail("buckets not strictly ascending");
    if (bucket.leaf.sealed_epoch != bundle.window + 1) return fail("bucket not sealed by window");
    if (bucket.topk.size() != std::min<std::uint64_t>(bucket.leaf.count, topk_digest_count))
      return fail("topk list length");
    if (topk_digest(bucket.topk) != bucket.leaf.topk_digest) return fail("topk digest");
    opened.push_back(verkle::KeyValue{bucket.bucket_id, bucket.leaf.hash()});
  }
  if (opened.empty()) return runtime::Status::ok();
  const auto root = verkle::Point::decode(bundle.verkle_root);
  if (!root) return fail("verkle root encoding");
  if (!bundle.proof.verify(crs, *root, opened)) return fail("verkle multiproof");
  return runtime::Status::ok();
}

runtime::Status check_winner(const SealedBundle& bundle, const BundleWinner& winner) {
  if (winner.bucket >= bundle.buckets.size()) return fail("winner bucket index");
  const OpenedBucket& bucket = bundle.buckets[winner.bucket];
  if (winner.position >= bucket.leaf.count) return fail("winner position past bucket count");
  if (winner.position < bucket.topk.size()) {
    if (winner.inclusion) return fail("winner inside topk carries a Merkle proof");
    if (bucket.topk[winner.position] != winner.txid) return fail("winner not in topk list");
    return runtime::Status::ok();
  }
  if (!winner.inclusion) return fail("deep winner without a Merkle proof");
  const merkle::MerkleProof& proof = *winner.inclusion;
  if (proof.index != winner.position || proof.leaf_count != bucket.leaf.count)
    return fail("Merkle proof position");
  if (!merkle::verify(bucket.leaf.merkle_root, merkle::leaf_hash(winner.txid), proof))
    return fail("Merkle proof");
  return runtime::Status::ok();
}

}  // namespace

runtime::Status verify_bundle(const verkle::Crs& crs, const SealedBundle& bundle,
                              const runtime::Hash32& mx_root, std::uint32_t topk_digest_count) {
  if (bundle.mx_root != mx_root) return fail("bundle names another mx_root");
  if (mx_root_of(bundle.verkle_root, bundle.mesh_root) != mx_root)
    return fail("mx_root != H(verkle_root || mesh_root)");
  if (bundle.buckets.empty() != bundle.winners.empty()) return fail("winners without buckets");
  std::set<runtime::Hash32> txids;
  std::vector<bool> used(bundle.buckets.size(), false);
  for (const BundleWinner& winner : bundle.winners) {
    if (auto s = check_winner(bundle, winner); !s.is_ok()) return s;
    if (!txids.insert(winner.txid).second) return fail("duplicate winner");
    used[winner.bucket] = true;
  }
  if (std::find(used.begin(), used.end(), false) != used.end())
    return fail("opened bucket without a winner");
  // Last: the multiproof is the expensive check.
  return check_buckets(crs, bundle, topk_digest_count);
}

}  // namespace mn::auction
