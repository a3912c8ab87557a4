#include "core/auction/bucket_key.h"

#include <cstring>

#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::auction {

runtime::Bytes encode_bucket_key(const BucketKey& key) {
  codec::Writer out(13);
  out.write_u64(key.fee_bin);
  out.write_u8(static_cast<std::uint8_t>(key.gas_class));
  out.write_u8(static_cast<std::uint8_t>(key.latency_class));
  out.write_u16(key.region_code);
  out.write_u8(static_cast<std::uint8_t>(key.tx_type));
  return out.take();
}

runtime::Hash32 bucket_id(const BucketKey& key) {
  const std::size_t tag_bytes = std::strlen(kBucketIdDomain);
  codec::Writer out(tag_bytes + 13);
  out.write_fixed(
      runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kBucketIdDomain), tag_bytes));
  out.write_fixed(encode_bucket_key(key));
  return crypto::blake2b_256(out.view());
}

}  // namespace mn::auction
