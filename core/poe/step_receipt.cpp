#include "core/poe/step_receipt.h"

#include "core/codec/header.h"
#include "core/merkle/merkle_hash.h"
#include "core/poe/record_tags.h"
#include "core/runtime/assert.h"

namespace mn::poe {

namespace {

constexpr std::uint8_t kStepReceiptVersion = 1;

// Everything but the signature: the part shared by the signed body and the full record.
void write_fields(codec::Writer& w, const StepReceipt& receipt) {
  w.write_fixed(receipt.bpi_id);
  w.write_u64(receipt.step_index);
  w.write_fixed(receipt.input_hash);
  w.write_fixed(receipt.output_hash);
  w.write_u64(receipt.compute_units);
  w.write_u64(receipt.timestamp);
}

}  // namespace

void StepReceipt::encode(codec::Writer& w) const {
  const std::size_t start = w.size();
  codec::write_header(w, kStepReceiptTag, kStepReceiptVersion);
  write_fields(w, *this);
  w.write_fixed(signature);
  MN_ASSERT_MSG(w.size() - start == kEncodedSize, "step receipt encoding has the wrong size");
}

runtime::Bytes StepReceipt::encode() const {
  codec::Writer w(kEncodedSize);
  encode(w);
  return w.take();
}

runtime::Result<StepReceipt> StepReceipt::decode(codec::Reader& r) {
  // Decode from a copy and commit the position only on success.
  codec::Reader probe = r;
  if (auto v = codec::read_header(probe, kStepReceiptTag, kStepReceiptVersion); !v) {
    return v.status();
  }
  StepReceipt receipt;
  if (auto s = probe.read_fixed(receipt.bpi_id); !s.is_ok()) return s;
  auto step_index = probe.read_u64();
  if (!step_index) return step_index.status();
  receipt.step_index = *step_index;
  if (auto s = probe.read_fixed(receipt.input_hash); !s.is_ok()) return s;
  if (auto s = probe.read_fixed(receipt.output_hash); !s.is_ok()) return s;
  auto compute_units = probe.read_u64();
  if (!compute_units) return compute_units.status();
  receipt.compute_units = *compute_units;
  auto timestamp = probe.read_u64();
  if (!timestamp) return timestamp.status();
  receipt.timestamp = *timestamp;
  if (auto s = probe.read_fixed(receipt.signature); !s.is_ok()) return s;
  r = probe;
  return receipt;
}

runtime::Result<StepReceipt> StepReceipt::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  auto receipt = decode(r);
  if (!receipt) return receipt;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return receipt;
}

runtime::Hash32 StepReceipt::signing_digest(crypto::CryptoProvider& crypto) const {
  codec::Writer w(kEncodedSize);
  codec::write_header(w, kStepReceiptSigningTag, kStepReceiptVersion);
  write_fields(w, *this);
  return crypto.blake2b_256(w.view());
}

void StepReceipt::sign(const crypto::SecretKey& operator_secret, crypto::CryptoProvider& crypto) {
  signature = crypto.sign(operator_secret, signing_digest(crypto));
}

bool StepReceipt::verify(const crypto::PublicKey& operator_key,
                         crypto::CryptoProvider& crypto) const {
  return crypto.verify(operator_key, signing_digest(crypto), signature);
}

runtime::Hash32 StepReceipt::leaf_hash() const {
  codec::Writer w(kEncodedSize);
  encode(w);
  return merkle::leaf_hash(w.view());
}

}  // namespace mn::poe
