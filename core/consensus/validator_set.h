// The validators of one epoch with their stakes, in a canonical order (by public key), and the
// stake arithmetic consensus rests on: a quorum is strictly more than two thirds of the total
// stake, and the proposer of (height, round) is drawn in proportion to stake by a pure function
// of the set, the height and the round, so every honest node agrees on it without talking.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::consensus {

using ValidatorIndex = std::uint32_t;

struct Validator {
  crypto::PublicKey key{};
  std::uint64_t stake = 0;
};

// Immutable once created, so copies share one list of validators: the nodes of a simulated run
// that adopt the same set read the same memory on every vote (a thousand private copies of a
// thousand validators missed the cache on almost every signature check).
class ValidatorSet {
 public:
  static constexpr std::size_t kMaxValidators = 10'000;

  // Sorts by key. Rejects an empty set, zero stakes, duplicate keys, more than kMaxValidators
  // and a total stake that does not fit in 64 bits.
  static runtime::Result<ValidatorSet> create(std::vector<Validator> validators);

  std::size_t size() const { return m_validators->size(); }
  const Validator& at(ValidatorIndex index) const { return (*m_validators)[index]; }
  const std::vector<Validator>& validators() const { return *m_validators; }
  std::optional<ValidatorIndex> index_of(const crypto::PublicKey& key) const;
  std::uint64_t total_stake() const { return m_total_stake; }

  // True if `stake` is strictly more than 2/3 of the total.
  bool is_quorum(std::uint64_t stake) const;
  // True if `stake` is at least 1/3 of the total: at least one honest validator is among its
  // holders whenever the Byzantine stake is under 1/3, the fault bound consensus assumes.
  bool holds_one_third(std::uint64_t stake) const;

  // Proposer of (height, round), deterministic. Round 0's is drawn with probability proportional
  // to stake; later rounds draw from the validators that have not led at this height yet (all of
  // them again after n rounds), so no validator leads two of a height's first n rounds.
  ValidatorIndex proposer(std::uint64_t height, std::uint32_t round) const;

  // BLAKE2b-256 over the canonical encoding of the set; blocks commit to it.
  runtime::Hash32 hash() const { return m_hash; }

 private:
  std::shared_ptr<const std::vector<Validator>> m_validators =
      std::make_shared<const std::vector<Validator>>();
  std::uint64_t m_total_stake = 0;
  runtime::Hash32 m_hash{};
};

// Where each (possible) validator is on the network: key -> node. Immutable and shared by the
// nodes of a process.
using ValidatorDirectory = std::map<crypto::PublicKey, runtime::NodeId>;
using ValidatorDirectoryPtr = std::shared_ptr<const ValidatorDirectory>;

}  // namespace mn::consensus
