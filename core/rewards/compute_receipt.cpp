#include "core/rewards/compute_receipt.h"

#include <string>

#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/runtime/assert.h"

namespace mn::rewards {

namespace {

// The rewards subsystem owns the 0x10XX tag range.
constexpr std::uint16_t kReceiptSigningTag = 0x1001;
constexpr std::uint16_t kReceiptTag = 0x1002;

void encode_body(codec::Writer& w, const ComputeReceipt& r) {
  w.write_fixed(r.receipt_id);
  w.write_fixed(r.miner);
  w.write_fixed(r.client);
  w.write_fixed(r.coordinator);
  w.write_u64(r.compute_units);
  w.write_u64(r.payment);
}

}  // namespace

runtime::Hash32 ComputeReceipt::signing_digest(crypto::CryptoProvider& crypto) const {
  codec::Writer w;
  codec::write_header(w, kReceiptSigningTag, 1);
  encode_body(w, *this);
  return crypto.blake2b_256(w.view());
}

void ComputeReceipt::sign(const crypto::SecretKey& miner_secret,
                          const crypto::SecretKey& client_secret, crypto::CryptoProvider& crypto) {
  const runtime::Hash32 digest = signing_digest(crypto);
  miner_signature = crypto.sign(miner_secret, digest);
  client_signature = crypto.sign(client_secret, digest);
}

bool ComputeReceipt::verify(crypto::CryptoProvider& crypto) const {
  const runtime::Hash32 digest = signing_digest(crypto);
  return crypto.verify(miner, digest, miner_signature) &&
         crypto.verify(client, digest, client_signature);
}

runtime::Bytes ComputeReceipt::encode() const {
  codec::Writer w;
  codec::write_header(w, kReceiptTag, 1);
  encode_body(w, *this);
  w.write_fixed(miner_signature);
  w.write_fixed(client_signature);
  return w.take();
}

runtime::Result<ComputeReceipt> ComputeReceipt::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kReceiptTag, 1); !v) return v.status();
  ComputeReceipt receipt;
  for (auto s : {r.read_fixed(receipt.receipt_id), r.read_fixed(receipt.miner),
                 r.read_fixed(receipt.client), r.read_fixed(receipt.coordinator)}) {
    if (!s.is_ok()) return s;
  }
  auto units = r.read_u64();
  if (!units) return units.status();
  receipt.compute_units = *units;
  auto payment = r.read_u64();
  if (!payment) return payment.status();
  receipt.payment = *payment;
  for (auto s : {r.read_fixed(receipt.miner_signature), r.read_fixed(receipt.client_signature)}) {
    if (!s.is_ok()) return s;
  }
  if (auto s = r.finish(); !s.is_ok()) return s;
  return receipt;
}

runtime::Status MintingParams::check() const {
  if (coordinator_ratio_bps > runtime::kBpsDenominator) {
    return runtime::Status(
        runtime::ErrorCode::kInvalidArgument,
        "coordinator_ratio_bps exceeds 10000: " + std::to_string(coordinator_ratio_bps));
  }
  return runtime::Status::ok();
}

runtime::Result<ReceiptSettlement> settle(const ComputeReceipt& receipt,
                                          const MintingParams& params) {
  MN_ASSERT(params.check().is_ok());
  const runtime::Uint128 minted = runtime::Uint128{receipt.compute_units} * params.mint_per_unit;
  if (minted > UINT64_MAX) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "minted amount exceeds 64 bits");
  }
  ReceiptSettlement s;
  s.minted = static_cast<std::uint64_t>(minted);
  s.to_coordinator = static_cast<std::uint64_t>(
      runtime::Uint128{s.minted} * params.coordinator_ratio_bps / runtime::kBpsDenominator);
  const runtime::Uint128 to_miner = runtime::Uint128{receipt.payment} + s.minted - s.to_coordinator;
  if (to_miner > UINT64_MAX) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "miner credit exceeds 64 bits");
  }
  s.to_miner = static_cast<std::uint64_t>(to_miner);
  return s;
}

}  // namespace mn::rewards
