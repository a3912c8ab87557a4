// IpaProof: a Bulletproofs-style inner-product argument (the go-ipa / EIP-6800 construction) that
// a Pedersen commitment C = sum a_i G_i (Generators) holds a vector a whose inner product with
// b = Domain::lagrange_basis(z) is y, i.e. that the polynomial with evaluations a on 0..255 has
// value y at z. Not hiding (no blinding): everything it proves is public.
//
// Protocol, on a Transcript shared with the caller (so an enclosing protocol binds it):
//   domain separator "ipa"; append C ("C"), z ("input point"), y ("output point");
//   w = challenge "w"; q = w Q.
//   8 rounds, halving (a, b, G): L = <a_R, G_L> + <a_R, b_L> q, R = <a_L, G_R> + <a_L, b_R> q;
//   append L ("L"), R ("R"); x = challenge "x";
//   a <- a_L + x a_R, b <- b_L + x^-1 b_R, G <- G_L + x^-1 G_R.
//   The proof is (L_0..L_7, R_0..R_7, a) with a the final length-1 vector.
// The verifier checks, in one multi-scalar multiplication,
//   C + y q + sum (x_j L_j + x_j^-1 R_j) == a <s, G> + a <s, b> q,
// where s_i is the product of x_j^-1 over the rounds j in which index i fell in the right half.
//
// Encoding (544 bytes, no header: a field inside MultiProof and other records):
//   L_0..L_7 (32 bytes each) || R_0..R_7 || a (32 bytes, little-endian, < l).
// decode() is strict: canonical points and scalar only, exact length.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/verkle/crs.h"
#include "core/verkle/point.h"
#include "core/verkle/scalar.h"
#include "core/verkle/transcript.h"

namespace mn::verkle {

inline constexpr std::size_t kIpaRounds = 8;  // log2(Generators::kWidth)
static_assert(std::size_t{1} << kIpaRounds == Generators::kWidth);

struct IpaProof {
  static constexpr std::size_t kEncodedBytes = 2 * kIpaRounds * Point::kBytes + Scalar::kBytes;

  std::array<Point, kIpaRounds> l;
  std::array<Point, kIpaRounds> r;
  Scalar a;

  // Proves that `commitment` (which must be crs.generators().commit(a)) opens at z to <a, b(z)>.
  // REQUIRES: a.size() == Generators::kWidth. Fails (kInvalidArgument) only if a Fiat-Shamir
  // challenge is zero, which happens with probability about 2^-252.
  static runtime::Result<IpaProof> prove(const Crs& crs, Transcript& transcript,
                                         const Point& commitment, std::span<const Scalar> a,
                                         const Scalar& z);

  // True only if the proof shows that `commitment` opens at z to y. Never asserts on the proof.
  bool verify(const Crs& crs, Transcript& transcript, const Point& commitment, const Scalar& z,
              const Scalar& y) const;

  void encode_to(runtime::Bytes& out) const;
  runtime::Bytes encode() const;
  static runtime::Result<IpaProof> decode(runtime::ByteView bytes);

  bool operator==(const IpaProof& other) const;
};

// sum a_i b_i. REQUIRES: a.size() == b.size().
Scalar inner_product(std::span<const Scalar> a, std::span<const Scalar> b);

}  // namespace mn::verkle
