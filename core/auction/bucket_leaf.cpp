#include "core/auction/bucket_leaf.h"

#include <cstring>

#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::auction {

// Five u64 fields and two hashes.
constexpr std::size_t kLeafFieldBytes = 104;

runtime::Hash32 BucketLeaf::hash() const {
  const std::size_t tag_bytes = std::strlen(kBucketLeafDomain);
  codec::Writer out(tag_bytes + kLeafFieldBytes);
  out.write_fixed(
      runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kBucketLeafDomain), tag_bytes));
  out.write_u64(count);
  out.write_u64(gas_sum);
  out.write_u64(min_fee);
  out.write_u64(max_fee);
  out.write_fixed(topk_digest);
  out.write_fixed(merkle_root);
  out.write_u64(sealed_epoch);
  return crypto::blake2b_256(out.view());
}

runtime::Hash32 topk_digest(std::span<const runtime::Hash32> txids) {
  const std::size_t tag_bytes = std::strlen(kTopkDigestDomain);
  codec::Writer out(tag_bytes + 4 + txids.size() * 32);
  out.write_fixed(
      runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kTopkDigestDomain), tag_bytes));
  out.write_u32(static_cast<std::uint32_t>(txids.size()));
  for (const runtime::Hash32& txid : txids) out.write_fixed(txid);
  return crypto::blake2b_256(out.view());
}

}  // namespace mn::auction
