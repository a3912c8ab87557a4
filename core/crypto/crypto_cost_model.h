// Virtual CPU time of crypto operations, in nanoseconds, for the simulator to charge so a run with
// the fast simulated provider still feels the cost of real Ed25519 (e.g. verify-heavy vote floods
// slow a node down). Providers never consult it; it is plain data a scenario may override.
// Defaults approximate libsodium's Ed25519 and BLAKE2b on one modern core.
#pragma once

#include <cstddef>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/types.h"

namespace mn::crypto {

struct CryptoCostModel {
  runtime::TimeNs keygen_ns = 20'000;
  runtime::TimeNs sign_ns = 25'000;
  runtime::TimeNs verify_ns = 60'000;
  // Hashing scales with input; the base covers setup and finalisation.
  runtime::TimeNs hash_base_ns = 300;
  runtime::TimeNs hash_per_byte_ns = 2;

  // `bytes` is the input size; only kHash depends on it (Ed25519's own hashing is in its flat
  // cost at the message sizes the protocol signs: headers and votes, not bulk data).
  constexpr runtime::TimeNs cost(CryptoOp op, std::size_t bytes) const {
    switch (op) {
      case CryptoOp::kKeygen:
        return keygen_ns;
      case CryptoOp::kSign:
        return sign_ns;
      case CryptoOp::kVerify:
        return verify_ns;
      case CryptoOp::kHash:
        return hash_base_ns + hash_per_byte_ns * static_cast<runtime::TimeNs>(bytes);
    }
    return 0;
  }

  // The same costs summed over a tally: hashing's base cost per call, its byte cost per byte.
  constexpr runtime::TimeNs cost(const CryptoWork& work) const {
    const auto n = [](std::uint64_t count) { return static_cast<runtime::TimeNs>(count); };
    return keygen_ns * n(work.keygens) + sign_ns * n(work.signs) + verify_ns * n(work.verifies) +
           hash_base_ns * n(work.hashes) + hash_per_byte_ns * n(work.hashed_bytes);
  }
};

}  // namespace mn::crypto
