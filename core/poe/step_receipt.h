// One signed record of an off-chain execution step by a BPI operator (SPEC 2.2): which step of
// which BPI, the hashes of its input and output, and the compute it took. The signature covers the
// signing digest, BLAKE2b-256 of (bpi_id, step_index, input_hash, output_hash, compute_units,
// timestamp) under its own record tag, so it can never be replayed as a signature over another
// record, and, being over 32 bytes, never as the operator's raw 112-byte PoE header signature.
// Like the PoE header, a receipt carries no key: the caller supplies the operator key registered
// for bpi_id. Every field is fixed-width, so every receipt encodes to kEncodedSize bytes; decoding
// is strict. Deterministic, no state.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/codec/limits.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/crypto/crypto_provider.h"
#include "core/poe/bpi_id.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::poe {

struct StepReceipt {
  // Header, bpi_id, step_index, input_hash, output_hash, compute_units, timestamp, signature.
  static constexpr std::size_t kEncodedSize = codec::kHeaderBytes + 32 + 8 + 32 + 32 + 8 + 8 + 64;

  BpiId bpi_id{};
  // Position of the step in its BPI's execution; a LogBlock holds strictly increasing indices.
  std::uint64_t step_index = 0;
  runtime::Hash32 input_hash{};
  runtime::Hash32 output_hash{};
  // The step's execution complexity, in the units the rent formula charges for.
  std::uint64_t compute_units = 0;
  // When the step ran, in nanoseconds since the Unix epoch by the operator's clock.
  std::uint64_t timestamp = 0;
  crypto::Signature signature{};

  // Full canonical encoding, signature included.
  void encode(codec::Writer& w) const;
  runtime::Bytes encode() const;
  // Reads one receipt; the reader may hold more. On error the reader's position is unchanged.
  static runtime::Result<StepReceipt> decode(codec::Reader& r);
  // Exactly one receipt: trailing bytes are kTrailingBytes.
  static runtime::Result<StepReceipt> decode(runtime::ByteView bytes);

  // What the operator signs.
  runtime::Hash32 signing_digest(crypto::CryptoProvider& crypto) const;
  // Sets `signature`. REQUIRES: `operator_secret` is the key of the operator of bpi_id.
  void sign(const crypto::SecretKey& operator_secret, crypto::CryptoProvider& crypto);
  // True only if `signature` is by `operator_key` over signing_digest().
  bool verify(const crypto::PublicKey& operator_key, crypto::CryptoProvider& crypto) const;

  // This receipt's leaf in its LogBlock's Merkle tree: merkle::leaf_hash of the full encoding, so
  // the root commits to the signatures as well as the steps.
  runtime::Hash32 leaf_hash() const;

  bool operator==(const StepReceipt&) const = default;
};

}  // namespace mn::poe
