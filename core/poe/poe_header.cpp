#include "core/poe/poe_header.h"

#include <algorithm>
#include <string>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/crypto/hash.h"
#include "core/runtime/assert.h"

namespace mn::poe {

namespace {

// The codec writes fixed-width integers little-endian, which is the order SPEC 2.2 fixes.
void write_signed_fields(codec::Writer& w, const PoEHeader& header) {
  w.write_fixed(header.bpi_id);
  w.write_fixed(header.logbook_root);
  w.write_fixed(header.execution_hash);
  w.write_u64(header.timestamp);
  w.write_u64(header.rent_payment);
}

template <std::size_t N>
std::array<std::uint8_t, N> to_array(const codec::Writer& w) {
  MN_ASSERT_MSG(w.size() == N, "PoE header encoding has the wrong size");
  std::array<std::uint8_t, N> out{};
  std::copy(w.view().begin(), w.view().end(), out.begin());
  return out;
}

}  // namespace

std::array<std::uint8_t, PoEHeader::kEncodedSize> PoEHeader::encode() const {
  codec::Writer w(kEncodedSize);
  write_signed_fields(w, *this);
  w.write_fixed(signature);
  return to_array<kEncodedSize>(w);
}

runtime::Result<PoEHeader> PoEHeader::decode(runtime::ByteView bytes) {
  if (bytes.size() != kEncodedSize) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "PoE header is " + std::to_string(kEncodedSize) + " bytes, got " +
                               std::to_string(bytes.size()));
  }
  codec::Reader r(bytes);
  PoEHeader header;
  if (auto s = r.read_fixed(header.bpi_id); !s.is_ok()) return s;
  if (auto s = r.read_fixed(header.logbook_root); !s.is_ok()) return s;
  if (auto s = r.read_fixed(header.execution_hash); !s.is_ok()) return s;
  auto timestamp = r.read_u64();
  if (!timestamp) return timestamp.status();
  header.timestamp = *timestamp;
  auto rent_payment = r.read_u64();
  if (!rent_payment) return rent_payment.status();
  header.rent_payment = *rent_payment;
  if (auto s = r.read_fixed(header.signature); !s.is_ok()) return s;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return header;
}

std::array<std::uint8_t, PoEHeader::kSignedSize> PoEHeader::signed_bytes() const {
  codec::Writer w(kSignedSize);
  write_signed_fields(w, *this);
  return to_array<kSignedSize>(w);
}

void PoEHeader::sign(const crypto::SecretKey& operator_secret, crypto::CryptoProvider& crypto) {
  signature = crypto.sign(operator_secret, signed_bytes());
}

bool PoEHeader::verify(const crypto::PublicKey& operator_key,
                       crypto::CryptoProvider& crypto) const {
  return crypto.verify(operator_key, signed_bytes(), signature);
}

runtime::Hash32 PoEHeader::id() const {
  return crypto::blake2b_256(encode());
}

}  // namespace mn::poe
