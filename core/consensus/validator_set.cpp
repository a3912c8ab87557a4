#include "core/consensus/validator_set.h"

#include <algorithm>

#include "core/codec/header.h"
#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::consensus {

namespace {
constexpr std::uint16_t kValidatorSetTag = 0x0c01;
constexpr std::uint8_t kValidatorSetVersion = 1;
}  // namespace

runtime::Result<ValidatorSet> ValidatorSet::create(std::vector<Validator> validators) {
  using runtime::ErrorCode;
  if (validators.empty()) return runtime::Status(ErrorCode::kInvalidArgument, "no validators");
  if (validators.size() > kMaxValidators) {
    return runtime::Status(ErrorCode::kInvalidArgument, "more than 10000 validators");
  }
  std::sort(validators.begin(), validators.end(),
            [](const Validator& a, const Validator& b) { return a.key < b.key; });
  ValidatorSet set;
  runtime::Uint128 total = 0;
  for (std::size_t i = 0; i < validators.size(); ++i) {
    if (validators[i].stake == 0) {
      return runtime::Status(ErrorCode::kInvalidArgument, "a validator with zero stake");
    }
    if (i > 0 && validators[i].key == validators[i - 1].key) {
      return runtime::Status(ErrorCode::kInvalidArgument, "duplicate validator key");
    }
    total += validators[i].stake;
  }
  if (total > UINT64_MAX) {
    return runtime::Status(ErrorCode::kInvalidArgument, "total stake exceeds 64 bits");
  }
  set.m_total_stake = static_cast<std::uint64_t>(total);
  set.m_validators = std::make_shared<const std::vector<Validator>>(std::move(validators));
  codec::Writer w;
  codec::write_header(w, kValidatorSetTag, kValidatorSetVersion);
  w.write_count(set.size());
  for (const Validator& v : set.validators()) {
    w.write_fixed(v.key);
    w.write_u64(v.stake);
  }
  set.m_hash = crypto::blake2b_256(w.view());
  return set;
}

std::optional<ValidatorIndex> ValidatorSet::index_of(const crypto::PublicKey& key) const {
  const auto it =
      std::lower_bound(validators().begin(), validators().end(), key,
                       [](const Validator& v, const crypto::PublicKey& k) { return v.key < k; });
  if (it == validators().end() || it->key != key) return std::nullopt;
  return static_cast<ValidatorIndex>(it - validators().begin());
}

bool ValidatorSet::is_quorum(std::uint64_t stake) const {
  return static_cast<runtime::Uint128>(stake) * 3 >
         static_cast<runtime::Uint128>(m_total_stake) * 2;
}

bool ValidatorSet::holds_one_third(std::uint64_t stake) const {
  return static_cast<runtime::Uint128>(stake) * 3 >= m_total_stake;
}

ValidatorIndex ValidatorSet::proposer(std::uint64_t height, std::uint32_t round) const {
  // Round r takes pick r (mod n) of a stake-weighted draw without replacement: every validator
  // leads once at a height before any leads twice, so f silent or crashed validators cost a
  // height at most f failed rounds. (Drawn with replacement, a crashed validator of four led the
  // next round too one time in four, and with doubling timeouts five such rounds cost 30 s.)
  const std::vector<Validator>& all = validators();
  const std::uint32_t turn = round % static_cast<std::uint32_t>(all.size());
  std::vector<bool> taken(turn == 0 ? 0 : all.size(), false);
  std::uint64_t untaken_stake = m_total_stake;
  for (std::uint32_t pick = 0;; ++pick) {
    codec::Writer w;
    w.write_fixed(m_hash);
    w.write_u64(height);
    w.write_u32(pick);
    const runtime::Hash32 draw = crypto::blake2b_256(w.view());
    std::uint64_t r = 0;
    for (int i = 0; i < 8; ++i) r |= static_cast<std::uint64_t>(draw[i]) << (8 * i);
    // 64 random bits reduced modulo the stake: the bias is at most total/2^64, negligible.
    std::uint64_t point = r % untaken_stake;
    ValidatorIndex chosen = 0;
    for (ValidatorIndex i = 0; i < all.size(); ++i) {
      if (!taken.empty() && taken[i]) continue;
      chosen = i;
      if (point < all[i].stake) break;
      point -= all[i].stake;
    }
    if (pick == turn) return chosen;
    taken[chosen] = true;
    untaken_stake -= all[chosen].stake;
  }
}

}  // namespace mn::consensus
