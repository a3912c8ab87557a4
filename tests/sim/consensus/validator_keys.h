// Test keys for validator sets, all registered with one simulated provider (the only one that can
// verify them), shared by the consensus tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/consensus/block.h"
#include "core/consensus/commit_certificate.h"
#include "core/consensus/validator_set.h"
#include "core/consensus/vote.h"
#include "core/crypto/simulated_crypto_provider.h"

namespace mn::consensus::testing {

struct ValidatorKeys {
  crypto::SimulatedCryptoProvider crypto;
  std::vector<crypto::KeyPair> pairs;

  explicit ValidatorKeys(int n) {
    for (int i = 0; i < n; ++i) {
      crypto::KeySeed seed{};
      seed[0] = static_cast<std::uint8_t>(i + 1);
      pairs.push_back(crypto.keypair_from_seed(seed));
    }
  }
  // pairs[i] holds stakes[i].
  ValidatorSet set(const std::vector<std::uint64_t>& stakes) {
    std::vector<Validator> v;
    for (std::size_t i = 0; i < stakes.size(); ++i) v.push_back({pairs[i].public_key, stakes[i]});
    return *ValidatorSet::create(v);
  }
  // The set index of the holder of pairs[i] (the set orders validators by key).
  ValidatorIndex index(const ValidatorSet& s, int i) const {
    return *s.index_of(pairs[static_cast<std::size_t>(i)].public_key);
  }
  // The key pair of the validator at index `i` of `s`.
  const crypto::KeyPair& of(const ValidatorSet& s, ValidatorIndex i) const {
    for (const auto& p : pairs) {
      if (p.public_key == s.at(i).key) return p;
    }
    return pairs[0];
  }
  // A certificate of `block` (round 0) signed by every validator of `s` whose key is here, or by
  // the first `signers` of them.
  CommitCertificatePtr certify(const Block& block, const ValidatorSet& s,
                               std::size_t signers = SIZE_MAX) {
    std::vector<Vote> commits;
    for (ValidatorIndex i = 0; i < s.size() && commits.size() < signers; ++i) {
      for (const auto& pair : pairs) {
        if (pair.public_key != s.at(i).key) continue;
        commits.push_back(make_vote(Step::kCommit, block.header.height, 0, block.hash, i,
                                    pair.secret_key, crypto));
      }
    }
    return std::make_shared<SignatureSetCertificate>(block.header.height, 0, block.hash,
                                                     std::move(commits), s.size());
  }
};

}  // namespace mn::consensus::testing
