#include "core/consensus/vote.h"

#include <algorithm>
#include <optional>

#include "core/crypto/hash.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

namespace {
constexpr char kDomain[] = "metanode/consensus/v1";
}

runtime::Hash32 consensus_digest(Step step, std::uint64_t height, std::uint32_t round,
                                 const runtime::Hash32& subject) {
  codec::Writer w;
  w.write_fixed(
      runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kDomain), sizeof kDomain - 1));
  w.write_u8(static_cast<std::uint8_t>(step));
  w.write_u64(height);
  w.write_u32(round);
  w.write_fixed(subject);
  return crypto::blake2b_256(w.view());
}

runtime::Hash32 Vote::signing_digest() const {
  return consensus_digest(step, height, round, block_hash);
}

bool Vote::verify(const ValidatorSet& set, crypto::CryptoProvider& crypto) const {
  return verify(set, signing_digest(), crypto);
}

bool Vote::verify(const ValidatorSet& set, const runtime::Hash32& digest,
                  crypto::CryptoProvider& crypto) const {
  if (step != Step::kPrepare && step != Step::kCommit) return false;
  if (validator >= set.size()) return false;
  return crypto.verify(set.at(validator).key, digest, signature);
}

bool ReceivedVote::verify(const ValidatorSet& set, const runtime::Hash32& digest,
                          crypto::CryptoProvider& crypto) const {
  if (vote.step != Step::kPrepare && vote.step != Step::kCommit) return false;
  if (vote.validator >= set.size()) return false;
  const crypto::PublicKey& key = set.at(vote.validator).key;
  if (const std::optional<bool> known = verification.outcome(key, digest)) {
    crypto::CryptoWork work;
    work.verifies = 1;
    crypto.account(work);
    return *known;
  }
  const bool valid = vote.verify(set, digest, crypto);
  verification.record(key, digest, valid);
  return valid;
}

void Vote::encode(codec::Writer& w) const {
  w.write_u8(static_cast<std::uint8_t>(step));
  w.write_u64(height);
  w.write_u32(round);
  w.write_fixed(block_hash);
  w.write_u32(validator);
  w.write_fixed(signature);
}

runtime::Result<Vote> Vote::decode(codec::Reader& r) {
  Vote v;
  auto step = r.read_u8();
  if (!step) return step.status();
  if (*step != static_cast<std::uint8_t>(Step::kPrepare) &&
      *step != static_cast<std::uint8_t>(Step::kCommit)) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "vote step must be prepare or commit");
  }
  v.step = static_cast<Step>(*step);
  auto height = r.read_u64();
  if (!height) return height.status();
  v.height = *height;
  auto round = r.read_u32();
  if (!round) return round.status();
  v.round = *round;
  if (auto s = r.read_fixed(v.block_hash); !s.is_ok()) return s;
  auto validator = r.read_u32();
  if (!validator) return validator.status();
  v.validator = *validator;
  if (auto s = r.read_fixed(v.signature); !s.is_ok()) return s;
  return v;
}

Vote make_vote(Step step, std::uint64_t height, std::uint32_t round,
               const runtime::Hash32& block_hash, ValidatorIndex validator,
               const crypto::SecretKey& key, crypto::CryptoProvider& crypto) {
  Vote v;
  v.step = step;
  v.height = height;
  v.round = round;
  v.block_hash = block_hash;
  v.validator = validator;
  v.signature = crypto.sign(key, v.signing_digest());
  return v;
}

std::vector<const Vote*> in_validator_order(std::span<const Vote> votes,
                                            std::size_t validator_count) {
  std::vector<const Vote*> slots(validator_count, nullptr);
  for (const Vote& v : votes) {
    MN_ASSERT(v.validator < validator_count && slots[v.validator] == nullptr);
    slots[v.validator] = &v;
  }
  std::erase(slots, nullptr);
  return slots;
}

}  // namespace mn::consensus
