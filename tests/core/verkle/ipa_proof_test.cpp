// IpaProof: honest openings verify, at points outside and inside the domain; any change to the
// statement (commitment, point, value), to the transcript, or to any byte of the proof makes
// verification fail; decoding is strict.
#include "core/verkle/ipa_proof.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "tests/core/verkle/verkle_test_util.h"

namespace mn::verkle {
namespace {

const Crs& crs() {
  return *test::shared_crs();
}

struct Opening {
  std::vector<Scalar> a;
  Point commitment;
  Scalar z;
  Scalar y;
  IpaProof proof;
};

Opening open_at(const Scalar& z) {
  Opening out;
  out.a = test::scalars_from("ipa vector", Generators::kWidth);
  out.commitment = crs().generators().commit(out.a);
  out.z = z;
  out.y = crs().domain().evaluate(out.a, z);
  Transcript transcript("ipa-test");
  auto proof = IpaProof::prove(crs(), transcript, out.commitment, out.a, z);
  EXPECT_TRUE(proof.is_ok());
  out.proof = *proof;
  return out;
}

bool verifies(const Opening& o, const IpaProof& proof, std::string_view protocol = "ipa-test") {
  Transcript transcript(protocol);
  return proof.verify(crs(), transcript, o.commitment, o.z, o.y);
}

TEST(IpaProofTest, HonestProofsVerify) {
  const Opening outside = open_at(test::scalar_from("ipa point", 0));
  EXPECT_TRUE(verifies(outside, outside.proof));
  const Opening inside = open_at(Scalar::from_u64(200));
  EXPECT_EQ(inside.y, inside.a[200]);
  EXPECT_TRUE(verifies(inside, inside.proof));
}

TEST(IpaProofTest, WrongStatementsFail) {
  const Opening o = open_at(test::scalar_from("ipa point", 1));
  Opening wrong = o;
  wrong.y = o.y + Scalar::one();
  EXPECT_FALSE(verifies(wrong, o.proof));
  wrong = o;
  wrong.z = o.z + Scalar::one();
  EXPECT_FALSE(verifies(wrong, o.proof));
  wrong = o;
  wrong.commitment = o.commitment + crs().generators().g(0);
  EXPECT_FALSE(verifies(wrong, o.proof));
  EXPECT_FALSE(verifies(o, o.proof, "another protocol"));
  // A proof for another vector with the same value at z does not carry over.
  Opening other = o;
  other.a[5] += Scalar::one();
  other.a[6] -=
      crs().domain().lagrange_basis(o.z)[5] * crs().domain().lagrange_basis(o.z)[6].inverse();
  other.commitment = crs().generators().commit(other.a);
  ASSERT_EQ(crs().domain().evaluate(other.a, o.z), o.y);
  EXPECT_FALSE(verifies(other, o.proof));
}

TEST(IpaProofTest, EncodingRoundTripsAndIsStrict) {
  const Opening o = open_at(test::scalar_from("ipa point", 2));
  const runtime::Bytes bytes = o.proof.encode();
  ASSERT_EQ(bytes.size(), IpaProof::kEncodedBytes);
  ASSERT_EQ(bytes.size(), 544u);
  const auto decoded = IpaProof::decode(bytes);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(*decoded, o.proof);
  EXPECT_FALSE(IpaProof::decode(runtime::ByteView(bytes).first(543)).is_ok());
  runtime::Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(IpaProof::decode(longer).is_ok());
  runtime::Bytes big_a = bytes;
  big_a.back() = 0xff;  // a >= l
  EXPECT_FALSE(IpaProof::decode(big_a).is_ok());
}

TEST(IpaProofTest, EveryByteOfTheProofMatters) {
  const Opening o = open_at(test::scalar_from("ipa point", 3));
  const runtime::Bytes bytes = o.proof.encode();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
      runtime::Bytes tampered = bytes;
      tampered[i] ^= flip;
      const auto decoded = IpaProof::decode(tampered);
      if (decoded.is_ok()) {
        EXPECT_FALSE(verifies(o, *decoded)) << "byte " << i << " flip " << int{flip};
      }
    }
  }
}

}  // namespace
}  // namespace mn::verkle
