#include "core/verkle/verkle_proof.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <sodium.h>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/verkle/transcript.h"

namespace mn::verkle {

namespace {

constexpr std::string_view kLeafDomain = "metanode/verkle/v1/leaf";
constexpr std::string_view kNodeDomain = "metanode/verkle/v1/node";
constexpr std::size_t kMaxProofCommitments = kMaxProofKeys * (kMaxDepth - 1);

Scalar hash_to_scalar(std::string_view domain, runtime::ByteView first, runtime::ByteView second) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, Scalar::kWideBytes);
  crypto_generichash_update(&state, reinterpret_cast<const std::uint8_t*>(domain.data()),
                            domain.size());
  crypto_generichash_update(&state, first.data(), first.size());
  crypto_generichash_update(&state, second.data(), second.size());
  std::array<std::uint8_t, Scalar::kWideBytes> digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  return Scalar::from_wide(digest);
}

std::size_t varint_size(std::size_t value) {
  std::size_t size = 1;
  for (; value >= 0x80; value >>= 7) ++size;
  return size;
}

}  // namespace

Scalar leaf_scalar(const Key& key, const Value& value) {
  return hash_to_scalar(kLeafDomain, key, value);
}

Scalar node_scalar(const Point::Encoding& commitment) {
  return hash_to_scalar(kNodeDomain, commitment, {});
}

bool VerkleProof::verify(const Crs& crs, const Point& root,
                         std::span<const KeyValue> entries) const {
  if (entries.empty() || entries.size() > kMaxProofKeys) return false;
  std::vector<KeyValue> sorted(entries.begin(), entries.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
  std::vector<Key> keys;
  keys.reserve(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && sorted[i - 1].key == sorted[i].key) return false;
    keys.push_back(sorted[i].key);
  }
  const runtime::Result<ProofLayout> layout = ProofLayout::build(keys, depths);
  if (!layout.is_ok() || commitments.size() + 1 != layout->prefixes.size()) return false;

  std::vector<const Point*> nodes = {&root};
  std::vector<Scalar> node_values = {Scalar::zero()};  // the root has no parent slot
  for (const Point& commitment : commitments) {
    nodes.push_back(&commitment);
    node_values.push_back(node_scalar(commitment.encode()));
  }
  std::vector<VerifierQuery> queries;
  queries.reserve(layout->openings.size());
  for (const ProofLayout::Opening& opening : layout->openings) {
    const Scalar y = opening.is_leaf
                         ? leaf_scalar(sorted[opening.child].key, sorted[opening.child].value)
                         : node_values[opening.child];
    queries.push_back(VerifierQuery{*nodes[opening.node], opening.slot, y});
  }
  Transcript transcript(kTreeProofProtocol);
  return multiproof.verify(crs, transcript, queries);
}

runtime::Bytes VerkleProof::encode() const {
  codec::Writer writer(encoded_size());
  writer.write_count(depths.size());
  writer.write_fixed(depths);
  writer.write_count(commitments.size());
  for (const Point& commitment : commitments) writer.write_fixed(commitment.encode());
  runtime::Bytes out = writer.take();
  multiproof.encode_to(out);
  return out;
}

std::size_t VerkleProof::encoded_size() const {
  return varint_size(depths.size()) + depths.size() + varint_size(commitments.size()) +
         Point::kBytes * commitments.size() + MultiProof::kEncodedBytes;
}

runtime::Result<VerkleProof> VerkleProof::decode(runtime::ByteView bytes) {
  codec::Reader reader(bytes);
  VerkleProof proof;
  runtime::Result<std::uint32_t> key_count = reader.read_count(kMaxProofKeys, 1);
  if (!key_count.is_ok()) return key_count.status();
  proof.depths.resize(*key_count);
  if (runtime::Status status = reader.read_fixed(proof.depths); !status.is_ok()) return status;
  runtime::Result<std::uint32_t> commitment_count =
      reader.read_count(kMaxProofCommitments, Point::kBytes);
  if (!commitment_count.is_ok()) return commitment_count.status();
  proof.commitments.reserve(*commitment_count);
  for (std::uint32_t i = 0; i < *commitment_count; ++i) {
    runtime::Result<Point::Encoding> encoding = reader.read_array<Point::kBytes>();
    if (!encoding.is_ok()) return encoding.status();
    runtime::Result<Point> point = Point::decode(*encoding);
    if (!point.is_ok()) return point.status();
    proof.commitments.push_back(*point);
  }
  runtime::Result<std::array<std::uint8_t, MultiProof::kEncodedBytes>> tail =
      reader.read_array<MultiProof::kEncodedBytes>();
  if (!tail.is_ok()) return tail.status();
  if (runtime::Status status = reader.finish(); !status.is_ok()) return status;
  runtime::Result<MultiProof> multiproof = MultiProof::decode(*tail);
  if (!multiproof.is_ok()) return multiproof.status();
  proof.multiproof = *multiproof;
  return proof;
}

bool VerkleProof::operator==(const VerkleProof& other) const {
  return depths == other.depths && commitments == other.commitments &&
         multiproof == other.multiproof;
}

}  // namespace mn::verkle
