#include "core/consensus/evidence.h"

#include "core/codec/header.h"

namespace mn::consensus {

namespace {

constexpr std::uint16_t kDoubleSignEvidenceTag = 0x0c31;

runtime::Status invalid(const char* why) {
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, why);
}

}  // namespace

runtime::Bytes DoubleSignEvidence::encode() const {
  codec::Writer w;
  codec::write_header(w, kDoubleSignEvidenceTag, 1);
  w.write_fixed(signer);
  w.write_u8(static_cast<std::uint8_t>(step));
  w.write_u64(height);
  w.write_u32(round);
  w.write_fixed(first_hash);
  w.write_fixed(first_signature);
  w.write_fixed(second_hash);
  w.write_fixed(second_signature);
  return w.take();
}

runtime::Result<DoubleSignEvidence> DoubleSignEvidence::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kDoubleSignEvidenceTag, 1); !v) return v.status();
  DoubleSignEvidence e;
  if (auto s = r.read_fixed(e.signer); !s.is_ok()) return s;
  auto step = r.read_u8();
  if (!step) return step.status();
  e.step = static_cast<Step>(*step);
  auto height = r.read_u64();
  if (!height) return height.status();
  e.height = *height;
  auto round = r.read_u32();
  if (!round) return round.status();
  e.round = *round;
  for (auto s : {r.read_fixed(e.first_hash), r.read_fixed(e.first_signature),
                 r.read_fixed(e.second_hash), r.read_fixed(e.second_signature)}) {
    if (!s.is_ok()) return s;
  }
  if (auto s = r.finish(); !s.is_ok()) return s;
  return e;
}

runtime::Result<slashing::Offence> DoubleSignEvidence::verify(
    crypto::CryptoProvider& crypto) const {
  if (step != Step::kPropose && step != Step::kPrepare && step != Step::kCommit) {
    return invalid("double-sign evidence must name a propose, prepare or commit step");
  }
  if (!(first_hash < second_hash)) return invalid("double-sign evidence hashes must ascend");
  const runtime::Hash32 first = consensus_digest(step, height, round, first_hash);
  const runtime::Hash32 second = consensus_digest(step, height, round, second_hash);
  if (!crypto.verify(signer, first, first_signature) ||
      !crypto.verify(signer, second, second_signature)) {
    return invalid("double-sign evidence carries a signature that is not the signer's");
  }
  return slashing::Offence{.kind = slashing::OffenceKind::kDoubleSign,
                           .offender = signer,
                           .height = height,
                           .round = round};
}

std::optional<DoubleSignEvidence> make_double_sign_evidence(
    const crypto::PublicKey& signer, Step step, std::uint64_t height, std::uint32_t round,
    const runtime::Hash32& hash_a, const crypto::Signature& signature_a,
    const runtime::Hash32& hash_b, const crypto::Signature& signature_b) {
  if (hash_a == hash_b) return std::nullopt;
  const bool a_first = hash_a < hash_b;
  return DoubleSignEvidence{signer,
                            step,
                            height,
                            round,
                            a_first ? hash_a : hash_b,
                            a_first ? signature_a : signature_b,
                            a_first ? hash_b : hash_a,
                            a_first ? signature_b : signature_a};
}

runtime::Result<slashing::Offence> ConsensusEvidenceVerifier::verify(
    runtime::ByteView evidence, crypto::CryptoProvider& crypto) const {
  if (auto double_sign = DoubleSignEvidence::decode(evidence)) return double_sign->verify(crypto);
  if (auto censorship = CensorshipEvidence::decode(evidence))
    return censorship->verify(m_rule, crypto);
  if (auto invalid_vote = InvalidVoteEvidence::decode(evidence))
    return invalid_vote->verify(m_rule, crypto);
  return invalid("not evidence of a known kind");
}

}  // namespace mn::consensus
