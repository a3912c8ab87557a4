#include "core/auction/sealed_bundle.h"

#include <utility>

#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::auction {

namespace {

// Bytes of one leaf and a lower bound on the bytes of each encoded element (for read_count).
constexpr std::size_t kLeafBytes = 104;
constexpr std::size_t kMinBucketBytes = 32 + kLeafBytes + 1;
constexpr std::size_t kMinWinnerBytes = 32 + 3;
constexpr std::size_t kMaxInclusionBytes = 64 + 32 * merkle::kMaxProofSiblings;

void write_leaf(codec::Writer& out, const BucketLeaf& leaf) {
  out.write_u64(leaf.count);
  out.write_u64(leaf.gas_sum);
  out.write_u64(leaf.min_fee);
  out.write_u64(leaf.max_fee);
  out.write_fixed(leaf.topk_digest);
  out.write_fixed(leaf.merkle_root);
  out.write_u64(leaf.sealed_epoch);
}

runtime::Status read_leaf(codec::Reader& in, BucketLeaf& leaf) {
  for (std::uint64_t* field : {&leaf.count, &leaf.gas_sum, &leaf.min_fee, &leaf.max_fee}) {
    auto value = in.read_u64();
    if (!value) return value.status();
    *field = *value;
  }
  if (auto s = in.read_fixed(leaf.topk_digest); !s.is_ok()) return s;
  if (auto s = in.read_fixed(leaf.merkle_root); !s.is_ok()) return s;
  auto epoch = in.read_u64();
  if (!epoch) return epoch.status();
  leaf.sealed_epoch = *epoch;
  return runtime::Status::ok();
}

runtime::Result<OpenedBucket> read_bucket(codec::Reader& in) {
  OpenedBucket bucket;
  if (auto s = in.read_fixed(bucket.bucket_id); !s.is_ok()) return s;
  if (auto s = read_leaf(in, bucket.leaf); !s.is_ok()) return s;
  auto n = in.read_count(kMaxBundleTopk, 32);
  if (!n) return n.status();
  bucket.topk.resize(*n);
  for (runtime::Hash32& txid : bucket.topk)
    if (auto s = in.read_fixed(txid); !s.is_ok()) return s;
  return bucket;
}

runtime::Result<BundleWinner> read_winner(codec::Reader& in) {
  BundleWinner winner;
  if (auto s = in.read_fixed(winner.txid); !s.is_ok()) return s;
  auto bucket = in.read_varint();
  if (!bucket) return bucket.status();
  if (*bucket >= kMaxBundleBuckets)
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "winner bucket out of range");
  winner.bucket = static_cast<std::uint32_t>(*bucket);
  auto position = in.read_varint();
  if (!position) return position.status();
  winner.position = *position;
  auto has_inclusion = in.read_bool();
  if (!has_inclusion) return has_inclusion.status();
  if (*has_inclusion) {
    auto bytes = in.read_bytes_view(kMaxInclusionBytes);
    if (!bytes) return bytes.status();
    auto proof = merkle::MerkleProof::decode(*bytes);
    if (!proof) return proof.status();
    winner.inclusion = std::move(*proof);
  }
  return winner;
}

}  // namespace

runtime::Bytes SealedBundle::encode() const {
  codec::Writer out;
  out.write_u8(kSealedBundleVersion);
  out.write_u64(window);
  out.write_fixed(verkle_root);
  out.write_fixed(mesh_root);
  out.write_fixed(mx_root);
  out.write_count(buckets.size());
  for (const OpenedBucket& bucket : buckets) {
    out.write_fixed(bucket.bucket_id);
    write_leaf(out, bucket.leaf);
    out.write_count(bucket.topk.size());
    for (const runtime::Hash32& txid : bucket.topk) out.write_fixed(txid);
  }
  out.write_count(winners.size());
  for (const BundleWinner& winner : winners) {
    out.write_fixed(winner.txid);
    out.write_varint(winner.bucket);
    out.write_varint(winner.position);
    out.write_bool(winner.inclusion.has_value());
    if (winner.inclusion) out.write_bytes(winner.inclusion->encode());
  }
  if (!buckets.empty()) out.write_fixed(proof.encode());
  return out.take();
}

runtime::Result<SealedBundle> SealedBundle::decode(runtime::ByteView bytes) {
  codec::Reader in(bytes);
  auto version = in.read_u8();
  if (!version) return version.status();
  if (*version != kSealedBundleVersion)
    return runtime::Status(runtime::ErrorCode::kBadVersion, "sealed bundle version");
  SealedBundle out;
  auto window = in.read_u64();
  if (!window) return window.status();
  out.window = *window;
  for (runtime::Hash32* root : {&out.verkle_root, &out.mesh_root, &out.mx_root})
    if (auto s = in.read_fixed(*root); !s.is_ok()) return s;
  auto bucket_count = in.read_count(kMaxBundleBuckets, kMinBucketBytes);
  if (!bucket_count) return bucket_count.status();
  for (std::uint32_t i = 0; i < *bucket_count; ++i) {
    auto bucket = read_bucket(in);
    if (!bucket) return bucket.status();
    out.buckets.push_back(std::move(*bucket));
  }
  auto winner_count = in.read_count(kMaxBundleWinners, kMinWinnerBytes);
  if (!winner_count) return winner_count.status();
  for (std::uint32_t i = 0; i < *winner_count; ++i) {
    auto winner = read_winner(in);
    if (!winner) return winner.status();
    out.winners.push_back(std::move(*winner));
  }
  if (!out.buckets.empty()) {
    auto proof = verkle::VerkleProof::decode(bytes.subspan(in.position()));
    if (!proof) return proof.status();
    out.proof = std::move(*proof);
    return out;
  }
  if (auto s = in.finish(); !s.is_ok()) return s;
  return out;
}

std::size_t SealedBundle::proof_bytes() const {
  return buckets.empty() ? 0 : proof.encoded_size();
}

bool SealedBundle::operator==(const SealedBundle& other) const {
  return window == other.window && verkle_root == other.verkle_root &&
         mesh_root == other.mesh_root && mx_root == other.mx_root && buckets == other.buckets &&
         winners == other.winners && (buckets.empty() || proof == other.proof);
}

}  // namespace mn::auction
