#include "core/auction/builder_bid.h"

#include <cstring>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::auction {

runtime::Hash32 BuilderBid::signing_digest() const {
  const std::size_t tag_bytes = std::strlen(kBuilderBidDomain);
  codec::Writer out(tag_bytes + kBuilderBidBytes - 64);
  out.write_fixed(
      runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kBuilderBidDomain), tag_bytes));
  out.write_u64(height);
  out.write_fixed(builder);
  out.write_fixed(payload_commitment);
  out.write_u64(value);
  out.write_u64(bond);
  return crypto::blake2b_256(out.view());
}

void BuilderBid::sign(const crypto::SecretKey& secret, crypto::CryptoProvider& crypto) {
  signature = crypto.sign(secret, signing_digest());
}

bool BuilderBid::verify(crypto::CryptoProvider& crypto) const {
  return crypto.verify(builder, signing_digest(), signature);
}

runtime::Bytes BuilderBid::encode() const {
  codec::Writer out(kBuilderBidBytes);
  out.write_u64(height);
  out.write_fixed(builder);
  out.write_fixed(payload_commitment);
  out.write_u64(value);
  out.write_u64(bond);
  out.write_fixed(signature);
  return out.take();
}

runtime::Result<BuilderBid> BuilderBid::decode(runtime::ByteView bytes) {
  codec::Reader in(bytes);
  BuilderBid bid;
  auto height = in.read_u64();
  if (!height) return height.status();
  bid.height = *height;
  if (auto s = in.read_fixed(bid.builder); !s.is_ok()) return s;
  if (auto s = in.read_fixed(bid.payload_commitment); !s.is_ok()) return s;
  auto value = in.read_u64();
  if (!value) return value.status();
  bid.value = *value;
  auto bond = in.read_u64();
  if (!bond) return bond.status();
  bid.bond = *bond;
  if (auto s = in.read_fixed(bid.signature); !s.is_ok()) return s;
  if (auto s = in.finish(); !s.is_ok()) return s;
  return bid;
}

}  // namespace mn::auction
