#include "core/verkle/multi_proof.h"

#include <array>
#include <memory>
#include <vector>

#include "core/runtime/assert.h"
#include "core/verkle/msm.h"

namespace mn::verkle {

namespace {

constexpr std::size_t kWidth = Generators::kWidth;

void append_query(Transcript& transcript, const Point& commitment, std::uint8_t z,
                  const Scalar& y) {
  transcript.append_point("C", commitment);
  transcript.append_scalar("z", Scalar::from_u64(z));
  transcript.append_scalar("y", y);
}

std::vector<Scalar> powers_of(const Scalar& r, std::size_t count) {
  std::vector<Scalar> powers(count);
  Scalar power = Scalar::one();
  for (Scalar& out : powers) {
    out = power;
    power *= r;
  }
  return powers;
}

// 1 / (t - z) for every z in `used`, indexed by z (zero elsewhere). REQUIRES: t outside the domain.
std::array<Scalar, kWidth> inverse_distances(const Scalar& t,
                                             const std::array<bool, kWidth>& used) {
  std::vector<Scalar> distances;
  for (std::size_t z = 0; z < kWidth; ++z) {
    if (used[z]) distances.push_back(t - Scalar::from_u64(z));
  }
  batch_invert(distances);
  std::array<Scalar, kWidth> out{};
  std::size_t next = 0;
  for (std::size_t z = 0; z < kWidth; ++z) {
    if (used[z]) out[z] = distances[next++];
  }
  return out;
}

runtime::Status degenerate(const char* what) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, what);
}

}  // namespace

runtime::Result<MultiProof> MultiProof::prove(const Crs& crs, Transcript& transcript,
                                              std::span<const ProverQuery> queries) {
  MN_ASSERT(!queries.empty() && queries.size() <= kMaxMultiProofQueries);
  transcript.domain_separator("multiproof");
  for (const ProverQuery& query : queries) {
    MN_ASSERT(query.values.size() == kWidth);
    append_query(transcript, query.commitment, query.z, query.values[query.z]);
  }
  const std::vector<Scalar> r_powers = powers_of(transcript.challenge("r"), queries.size());

  // grouped[z] = sum over queries at z of r^i f_i
  std::array<std::unique_ptr<std::vector<Scalar>>, kWidth> grouped;
  std::array<bool, kWidth> used{};
  for (std::size_t i = 0; i < queries.size(); ++i) {
    auto& group = grouped[queries[i].z];
    if (!group) group = std::make_unique<std::vector<Scalar>>(kWidth);
    used[queries[i].z] = true;
    for (std::size_t k = 0; k < kWidth; ++k) {
      if (!queries[i].values[k].is_zero()) (*group)[k] += r_powers[i] * queries[i].values[k];
    }
  }
  std::vector<Scalar> g(kWidth);
  for (std::size_t z = 0; z < kWidth; ++z) {
    if (used[z]) crs.domain().add_quotient(*grouped[z], static_cast<std::uint8_t>(z), g);
  }

  MultiProof proof;
  proof.d = crs.generators().commit(g);
  transcript.append_point("D", proof.d);
  const Scalar t = transcript.challenge("t");
  if (Domain::domain_index(t)) return degenerate("multiproof: t inside the domain");
  const std::array<Scalar, kWidth> inverse = inverse_distances(t, used);

  // h - g, and E = commit(h) from the query commitments.
  std::vector<Scalar> h_minus_g(kWidth);
  for (std::size_t z = 0; z < kWidth; ++z) {
    if (!used[z]) continue;
    for (std::size_t k = 0; k < kWidth; ++k) h_minus_g[k] += (*grouped[z])[k] * inverse[z];
  }
  for (std::size_t k = 0; k < kWidth; ++k) h_minus_g[k] -= g[k];
  std::vector<Point> commitments;
  std::vector<Scalar> coefficients;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    commitments.push_back(queries[i].commitment);
    coefficients.push_back(r_powers[i] * inverse[queries[i].z]);
  }
  const Point e = msm(commitments, coefficients);
  transcript.append_point("E", e);

  runtime::Result<IpaProof> ipa = IpaProof::prove(crs, transcript, e - proof.d, h_minus_g, t);
  if (!ipa.is_ok()) return ipa.status();
  proof.ipa = *ipa;
  return proof;
}

bool MultiProof::verify(const Crs& crs, Transcript& transcript,
                        std::span<const VerifierQuery> queries) const {
  if (queries.empty() || queries.size() > kMaxMultiProofQueries) return false;
  transcript.domain_separator("multiproof");
  for (const VerifierQuery& query : queries) {
    append_query(transcript, query.commitment, query.z, query.y);
  }
  const std::vector<Scalar> r_powers = powers_of(transcript.challenge("r"), queries.size());
  transcript.append_point("D", d);
  const Scalar t = transcript.challenge("t");
  if (Domain::domain_index(t)) return false;

  std::array<bool, kWidth> used{};
  for (const VerifierQuery& query : queries) used[query.z] = true;
  const std::array<Scalar, kWidth> inverse = inverse_distances(t, used);

  Scalar claimed;  // h(t) - g(t) = sum r^i y_i / (t - z_i)
  std::vector<Point> commitments;
  std::vector<Scalar> coefficients;
  commitments.reserve(queries.size());
  coefficients.reserve(queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const Scalar coefficient = r_powers[i] * inverse[queries[i].z];
    claimed += coefficient * queries[i].y;
    commitments.push_back(queries[i].commitment);
    coefficients.push_back(coefficient);
  }
  const Point e = msm(commitments, coefficients);
  transcript.append_point("E", e);
  return ipa.verify(crs, transcript, e - d, t, claimed);
}

void MultiProof::encode_to(runtime::Bytes& out) const {
  const Point::Encoding encoding = d.encode();
  out.insert(out.end(), encoding.begin(), encoding.end());
  ipa.encode_to(out);
}

runtime::Bytes MultiProof::encode() const {
  runtime::Bytes out;
  out.reserve(kEncodedBytes);
  encode_to(out);
  return out;
}

runtime::Result<MultiProof> MultiProof::decode(runtime::ByteView bytes) {
  if (bytes.size() != kEncodedBytes) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "multiproof: expected 576 bytes");
  }
  runtime::Result<Point> d = Point::decode(bytes.first(Point::kBytes));
  if (!d.is_ok()) return d.status();
  runtime::Result<IpaProof> ipa = IpaProof::decode(bytes.subspan(Point::kBytes));
  if (!ipa.is_ok()) return ipa.status();
  MultiProof proof;
  proof.d = *d;
  proof.ipa = *ipa;
  return proof;
}

}  // namespace mn::verkle
