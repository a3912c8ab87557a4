#include "core/auction/payload_reveal.h"

#include <cstring>

#include "core/auction/record_tags.h"
#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::auction {

runtime::Hash32 PayloadReveal::signing_digest() const {
  const std::size_t tag_bytes = std::strlen(kPayloadRevealDomain);
  codec::Writer out(tag_bytes + 72);
  out.write_fixed(
      runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kPayloadRevealDomain), tag_bytes));
  out.write_u64(height);
  out.write_fixed(builder);
  out.write_fixed(payload_commitment);
  return crypto::blake2b_256(out.view());
}

void PayloadReveal::sign(const crypto::SecretKey& secret, crypto::CryptoProvider& crypto) {
  signature = crypto.sign(secret, signing_digest());
}

bool PayloadReveal::verify(crypto::CryptoProvider& crypto) const {
  return crypto.verify(builder, signing_digest(), signature);
}

runtime::Bytes PayloadReveal::encode() const {
  codec::Writer w;
  codec::write_header(w, kPayloadRevealTag, 1);
  w.write_u64(height);
  w.write_fixed(builder);
  w.write_fixed(payload_commitment);
  w.write_fixed(signature);
  return w.take();
}

runtime::Result<PayloadReveal> PayloadReveal::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kPayloadRevealTag, 1); !v) return v.status();
  PayloadReveal p;
  auto height = r.read_u64();
  if (!height) return height.status();
  p.height = *height;
  if (auto s = r.read_fixed(p.builder); !s.is_ok()) return s;
  if (auto s = r.read_fixed(p.payload_commitment); !s.is_ok()) return s;
  if (auto s = r.read_fixed(p.signature); !s.is_ok()) return s;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return p;
}

}  // namespace mn::auction
