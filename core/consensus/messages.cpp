#include "core/consensus/messages.h"

#include "core/codec/header.h"
#include "core/crypto/hash.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

namespace {

constexpr std::uint8_t kVersion = 1;
constexpr std::uint16_t kProposalTag = 0x0c11;
constexpr std::uint16_t kVoteTag = 0x0c12;
constexpr std::uint16_t kRoundChangeTag = 0x0c13;
constexpr std::uint16_t kFinalizedTag = 0x0c14;
constexpr std::uint16_t kRequestTag = 0x0c15;
// A justification or prepared certificate never needs more entries than there are validators.
constexpr std::size_t kMaxEntries = ValidatorSet::kMaxValidators;
constexpr std::size_t kMinVoteBytes = 1 + 8 + 4 + 32 + 4 + 64;

runtime::Status invalid(const char* what) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, what);
}

void encode_prepared(codec::Writer& w, const PreparedCertificate& p) {
  w.write_u32(p.round);
  w.write_fixed(p.block_hash);
  w.write_count(p.prepares.size());
  for (const Vote& v : p.prepares) v.encode(w);
}

runtime::Result<PreparedCertificate> decode_prepared(codec::Reader& r) {
  PreparedCertificate p;
  auto round = r.read_u32();
  if (!round) return round.status();
  p.round = *round;
  if (auto s = r.read_fixed(p.block_hash); !s.is_ok()) return s;
  auto count = r.read_count(kMaxEntries, kMinVoteBytes);
  if (!count) return count.status();
  p.prepares.reserve(*count);
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto v = Vote::decode(r);
    if (!v) return v.status();
    p.prepares.push_back(*v);
  }
  return p;
}

void encode_round_change_body(codec::Writer& w, const RoundChange& rc) {
  w.write_u64(rc.height);
  w.write_u32(rc.round);
  w.write_bool(rc.prepared.has_value());
  if (rc.prepared) {
    encode_prepared(w, *rc.prepared);
    rc.prepared_block->encode(w);
  }
  w.write_u32(rc.validator);
  w.write_fixed(rc.signature);
  w.write_bool(rc.seen_proposal.has_value());
  if (rc.seen_proposal) {
    w.write_u32(rc.seen_proposal->round);
    w.write_fixed(rc.seen_proposal->block_hash);
    w.write_fixed(rc.seen_proposal->signature);
  }
}

runtime::Result<RoundChange> decode_round_change_body(codec::Reader& r) {
  RoundChange rc;
  auto height = r.read_u64();
  if (!height) return height.status();
  rc.height = *height;
  auto round = r.read_u32();
  if (!round) return round.status();
  rc.round = *round;
  auto has_prepared = r.read_bool();
  if (!has_prepared) return has_prepared.status();
  if (*has_prepared) {
    auto p = decode_prepared(r);
    if (!p) return p.status();
    rc.prepared = std::move(p).value();
    auto block = Block::decode(r);
    if (!block) return block.status();
    rc.prepared_block = *block;
    if (rc.prepared_block->hash != rc.prepared->block_hash) {
      return invalid("round change: prepared block does not match its certificate");
    }
  }
  auto validator = r.read_u32();
  if (!validator) return validator.status();
  rc.validator = *validator;
  if (auto s = r.read_fixed(rc.signature); !s.is_ok()) return s;
  auto has_seen = r.read_bool();
  if (!has_seen) return has_seen.status();
  if (*has_seen) {
    SignedProposalClaim seen;
    auto seen_round = r.read_u32();
    if (!seen_round) return seen_round.status();
    seen.round = *seen_round;
    if (auto s = r.read_fixed(seen.block_hash); !s.is_ok()) return s;
    if (auto s = r.read_fixed(seen.signature); !s.is_ok()) return s;
    rc.seen_proposal = seen;
  }
  return rc;
}

template <class T, class F>
runtime::Result<T> decode_whole(runtime::ByteView bytes, std::uint16_t tag, F&& body) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, tag, kVersion); !v) return v.status();
  runtime::Result<T> result = body(r);
  if (!result) return result;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return result;
}

}  // namespace

bool PreparedCertificate::verify(std::uint64_t height, const ValidatorSet& set,
                                 crypto::CryptoProvider& crypto) const {
  std::vector<bool> seen(set.size(), false);
  std::uint64_t stake = 0;
  for (const Vote& v : prepares) {
    if (v.step != Step::kPrepare || v.height != height || v.round != round ||
        v.block_hash != block_hash || v.validator >= set.size() || seen[v.validator]) {
      return false;
    }
    if (!v.verify(set, crypto)) return false;
    seen[v.validator] = true;
    stake += set.at(v.validator).stake;
  }
  return set.is_quorum(stake);
}

runtime::Hash32 RoundChange::signing_digest() const {
  codec::Writer claim;
  claim.write_bool(prepared.has_value());
  if (prepared) {
    claim.write_u32(prepared->round);
    claim.write_fixed(prepared->block_hash);
  }
  return consensus_digest(Step::kRoundChange, height, round, crypto::blake2b_256(claim.view()));
}

