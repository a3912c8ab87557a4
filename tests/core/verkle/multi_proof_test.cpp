// MultiProof: 1, 8 and 16 openings (and more, over shared commitments and shared points) verify
// with a 576-byte proof; a wrong value, point, commitment, query order or protocol, and any
// flipped byte of the proof, make verification fail; decoding is strict.
#include "core/verkle/multi_proof.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

const Crs& crs() {
  return *test::shared_crs();
}

struct Fixture {
  std::vector<std::vector<Scalar>> vectors;
  std::vector<Point> commitments;
  std::vector<VerifierQuery> queries;
  MultiProof proof;
};

// `count` openings over `distinct` committed vectors, at points (7 * i + 3) mod 256 — so shared
// commitments and shared points both occur once count exceeds distinct.
Fixture make(std::size_t count, std::size_t distinct) {
  Fixture f;
  for (std::size_t v = 0; v < distinct; ++v) {
    f.vectors.push_back(test::scalars_from("mp vector " + std::to_string(v), Generators::kWidth));
    f.commitments.push_back(crs().generators().commit(f.vectors.back()));
  }
  std::vector<ProverQuery> prover;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t v = i % distinct;
    const auto z = static_cast<std::uint8_t>((7 * i + 3) % 256);
    prover.push_back(ProverQuery{f.commitments[v], f.vectors[v], z});
    f.queries.push_back(VerifierQuery{f.commitments[v], z, f.vectors[v][z]});
  }
  Transcript transcript("mp-test");
  auto proof = MultiProof::prove(crs(), transcript, prover);
  EXPECT_TRUE(proof.is_ok());
  if (proof.is_ok()) f.proof = *proof;
  return f;
}

bool verifies(const MultiProof& proof, const std::vector<VerifierQuery>& queries,
              std::string_view protocol = "mp-test") {
  Transcript transcript(protocol);
  return proof.verify(crs(), transcript, queries);
}

TEST(VerkleMultiProof, HonestProofsVerifyAndAre576Bytes) {
  for (std::size_t count : {1u, 8u, 16u}) {
    const Fixture f = make(count, count);
    EXPECT_TRUE(verifies(f.proof, f.queries)) << count;
    EXPECT_EQ(f.proof.encode().size(), 576u);
  }
}

TEST(VerkleMultiProof, SharedCommitmentsAndPoints) {
  const Fixture f = make(600, 5);  // each vector opened at many points, points reused
  EXPECT_TRUE(verifies(f.proof, f.queries));
  // The same opening twice is fine too.
  std::vector<VerifierQuery> twice = {f.queries[0], f.queries[0]};
  std::vector<ProverQuery> prover = {ProverQuery{f.commitments[0], f.vectors[0], f.queries[0].z},
                                     ProverQuery{f.commitments[0], f.vectors[0], f.queries[0].z}};
  Transcript transcript("mp-test");
  auto proof = MultiProof::prove(crs(), transcript, prover);
  ASSERT_TRUE(proof.is_ok());
  EXPECT_TRUE(verifies(*proof, twice));
}

TEST(VerkleMultiProof, WrongClaimsFail) {
  const Fixture f = make(16, 16);
  for (std::size_t i = 0; i < f.queries.size(); ++i) {
    std::vector<VerifierQuery> wrong = f.queries;
    wrong[i].y += Scalar::one();
    EXPECT_FALSE(verifies(f.proof, wrong)) << "value " << i;
    wrong = f.queries;
    wrong[i].z = static_cast<std::uint8_t>(wrong[i].z + 1);
    EXPECT_FALSE(verifies(f.proof, wrong)) << "point " << i;
    wrong = f.queries;
    wrong[i].commitment += crs().generators().g(wrong[i].z);
    EXPECT_FALSE(verifies(f.proof, wrong)) << "commitment " << i;
    wrong = f.queries;
    wrong[i].commitment = f.queries[(i + 1) % f.queries.size()].commitment;
    EXPECT_FALSE(verifies(f.proof, wrong)) << "swapped commitment " << i;
  }
  std::vector<VerifierQuery> reordered = f.queries;
  std::swap(reordered[0], reordered[1]);
  EXPECT_FALSE(verifies(f.proof, reordered));
  std::vector<VerifierQuery> fewer(f.queries.begin(), f.queries.end() - 1);
  EXPECT_FALSE(verifies(f.proof, fewer));
  EXPECT_FALSE(verifies(f.proof, {}));
  EXPECT_FALSE(verifies(f.proof, f.queries, "another protocol"));
}

TEST(VerkleMultiProof, EveryByteOfTheProofMatters) {
  const Fixture f = make(8, 8);
  const runtime::Bytes bytes = f.proof.encode();
  ASSERT_EQ(bytes.size(), MultiProof::kEncodedBytes);
  std::size_t rejected_by_decoder = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    runtime::Bytes tampered = bytes;
    tampered[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
    const auto decoded = MultiProof::decode(tampered);
    if (!decoded.is_ok()) {
      ++rejected_by_decoder;
      continue;
    }
    EXPECT_FALSE(verifies(*decoded, f.queries)) << "byte " << i;
  }
  EXPECT_LT(rejected_by_decoder, bytes.size());  // most flips decode and must fail verification
}

TEST(VerkleMultiProof, EveryByteOfACommitmentMatters) {
  const Fixture f = make(4, 2);
  for (std::size_t q = 0; q < f.queries.size(); ++q) {
    const Point::Encoding encoding = f.queries[q].commitment.encode();
    for (std::size_t i = 0; i < encoding.size(); ++i) {
      Point::Encoding tampered = encoding;
      tampered[i] ^= static_cast<std::uint8_t>(1u << ((i + q) % 8));
      const auto point = Point::decode(tampered);
      if (!point.is_ok()) continue;
      std::vector<VerifierQuery> wrong = f.queries;
      wrong[q].commitment = *point;
      EXPECT_FALSE(verifies(f.proof, wrong)) << "query " << q << " byte " << i;
    }
  }
}

RC_GTEST_PROP(VerkleMultiProofProperty, DecoderNeverAcceptsJunkThatVerifies, ()) {
  const auto bytes = *rc::gen::container<std::vector<std::uint8_t>>(
      MultiProof::kEncodedBytes, rc::gen::arbitrary<std::uint8_t>());
  const auto decoded = MultiProof::decode(bytes);
  if (decoded.is_ok()) {
    RC_ASSERT(decoded->encode() == bytes);  // only canonical encodings decode
    static const Fixture f = make(2, 2);
    RC_ASSERT(!verifies(*decoded, f.queries));
  }
}

TEST(VerkleMultiProof, EncodingRoundTripsAndIsStrict) {
  const Fixture f = make(3, 2);
  const runtime::Bytes bytes = f.proof.encode();
  const auto decoded = MultiProof::decode(bytes);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(*decoded, f.proof);
  EXPECT_TRUE(verifies(*decoded, f.queries));
  EXPECT_FALSE(MultiProof::decode(runtime::ByteView(bytes).first(575)).is_ok());
  runtime::Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(MultiProof::decode(longer).is_ok());
  runtime::Bytes top_bit = bytes;
  top_bit[31] |= 0x80;  // D with the top bit set: same point for libsodium 1.0.18, refused here
  EXPECT_FALSE(MultiProof::decode(top_bit).is_ok());
}

}  // namespace
}  // namespace mn::verkle
