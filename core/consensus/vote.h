// A signed consensus vote: PREPARE or COMMIT for a block hash at (height, round). The signature
// covers a domain-separated digest of exactly (step, height, round, block hash), so two votes by
// one validator for one (height, round, step) with different hashes are, by themselves,
// verifiable evidence of double signing. A COMMIT vote's signature is also its commit seal in the
// block's commit certificate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/consensus/validator_set.h"
#include "core/crypto/crypto_provider.h"
#include "core/crypto/verification_memo.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::consensus {

enum class Step : std::uint8_t { kPropose = 1, kPrepare = 2, kCommit = 3, kRoundChange = 4 };

struct Vote {
  Step step = Step::kPrepare;  // kPrepare or kCommit
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  runtime::Hash32 block_hash{};
  ValidatorIndex validator = 0;
  crypto::Signature signature{};

  // The digest a vote's signature covers.
  runtime::Hash32 signing_digest() const;
  bool verify(const ValidatorSet& set, crypto::CryptoProvider& crypto) const;
  // As verify(), with signing_digest() computed by the caller: every vote for one (step, height,
  // round, block) shares it, so a node tallying a thousand votes hashes it once.
  // REQUIRES: digest == signing_digest().
  bool verify(const ValidatorSet& set, const runtime::Hash32& digest,
              crypto::CryptoProvider& crypto) const;

  void encode(codec::Writer& w) const;
  static runtime::Result<Vote> decode(codec::Reader& r);
};

// A vote as it arrived in a message: decoded once and shared by every receiver of that message,
// with its signature check's outcome, so a thousand validators verifying it cost one verification
// of host time and each its own of virtual time (crypto::VerificationMemo).
struct ReceivedVote {
  explicit ReceivedVote(Vote received) : vote(received) {}

  // As Vote::verify(set, digest, crypto), answered from the memo when it holds this key and digest.
  // REQUIRES: digest == vote.signing_digest().
  bool verify(const ValidatorSet& set, const runtime::Hash32& digest,
              crypto::CryptoProvider& crypto) const;

  Vote vote;
  mutable crypto::VerificationMemo verification;
};

// Digest signed for any consensus statement: domain tag, step, height, round, and a 32-byte
// subject (a block hash, or for a round change the hash of its prepared claim).
runtime::Hash32 consensus_digest(Step step, std::uint64_t height, std::uint32_t round,
                                 const runtime::Hash32& subject);

// `votes` in validator index order, one pointer to each: a certificate lists its signers so.
// Placed by index rather than sorted, for a tally holds one vote per validator.
// REQUIRES: every validator index < validator_count, and none twice.
std::vector<const Vote*> in_validator_order(std::span<const Vote> votes,
                                            std::size_t validator_count);

Vote make_vote(Step step, std::uint64_t height, std::uint32_t round,
               const runtime::Hash32& block_hash, ValidatorIndex validator,
               const crypto::SecretKey& key, crypto::CryptoProvider& crypto);

}  // namespace mn::consensus
