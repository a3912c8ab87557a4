// The PoE header of SPEC 2.2, the only PoE record that goes on chain: a fixed 176-byte binary
//   bpi_id[32] | logbook_root[32] | execution_hash[32] | timestamp u64 | rent_payment u64 |
//   signature[64]
// with little-endian integers. The layout is raw, with no codec type tag or version, because the
// SPEC fixes it byte for byte; every 176-byte string is a well-formed header, and only the
// signature says whether it is genuine. The signature is Ed25519 by the BPI operator over the
// first 112 bytes themselves, not over a digest; the operator's other signatures (step_receipt.h)
// are over 32-byte digests, so neither can pass for the other. The operator's public key is not in
// the header: the caller supplies the key registered for bpi_id. Deterministic, no state.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/crypto/crypto_provider.h"
#include "core/poe/bpi_id.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::poe {

struct PoEHeader {
  static constexpr std::size_t kEncodedSize = 176;
  // Every byte before the signature.
  static constexpr std::size_t kSignedSize = 112;

  BpiId bpi_id{};
  // Root of the LogBlock this header notarizes (LogBlock::root()).
  runtime::Hash32 logbook_root{};
  // The operator's commitment to the execution's results; opaque to this layer.
  runtime::Hash32 execution_hash{};
  // When the operator executed, in nanoseconds since the Unix epoch by the operator's clock.
  std::uint64_t timestamp = 0;
  // Base units paid for inclusion; compared with the required rent (rent_schedule.h).
  std::uint64_t rent_payment = 0;
  crypto::Signature signature{};

  std::array<std::uint8_t, kEncodedSize> encode() const;
  // Any input of exactly kEncodedSize bytes decodes; any other length is kInvalidArgument.
  static runtime::Result<PoEHeader> decode(runtime::ByteView bytes);

  // The first kSignedSize bytes of encode(): what the operator signs.
  std::array<std::uint8_t, kSignedSize> signed_bytes() const;
  // Sets `signature`. REQUIRES: `operator_secret` is the key of the operator of bpi_id.
  void sign(const crypto::SecretKey& operator_secret, crypto::CryptoProvider& crypto);
  // True only if `signature` is by `operator_key` over signed_bytes(). The caller looks the key up
  // by bpi_id; a header cannot vouch for its own signer.
  bool verify(const crypto::PublicKey& operator_key, crypto::CryptoProvider& crypto) const;

  // BLAKE2b-256 of the 176 encoded bytes, signature included: names these exact bytes (tracking
  // pending headers, forced-inclusion evidence).
  runtime::Hash32 id() const;

  bool operator==(const PoEHeader&) const = default;
};

}  // namespace mn::poe
