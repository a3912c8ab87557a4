#include "core/verkle/ipa_proof.h"

#include <vector>

#include "core/runtime/assert.h"
#include "core/verkle/msm.h"

namespace mn::verkle {

namespace {

constexpr std::string_view kLabelDomain = "ipa";

void append_statement(Transcript& transcript, const Point& commitment, const Scalar& z,
                      const Scalar& y) {
  transcript.domain_separator(kLabelDomain);
  transcript.append_point("C", commitment);
  transcript.append_scalar("input point", z);
  transcript.append_scalar("output point", y);
}

// <left, points> + value * q as one multi-scalar multiplication.
Point commit_with_q(std::span<const Point> points, std::span<const Scalar> scalars, const Point& q,
                    const Scalar& value) {
  std::vector<Point> all(points.begin(), points.end());
  std::vector<Scalar> coefficients(scalars.begin(), scalars.end());
  all.push_back(q);
  coefficients.push_back(value);
  return msm(all, coefficients);
}

// s_i = product of x_j^-1 over rounds j where bit (7 - j) of i is set.
std::vector<Scalar> folding_scalars(std::span<const Scalar> challenge_inverses) {
  std::vector<Scalar> s = {Scalar::one()};
  for (const Scalar& x_inverse : challenge_inverses) {
    std::vector<Scalar> next(2 * s.size());
    for (std::size_t p = 0; p < s.size(); ++p) {
      next[2 * p] = s[p];
      next[2 * p + 1] = s[p] * x_inverse;
    }
    s = std::move(next);
  }
  return s;
}

}  // namespace

Scalar inner_product(std::span<const Scalar> a, std::span<const Scalar> b) {
  MN_ASSERT(a.size() == b.size());
  Scalar sum;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_zero() && !b[i].is_zero()) sum += a[i] * b[i];
  }
  return sum;
}

runtime::Result<IpaProof> IpaProof::prove(const Crs& crs, Transcript& transcript,
                                          const Point& commitment, std::span<const Scalar> a_in,
                                          const Scalar& z) {
  MN_ASSERT(a_in.size() == Generators::kWidth);
  const Generators& generators = crs.generators();
  std::vector<Scalar> a(a_in.begin(), a_in.end());
  std::vector<Scalar> b = crs.domain().lagrange_basis(z);
  std::vector<Point> g(generators.g().begin(), generators.g().end());
  append_statement(transcript, commitment, z, inner_product(a, b));
  const Scalar w = transcript.challenge("w");
  const Point q = generators.mul_q(w);

  IpaProof proof;
  for (std::size_t round = 0; round < kIpaRounds; ++round) {
    const std::size_t half = a.size() / 2;
    const std::span<const Scalar> a_lo(a.data(), half), a_hi(a.data() + half, half);
    const std::span<const Scalar> b_lo(b.data(), half), b_hi(b.data() + half, half);
    const Scalar z_l = inner_product(a_hi, b_lo);
    const Scalar z_r = inner_product(a_lo, b_hi);
    if (round == 0) {  // the fixed generators: table sums, and q's terms through Q's table
      proof.l[round] = generators.msm(a_hi, 0) + generators.mul_q(w * z_l);
      proof.r[round] = generators.msm(a_lo, half) + generators.mul_q(w * z_r);
    } else {
      const std::span<const Point> g_lo(g.data(), half), g_hi(g.data() + half, half);
      proof.l[round] = commit_with_q(g_lo, a_hi, q, z_l);
      proof.r[round] = commit_with_q(g_hi, a_lo, q, z_r);
    }
    transcript.append_point("L", proof.l[round]);
    transcript.append_point("R", proof.r[round]);
    const Scalar x = transcript.challenge("x");
    if (x.is_zero()) {
      return runtime::Status(runtime::ErrorCode::kInvalidArgument, "ipa: zero challenge");
    }
    const Scalar x_inverse = x.inverse();
    for (std::size_t i = 0; i < half; ++i) {
      a[i] = a[i] + x * a[half + i];
      b[i] = b[i] + x_inverse * b[half + i];
      // The first round folds the fixed generators through their precomputed tables.
      g[i] += round == 0 ? generators.mul_g(half + i, x_inverse) : g[half + i] * x_inverse;
    }
    a.resize(half);
    b.resize(half);
    g.resize(half);
  }
  proof.a = a[0];
  return proof;
}

bool IpaProof::verify(const Crs& crs, Transcript& transcript, const Point& commitment,
                      const Scalar& z, const Scalar& y) const {
  const Generators& generators = crs.generators();
  append_statement(transcript, commitment, z, y);
  const Scalar w = transcript.challenge("w");
  std::array<Scalar, kIpaRounds> x{};
  for (std::size_t round = 0; round < kIpaRounds; ++round) {
    transcript.append_point("L", l[round]);
    transcript.append_point("R", r[round]);
    x[round] = transcript.challenge("x");
    if (x[round].is_zero()) return false;
  }
  std::array<Scalar, kIpaRounds> x_inverse = x;
  batch_invert(x_inverse);

  const std::vector<Scalar> s = folding_scalars(x_inverse);
  const Scalar b0 = inner_product(crs.domain().lagrange_basis(z), s);

  // a <s, G> + w (a b0 - y) Q - sum (x_j L_j + x_j^-1 R_j) must equal C.
  std::vector<Scalar> folded(Generators::kWidth);
  for (std::size_t i = 0; i < Generators::kWidth; ++i) folded[i] = a * s[i];
  std::vector<Point> points;
  std::vector<Scalar> scalars;
  for (std::size_t round = 0; round < kIpaRounds; ++round) {
    points.push_back(l[round]);
    scalars.push_back(-x[round]);
    points.push_back(r[round]);
    scalars.push_back(-x_inverse[round]);
  }
  const Point sum =
      generators.msm(folded, 0) + generators.mul_q(w * (a * b0 - y)) + msm(points, scalars);
  return sum == commitment;
}

void IpaProof::encode_to(runtime::Bytes& out) const {
  for (const Point& point : l) {
    const Point::Encoding encoding = point.encode();
    out.insert(out.end(), encoding.begin(), encoding.end());
  }
  for (const Point& point : r) {
    const Point::Encoding encoding = point.encode();
    out.insert(out.end(), encoding.begin(), encoding.end());
  }
  out.insert(out.end(), a.bytes().begin(), a.bytes().end());
}

runtime::Bytes IpaProof::encode() const {
  runtime::Bytes out;
  out.reserve(kEncodedBytes);
  encode_to(out);
  return out;
}

runtime::Result<IpaProof> IpaProof::decode(runtime::ByteView bytes) {
  if (bytes.size() != kEncodedBytes) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "ipa: expected 544 bytes");
  }
  IpaProof proof;
  std::size_t offset = 0;
  for (std::size_t half = 0; half < 2; ++half) {
    auto& points = half == 0 ? proof.l : proof.r;
    for (Point& point : points) {
      runtime::Result<Point> decoded = Point::decode(bytes.subspan(offset, Point::kBytes));
      if (!decoded.is_ok()) return decoded.status();
      point = *decoded;
      offset += Point::kBytes;
    }
  }
  runtime::Result<Scalar> a = Scalar::decode(bytes.subspan(offset, Scalar::kBytes));
  if (!a.is_ok()) return a.status();
  proof.a = *a;
  return proof;
}

bool IpaProof::operator==(const IpaProof& other) const {
  return l == other.l && r == other.r && a == other.a;
}

}  // namespace mn::verkle
