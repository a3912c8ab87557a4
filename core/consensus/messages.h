// The consensus wire protocol: every message a validator or full node exchanges, with strict
// decoding (a node never trusts a peer's bytes) and the signature rules that make each one
// attributable. Votes (PREPARE/COMMIT) are in vote.h; blocks in block.h.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/consensus/block.h"
#include "core/consensus/commit_certificate.h"
#include "core/consensus/message_kinds.h"
#include "core/consensus/vote.h"
#include "core/runtime/message.h"

namespace mn::consensus {

// Quorum of PREPARE votes for one (height, round, block): the proof that a block was prepared,
// which locks honest validators onto it across round changes.
struct PreparedCertificate {
  std::uint32_t round = 0;
  runtime::Hash32 block_hash{};
  std::vector<Vote> prepares;

  // Every vote a valid PREPARE for (height, round, block_hash), distinct validators, quorum stake.
  bool verify(std::uint64_t height, const ValidatorSet& set, crypto::CryptoProvider& crypto) const;
};

// A proposal as its proposer signed it: (round, block hash) and the signature over
// consensus_digest(kPropose, height, round, block hash). Self-authenticating.
struct SignedProposalClaim {
  std::uint32_t round = 0;
  runtime::Hash32 block_hash{};
  crypto::Signature signature{};
};

// A validator's move to `round`, carrying what it prepared (if anything) and that block.
struct RoundChange {
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  std::optional<PreparedCertificate> prepared;
  BlockPtr prepared_block;  // present exactly when `prepared` is
  ValidatorIndex validator = 0;
  crypto::Signature signature{};
  // The proposal the sender accepted in the round it left, if any. Not covered by `signature`
  // (the proposer's own signature authenticates it): validators that were shown different blocks
  // by one proposer compare notes here, and hold double-sign evidence when the hashes differ.
  std::optional<SignedProposalClaim> seen_proposal;

  // What the signature covers: (height, round) and the prepared claim (round, block hash).
  runtime::Hash32 signing_digest() const;
  bool verify(const ValidatorSet& set, crypto::CryptoProvider& crypto) const;
};

struct Proposal {
  BlockPtr block;
  std::uint32_t round = 0;
  // For round > 0: a quorum of round changes for (height, round) justifying the block.
  std::vector<RoundChange> justification;
  crypto::Signature signature{};  // by block->header.proposer over (propose, height, round, hash)

  std::uint64_t height() const { return block->header.height; }
};

struct FinalizedBlock {
  BlockPtr block;
  CommitCertificatePtr certificate;
  // Its kFinalizedBlockKind message, encoded once and shared by whoever relays or stores it. Set
  // by make_finalized_block and decode_finalized_block.
  runtime::MessagePtr message;
};

// REQUIRES: `certificate` certifies `block` (same hash and height).
FinalizedBlock make_finalized_block(BlockPtr block, CommitCertificatePtr certificate);

struct BlockRequest {
  static constexpr std::uint32_t kMaxBlocks = 64;
  std::uint64_t from_height = 0;
  std::uint32_t count = 0;
};

runtime::MessagePtr encode_proposal(const Proposal& proposal);
runtime::MessagePtr encode_vote(const Vote& vote);
runtime::MessagePtr encode_round_change(const RoundChange& round_change);
runtime::MessagePtr encode_block_request(const BlockRequest& request);

runtime::Result<Proposal> decode_proposal(runtime::ByteView bytes);
runtime::Result<Vote> decode_vote(runtime::ByteView bytes);
runtime::Result<RoundChange> decode_round_change(runtime::ByteView bytes);
// Also checks that the certificate names the block; not the certificate's signatures.
runtime::Result<FinalizedBlock> decode_finalized_block(const runtime::MessagePtr& message);
runtime::Result<BlockRequest> decode_block_request(runtime::ByteView bytes);

}  // namespace mn::consensus
