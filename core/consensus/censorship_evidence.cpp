#include "core/consensus/censorship_evidence.h"

#include <algorithm>

#include "core/codec/header.h"
#include "core/consensus/block_payload.h"
#include "core/consensus/vote.h"
#include "core/crypto/hash.h"

namespace mn::consensus {

namespace {

constexpr std::uint16_t kCensorshipEvidenceTag = 0x0c32;

runtime::Status invalid(const char* why) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, why);
}

}  // namespace

bool settles_poe(const std::vector<ledger::Transaction>& txs, const runtime::Hash32& poe_id,
                 const crypto::PublicKey& sender, std::uint64_t nonce) {
  return std::any_of(txs.begin(), txs.end(), [&](const ledger::Transaction& tx) {
    if (tx.sender == sender && tx.nonce == nonce) return true;
    auto id = ledger::submitted_poe_id(tx);
    return id.is_ok() && *id == poe_id;
  });
}

runtime::Bytes CensorshipEvidence::encode() const {
  codec::Writer w;
  codec::write_header(w, kCensorshipEvidenceTag, 1);
  ack.encode(w);
  poe_tx.encode(w);
  header.encode(w);
  w.write_u32(round);
  w.write_fixed(proposal_signature);
  w.write_bytes(payload);
  return w.take();
}

runtime::Result<CensorshipEvidence> CensorshipEvidence::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kCensorshipEvidenceTag, 1); !v) return v.status();
  CensorshipEvidence e;
  auto ack = PoeAck::decode(r);
  if (!ack) return ack.status();
  e.ack = std::move(ack).value();
  auto tx = ledger::Transaction::decode(r);
  if (!tx) return tx.status();
  e.poe_tx = std::move(tx).value();
  auto header = BlockHeader::decode(r);
  if (!header) return header.status();
  e.header = *header;
  auto round = r.read_u32();
  if (!round) return round.status();
  e.round = *round;
  if (auto s = r.read_fixed(e.proposal_signature); !s.is_ok()) return s;
  auto payload = r.read_bytes(ledger::kMaxEvidencePayloadBytes);
  if (!payload) return payload.status();
  e.payload = std::move(payload).value();
  if (auto s = r.finish(); !s.is_ok()) return s;
  return e;
}

runtime::Result<slashing::Offence> CensorshipEvidence::verify(
    const InclusionRule& rule, crypto::CryptoProvider& crypto) const {
  if (!ack.verify(crypto)) return invalid("the PoE ack is not signed by its validator");
  auto poe_id = ledger::submitted_poe_id(poe_tx);
  if (!poe_id) return invalid("the acknowledged transaction is not a valid POE_SUBMIT");
  if (!ack.lists(poe_tx.id(crypto))) return invalid("the ack does not list the PoE transaction");
  if (header.round != round) return invalid("the proposal re-proposes a block of another round");
  if (header.height < ack.seen_height + rule.inclusion_slo_blocks) {
    return invalid("the proposal is within the PoE's inclusion SLO");
  }
  if (!crypto.verify(ack.validator,
                     consensus_digest(Step::kPropose, header.height, round, header_hash(header)),
                     proposal_signature)) {
    return invalid("the proposal is not signed by the acknowledging validator");
  }
  if (crypto.blake2b_256(payload) != header.payload_hash) {
    return invalid("the payload is not the one the proposal commits to");
  }
  auto decoded = BlockPayload::decode(payload);
  if (!decoded) return invalid("the proposal's payload does not decode");
  if (decoded->txs.size() >= rule.max_block_txs) return invalid("the proposed block is full");
  if (settles_poe(decoded->txs, *poe_id, poe_tx.sender, poe_tx.nonce)) {
    return invalid("the proposal includes the PoE, or spends its sender's nonce");
  }
  return slashing::Offence{.kind = slashing::OffenceKind::kCensorship,
                           .offender = ack.validator,
                           .height = header.height,
                           .round = round,
                           .poe_id = *poe_id,
                           .poe_sender = poe_tx.sender,
                           .poe_nonce = poe_tx.nonce};
}

}  // namespace mn::consensus
