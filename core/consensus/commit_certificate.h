// Proof that a block was committed: commit seals from validators holding more than two thirds
// of the stake, for one (height, round, block hash). CommitCertificate is the abstract type the
// rest of the code uses; SignatureSetCertificate is today's scheme (Ed25519 signatures plus a
// signer bitmap, as BLS12-381 is not among the allowed dependencies). An aggregate-signature
// scheme replaces it by adding a subclass and a scheme byte, without touching consensus logic.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/consensus/validator_set.h"
#include "core/consensus/vote.h"

namespace mn::consensus {

class CommitCertificate {
 public:
  virtual ~CommitCertificate() = default;
  virtual std::uint64_t height() const = 0;
  virtual std::uint32_t round() const = 0;
  virtual const runtime::Hash32& block_hash() const = 0;
  // Validators whose seals it carries, ascending (the bitmap rewards and slashing read).
  virtual std::vector<ValidatorIndex> signers() const = 0;
  // The single commit seal of `validator`, if the scheme keeps one (an aggregate scheme does
  // not): with a conflicting COMMIT of the same validator it is double-sign evidence.
  virtual std::optional<crypto::Signature> seal(ValidatorIndex validator) const = 0;
  // True only if every seal verifies and the signers hold a quorum of `set`'s stake.
  virtual bool verify(const ValidatorSet& set, crypto::CryptoProvider& crypto) const = 0;
  virtual void encode(codec::Writer& w) const = 0;
  // Exactly the number of bytes encode() writes, so a writer can reserve once.
  virtual std::size_t encoded_size() const = 0;
};

using CommitCertificatePtr = std::shared_ptr<const CommitCertificate>;

class SignatureSetCertificate final : public CommitCertificate {
 public:
  static constexpr std::uint8_t kScheme = 1;

  // REQUIRES: every vote is a COMMIT for (height, round, block_hash), one per validator.
  SignatureSetCertificate(std::uint64_t height, std::uint32_t round, runtime::Hash32 block_hash,
                          std::span<const Vote> commits, std::size_t validator_count);

  std::uint64_t height() const override { return m_height; }
  std::uint32_t round() const override { return m_round; }
  const runtime::Hash32& block_hash() const override { return m_block_hash; }
  std::vector<ValidatorIndex> signers() const override;
  std::optional<crypto::Signature> seal(ValidatorIndex validator) const override;
  bool verify(const ValidatorSet& set, crypto::CryptoProvider& crypto) const override;
  void encode(codec::Writer& w) const override;
  std::size_t encoded_size() const override;

  // Decodes the body after the scheme byte.
  static runtime::Result<CommitCertificatePtr> decode_body(codec::Reader& r);

 private:
  SignatureSetCertificate() = default;

  std::uint64_t m_height = 0;
  std::uint32_t m_round = 0;
  runtime::Hash32 m_block_hash{};
  std::vector<bool> m_bitmap;                   // by validator index
  std::vector<crypto::Signature> m_signatures;  // one per set bit, in index order
};

// True if both are non-null and encode to the same bytes (the same scheme, block, round and
// seals): what one proves, the other does.
bool same_certificate(const CommitCertificate* a, const CommitCertificate* b);

// Reads a scheme byte and the matching certificate.
runtime::Result<CommitCertificatePtr> decode_commit_certificate(codec::Reader& r);

}  // namespace mn::consensus
