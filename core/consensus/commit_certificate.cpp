#include "core/consensus/commit_certificate.h"

#include <algorithm>

#include "core/runtime/assert.h"

namespace mn::consensus {

SignatureSetCertificate::SignatureSetCertificate(std::uint64_t height, std::uint32_t round,
                                                 runtime::Hash32 block_hash,
                                                 std::span<const Vote> commits,
                                                 std::size_t validator_count)
    : m_height(height), m_round(round), m_block_hash(block_hash), m_bitmap(validator_count, false) {
  m_signatures.reserve(commits.size());
  for (const Vote* v : in_validator_order(commits, validator_count)) {
    MN_ASSERT(v->step == Step::kCommit && v->height == height && v->round == round &&
              v->block_hash == block_hash);
    m_bitmap[v->validator] = true;
    m_signatures.push_back(v->signature);
  }
}

std::vector<ValidatorIndex> SignatureSetCertificate::signers() const {
  std::vector<ValidatorIndex> out;
  for (ValidatorIndex i = 0; i < m_bitmap.size(); ++i) {
    if (m_bitmap[i]) out.push_back(i);
  }
  return out;
}

std::optional<crypto::Signature> SignatureSetCertificate::seal(ValidatorIndex validator) const {
  if (validator >= m_bitmap.size() || !m_bitmap[validator]) return std::nullopt;
  // Signatures are stored in index order, one per set bit.
  std::size_t position = 0;
  for (ValidatorIndex i = 0; i < validator; ++i) position += m_bitmap[i] ? 1 : 0;
  return m_signatures[position];
}

bool SignatureSetCertificate::verify(const ValidatorSet& set,
                                     crypto::CryptoProvider& crypto) const {
  if (m_bitmap.size() != set.size()) return false;
  const runtime::Hash32 digest = consensus_digest(Step::kCommit, m_height, m_round, m_block_hash);
  std::uint64_t stake = 0;
  std::size_t next = 0;
  for (ValidatorIndex i = 0; i < m_bitmap.size(); ++i) {
    if (!m_bitmap[i]) continue;
    if (next >= m_signatures.size()) return false;
    if (!crypto.verify(set.at(i).key, digest, m_signatures[next++])) return false;
    stake += set.at(i).stake;
  }
  return next == m_signatures.size() && set.is_quorum(stake);
}

void SignatureSetCertificate::encode(codec::Writer& w) const {
  w.write_u8(kScheme);
  w.write_u64(m_height);
  w.write_u32(m_round);
  w.write_fixed(m_block_hash);
  w.write_count(m_bitmap.size());
  std::uint8_t byte = 0;
  for (std::size_t i = 0; i < m_bitmap.size(); ++i) {
    if (m_bitmap[i]) byte |= static_cast<std::uint8_t>(1u << (i % 8));
    if (i % 8 == 7 || i + 1 == m_bitmap.size()) {
      w.write_u8(byte);
      byte = 0;
    }
  }
  for (const auto& s : m_signatures) w.write_fixed(s);
}

std::size_t SignatureSetCertificate::encoded_size() const {
  constexpr std::size_t kFixedBytes = 1 + 8 + 4 + sizeof(runtime::Hash32);
  return kFixedBytes + codec::varint_size(m_bitmap.size()) + (m_bitmap.size() + 7) / 8 +
         m_signatures.size() * crypto::Signature{}.size();
}

runtime::Result<CommitCertificatePtr> SignatureSetCertificate::decode_body(codec::Reader& r) {
  auto cert = std::shared_ptr<SignatureSetCertificate>(new SignatureSetCertificate());
  auto height = r.read_u64();
  if (!height) return height.status();
  auto round = r.read_u32();
  if (!round) return round.status();
  cert->m_height = *height;
  cert->m_round = *round;
  if (auto s = r.read_fixed(cert->m_block_hash); !s.is_ok()) return s;
  auto count = r.read_count(ValidatorSet::kMaxValidators, 0);
  if (!count) return count.status();
  cert->m_bitmap.assign(*count, false);
  std::size_t set_bits = 0;
  for (std::size_t i = 0; i < *count; i += 8) {
    auto byte = r.read_u8();
    if (!byte) return byte.status();
    for (std::size_t b = 0; b < 8; ++b) {
      const bool bit = ((*byte >> b) & 1u) != 0;
      if (i + b >= *count) {
        if (bit)
          return runtime::Status(runtime::ErrorCode::kInvalidArgument, "bitmap padding bit set");
        continue;
      }
      cert->m_bitmap[i + b] = bit;
      set_bits += bit ? 1 : 0;
    }
  }
  if (set_bits * crypto::Signature{}.size() > r.remaining()) {
    return runtime::Status(runtime::ErrorCode::kTruncated, "certificate signatures truncated");
  }
  cert->m_signatures.resize(set_bits);
  for (auto& s : cert->m_signatures) {
    if (auto st = r.read_fixed(s); !st.is_ok()) return st;
  }
  return CommitCertificatePtr(std::move(cert));
}

bool same_certificate(const CommitCertificate* a, const CommitCertificate* b) {
  if (a == nullptr || b == nullptr) return false;
  if (a == b) return true;
  if (a->height() != b->height() || a->round() != b->round() || a->block_hash() != b->block_hash())
    return false;
  codec::Writer wa;
  codec::Writer wb;
  a->encode(wa);
  b->encode(wb);
  return std::ranges::equal(wa.view(), wb.view());
}

runtime::Result<CommitCertificatePtr> decode_commit_certificate(codec::Reader& r) {
  auto scheme = r.read_u8();
  if (!scheme) return scheme.status();
  if (*scheme == SignatureSetCertificate::kScheme) return SignatureSetCertificate::decode_body(r);
  return runtime::Status(runtime::ErrorCode::kBadVersion, "unknown commit certificate scheme");
}

}  // namespace mn::consensus