bool RoundChange::verify(const ValidatorSet& set, crypto::CryptoProvider& crypto) const {
  if (validator >= set.size()) return false;
  if (prepared.has_value() != static_cast<bool>(prepared_block)) return false;
  if (prepared) {
    if (prepared->round >= round) return false;
    if (prepared_block->header.height != height) return false;
    if (prepared_block->hash != prepared->block_hash) return false;
    if (!prepared->verify(height, set, crypto)) return false;
  }
  return crypto.verify(set.at(validator).key, signing_digest(), signature);
}

runtime::MessagePtr encode_proposal(const Proposal& p) {
  codec::Writer w;
  codec::write_header(w, kProposalTag, kVersion);
  p.block->encode(w);
  w.write_u32(p.round);
  w.write_count(p.justification.size());
  for (const RoundChange& rc : p.justification) encode_round_change_body(w, rc);
  w.write_fixed(p.signature);
  return runtime::make_message(kProposalKind, w.take());
}

runtime::Result<Proposal> decode_proposal(runtime::ByteView bytes) {
  return decode_whole<Proposal>(bytes, kProposalTag,
                                [](codec::Reader& r) -> runtime::Result<Proposal> {
                                  Proposal p;
                                  auto block = Block::decode(r);
                                  if (!block) return block.status();
                                  p.block = *block;
                                  auto round = r.read_u32();
                                  if (!round) return round.status();
                                  p.round = *round;
                                  if (p.block->header.round > p.round)
                                    return invalid("proposal older than its block");
                                  auto count = r.read_count(kMaxEntries, 8 + 4 + 1 + 4 + 64);
                                  if (!count) return count.status();
                                  for (std::uint32_t i = 0; i < *count; ++i) {
                                    auto rc = decode_round_change_body(r);
                                    if (!rc) return rc.status();
                                    p.justification.push_back(std::move(rc).value());
                                  }
                                  if (auto s = r.read_fixed(p.signature); !s.is_ok()) return s;
                                  return p;
                                });
}

runtime::MessagePtr encode_vote(const Vote& vote) {
  codec::Writer w;
  codec::write_header(w, kVoteTag, kVersion);
  vote.encode(w);
  return runtime::make_message(kVoteKind, w.take());
}

runtime::Result<Vote> decode_vote(runtime::ByteView bytes) {
  return decode_whole<Vote>(bytes, kVoteTag, [](codec::Reader& r) { return Vote::decode(r); });
}

runtime::MessagePtr encode_round_change(const RoundChange& rc) {
  codec::Writer w;
  codec::write_header(w, kRoundChangeTag, kVersion);
  encode_round_change_body(w, rc);
  return runtime::make_message(kRoundChangeKind, w.take());
}

runtime::Result<RoundChange> decode_round_change(runtime::ByteView bytes) {
  return decode_whole<RoundChange>(bytes, kRoundChangeTag,
                                   [](codec::Reader& r) { return decode_round_change_body(r); });
}

FinalizedBlock make_finalized_block(BlockPtr block, CommitCertificatePtr certificate) {
  MN_ASSERT(certificate->block_hash() == block->hash &&
            certificate->height() == block->header.height);
  // Every validator seals every block: one allocation, not a dozen regrowths of a buffer of
  // several kilobytes.
  codec::Writer w(codec::kHeaderBytes + block->encoded_size() + certificate->encoded_size());
  codec::write_header(w, kFinalizedTag, kVersion);
  block->encode(w);
  certificate->encode(w);
  return {std::move(block), std::move(certificate),
          runtime::make_message(kFinalizedBlockKind, w.take())};
}

runtime::Result<FinalizedBlock> decode_finalized_block(const runtime::MessagePtr& message) {
  if (message->kind != kFinalizedBlockKind) return invalid("not a finalized block message");
  return decode_whole<FinalizedBlock>(message->payload, kFinalizedTag,
                                      [&](codec::Reader& r) -> runtime::Result<FinalizedBlock> {
                                        FinalizedBlock f;
                                        auto block = Block::decode(r);
                                        if (!block) return block.status();
                                        f.block = *block;
                                        auto cert = decode_commit_certificate(r);
                                        if (!cert) return cert.status();
                                        f.certificate = *cert;
                                        if (f.certificate->block_hash() != f.block->hash ||
                                            f.certificate->height() != f.block->header.height) {
                                          return invalid("certificate is for another block");
                                        }
                                        f.message = message;
                                        return f;
                                      });
}

runtime::MessagePtr encode_block_request(const BlockRequest& q) {
  codec::Writer w;
  codec::write_header(w, kRequestTag, kVersion);
  w.write_u64(q.from_height);
  w.write_u32(q.count);
  return runtime::make_message(kBlockRequestKind, w.take());
}

runtime::Result<BlockRequest> decode_block_request(runtime::ByteView bytes) {
  return decode_whole<BlockRequest>(bytes, kRequestTag,
                                    [](codec::Reader& r) -> runtime::Result<BlockRequest> {
                                      BlockRequest q;
                                      auto from = r.read_u64();
                                      if (!from) return from.status();
                                      auto count = r.read_u32();
                                      if (!count) return count.status();
                                      if (*count == 0 || *count > BlockRequest::kMaxBlocks)
                                        return invalid("block request count out of range");
                                      q.from_height = *from;
                                      q.count = *count;
                                      return q;
                                    });
}

}  // namespace mn::consensus
