// MultiProof: one proof that many commitments open at many domain points (the go-ipa / EIP-6800
// multiproof), of constant size: a point D and one IpaProof, 576 bytes whatever the number of
// openings. Query i claims that C_i = commit(f_i) has f_i(z_i) = y_i, with z_i in 0..255.
//
// Protocol, on the caller's Transcript:
//   domain separator "multiproof"; for each query append C_i ("C"), z_i ("z"), y_i ("y");
//   r = challenge "r".
//   g(X) = sum_i r^i (f_i(X) - y_i) / (X - z_i)   (queries with one z are summed first; the
//          division by X - z_i uses Domain::add_quotient, exact in evaluation form)
//   D = commit(g); append D ("D"); t = challenge "t" (a t inside the domain is refused).
//   h(X) = sum_i r^i f_i(X) / (t - z_i); E = sum_i r^i / (t - z_i) C_i = commit(h);
//   append E ("E"); prove with IpaProof that E - D = commit(h - g) opens at t to
//   h(t) - g(t) = sum_i r^i y_i / (t - z_i), which the verifier computes from the claims alone.
// If some claimed y_i is wrong, g is not a polynomial and D cannot match it except with
// negligible probability over r and t.
//
// Encoding (576 bytes, no header: a field inside other records): D (32) || IpaProof (544).
// decode() is strict: canonical points and scalar only, exact length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/verkle/crs.h"
#include "core/verkle/ipa_proof.h"
#include "core/verkle/point.h"
#include "core/verkle/scalar.h"
#include "core/verkle/transcript.h"

namespace mn::verkle {

// Bound on the queries one proof may carry (the verifier's work is linear in it).
inline constexpr std::size_t kMaxMultiProofQueries = 1u << 16;

// What the prover knows: the committed vector itself.
struct ProverQuery {
  Point commitment;                // == commit(values)
  std::span<const Scalar> values;  // the 256 evaluations f(0..255)
  std::uint8_t z = 0;
};

// What the verifier is told: the commitment and the claimed value at z.
struct VerifierQuery {
  Point commitment;
  std::uint8_t z = 0;
  Scalar y;
};

struct MultiProof {
  static constexpr std::size_t kEncodedBytes = Point::kBytes + IpaProof::kEncodedBytes;

  Point d;
  IpaProof ipa;

  // REQUIRES: 1 <= queries.size() <= kMaxMultiProofQueries, every values.size() == 256 and
  // every commitment == commit(values). Fails (kInvalidArgument) only on a degenerate
  // Fiat-Shamir challenge (probability about 2^-244).
  static runtime::Result<MultiProof> prove(const Crs& crs, Transcript& transcript,
                                           std::span<const ProverQuery> queries);

  // True only if every query's claim holds. False for no queries or more than the bound.
  bool verify(const Crs& crs, Transcript& transcript, std::span<const VerifierQuery> queries) const;

  void encode_to(runtime::Bytes& out) const;
  runtime::Bytes encode() const;
  static runtime::Result<MultiProof> decode(runtime::ByteView bytes);

  bool operator==(const MultiProof& other) const { return d == other.d && ipa == other.ipa; }
};

}  // namespace mn::verkle
