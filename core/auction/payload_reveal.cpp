#include "core/auction/payload_reveal.h"

#include <cstring>

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

}  // namespace mn::auction
