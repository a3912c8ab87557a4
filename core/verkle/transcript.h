// Transcript: the Fiat-Shamir transcript of the IPA and multiproof. Prover and verifier append
// the same labelled items in the same order and draw the same challenges, so a challenge depends
// on everything said before it. The state is an incremental BLAKE2b-512 (libsodium's
// crypto_generichash). Every item is framed unambiguously:
//   record = kind (u8) || label length (u8) || label || data length (u32 LE) || data
// with kinds: protocol name (at construction), domain separator, message, challenge. A challenge
// finishes the hash, reduces the 64-byte digest mod l (crypto_core_ristretto255_scalar_reduce),
// and restarts the state from a chain record holding that digest, so later challenges depend on
// earlier ones. A plain value: copy it to fork a transcript; not for concurrent use.
#pragma once

#include <cstdint>
#include <string_view>

#include <sodium.h>

#include "core/runtime/types.h"
#include "core/verkle/point.h"
#include "core/verkle/scalar.h"

namespace mn::verkle {

class Transcript {
 public:
  static constexpr std::string_view kDomain = "metanode/verkle/v1/transcript";

  // Starts a transcript for `protocol` (e.g. "tree-proof"). REQUIRES: labels <= 255 bytes.
  explicit Transcript(std::string_view protocol);

  void domain_separator(std::string_view label);
  void append_message(std::string_view label, runtime::ByteView data);
  void append_scalar(std::string_view label, const Scalar& scalar);
  void append_point(std::string_view label, const Point& point);
  void append_point(std::string_view label, const Point::Encoding& encoding);
  Scalar challenge(std::string_view label);

 private:
  enum class Kind : std::uint8_t {
    kProtocol = 0,
    kDomainSeparator = 1,
    kMessage = 2,
    kChallenge = 3,
    kChain = 4
  };
  void absorb(Kind kind, std::string_view label, runtime::ByteView data);
  void restart();

  crypto_generichash_state m_state{};
};

}  // namespace mn::verkle
