#include "core/consensus/invalid_vote_evidence.h"

#include "core/codec/header.h"
#include "core/consensus/block_payload.h"

namespace mn::consensus {

namespace {

constexpr std::uint16_t kInvalidVoteEvidenceTag = 0x0c33;

runtime::Status invalid(const char* why) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, why);
}

}  // namespace

std::optional<std::string> payload_defect(runtime::ByteView payload, const InclusionRule& rule,
                                          crypto::CryptoProvider& crypto) {
  auto decoded = BlockPayload::decode(payload);
  if (!decoded) return "the payload does not decode: " + decoded.status().message();
  if (decoded->txs.size() > rule.max_block_txs) return "more transactions than a block holds";
  for (const ledger::Transaction& tx : decoded->txs) {
    if (!tx.verify_signature(crypto)) return "a transaction's signature fails";
  }
  return std::nullopt;
}

runtime::Bytes InvalidVoteEvidence::encode() const {
  codec::Writer w;
  codec::write_header(w, kInvalidVoteEvidenceTag, 1);
  w.write_fixed(signer);
  w.write_u8(static_cast<std::uint8_t>(step));
  w.write_u32(round);
  w.write_fixed(signature);
  header.encode(w);
  w.write_bytes(payload);
  return w.take();
}

runtime::Result<InvalidVoteEvidence> InvalidVoteEvidence::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kInvalidVoteEvidenceTag, 1); !v) return v.status();
  InvalidVoteEvidence e;
  if (auto s = r.read_fixed(e.signer); !s.is_ok()) return s;
  auto step = r.read_u8();
  if (!step) return step.status();
  e.step = static_cast<Step>(*step);
  auto round = r.read_u32();
  if (!round) return round.status();
  e.round = *round;
  if (auto s = r.read_fixed(e.signature); !s.is_ok()) return s;
  auto header = BlockHeader::decode(r);
  if (!header) return header.status();
  e.header = *header;
  auto payload = r.read_bytes(ledger::kMaxEvidencePayloadBytes);
  if (!payload) return payload.status();
  e.payload = std::move(payload).value();
  if (auto s = r.finish(); !s.is_ok()) return s;
  return e;
}

runtime::Result<slashing::Offence> InvalidVoteEvidence::verify(
    const InclusionRule& rule, crypto::CryptoProvider& crypto) const {
  if (step != Step::kPrepare && step != Step::kCommit) {
    return invalid("invalid-vote evidence must name a prepare or commit vote");
  }
  if (!crypto.verify(signer, consensus_digest(step, header.height, round, header_hash(header)),
                     signature)) {
    return invalid("the vote is not the signer's, for this block");
  }
  if (crypto.blake2b_256(payload) != header.payload_hash) {
    return invalid("the payload is not the one the block commits to");
  }
  if (!payload_defect(payload, rule, crypto)) return invalid("the block is not invalid on its own");
  return slashing::Offence{.kind = slashing::OffenceKind::kInvalidVote,
                           .offender = signer,
                           .height = header.height,
                           .round = round};
}

}  // namespace mn::consensus
