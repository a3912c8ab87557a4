// A payload's parent certificate: verified unless it is byte for byte the certificate this node
// already verified for the parent (BlockExecutor::block_start's `verified`), so a node does not
// re-prove at every height what it holds; any other certificate, however close, is verified.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/consensus/block_executor.h"
#include "core/crypto/counting_crypto_provider.h"
#include "tests/sim/consensus/validator_keys.h"

namespace mn::consensus {
namespace {

class ParentCertificateTest : public ::testing::Test {
 protected:
  ParentCertificateTest() : m_keys(4), m_set(m_keys.set({10, 10, 10, 10})) {
    BlockHeader header;
    header.height = 1;
    m_parent = make_block(header, {});
    m_committed = m_keys.certify(*m_parent, m_set);
  }

  // The same certificate as a peer sends it: decoded from its bytes, another object.
  CommitCertificatePtr copy_of(const CommitCertificate& certificate) {
    codec::Writer w;
    certificate.encode(w);
    codec::Reader r(w.view());
    return *decode_commit_certificate(r);
  }

  // block_start of height 2 with `carried`, given `verified`; the signatures checked go to
  // `verifies`.
  bool opens(const CommitCertificate* carried, const CommitCertificate* verified,
             std::uint64_t& verifies) {
    crypto::CountingCryptoProvider counting(m_keys.crypto);
    const auto start =
        BlockExecutor::block_start(2, m_parent->hash, m_set, 0, carried, verified, counting);
    verifies = counting.work().verifies;
    return start.is_ok();
  }

  testing::ValidatorKeys m_keys;
  ValidatorSet m_set;
  BlockPtr m_parent;
  CommitCertificatePtr m_committed;
};

TEST_F(ParentCertificateTest, TheCertificateTheNodeCommittedWithIsNotVerifiedAgain) {
  const CommitCertificatePtr carried = copy_of(*m_committed);
  std::uint64_t verifies = 0;
  EXPECT_TRUE(opens(carried.get(), m_committed.get(), verifies));
  EXPECT_EQ(verifies, 0U);
  // Without a verified certificate (the validity oracle's independent re-execution), every seal.
  EXPECT_TRUE(opens(carried.get(), nullptr, verifies));
  EXPECT_EQ(verifies, 4U);
}

TEST_F(ParentCertificateTest, AnotherCertificateOfTheParentIsVerified) {
  // Three of the four seals: a quorum too, but not the bytes the node verified.
  const CommitCertificatePtr quorum = m_keys.certify(*m_parent, m_set, 3);
  std::uint64_t verifies = 0;
  EXPECT_TRUE(opens(quorum.get(), m_committed.get(), verifies));
  EXPECT_EQ(verifies, 3U);
  // Two seals are no quorum, whatever the node holds.
  const CommitCertificatePtr short_of_quorum = m_keys.certify(*m_parent, m_set, 2);
  EXPECT_FALSE(opens(short_of_quorum.get(), m_committed.get(), verifies));
}

TEST_F(ParentCertificateTest, ATamperedCopyIsVerifiedAndRefused) {
  codec::Writer w;
  m_committed->encode(w);
  runtime::Bytes bytes = w.take();
  bytes.back() ^= 1;  // the last seal's last byte
  codec::Reader r(bytes);
  const CommitCertificatePtr tampered = *decode_commit_certificate(r);
  EXPECT_FALSE(same_certificate(tampered.get(), m_committed.get()));
  std::uint64_t verifies = 0;
  EXPECT_FALSE(opens(tampered.get(), m_committed.get(), verifies));
  EXPECT_GT(verifies, 0U);
}

}  // namespace
}  // namespace mn::consensus
