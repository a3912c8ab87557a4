// Shared fixtures of the core/auction tests: one Crs per test binary (building one takes tens of
// milliseconds), deterministic ids from a label and a counter, and an entry builder.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/auction/mx_pool.h"
#include "core/crypto/hash.h"
#include "core/verkle/crs.h"

namespace mn::auction::test {

inline const std::shared_ptr<const verkle::Crs>& shared_crs() {
  static const std::shared_ptr<const verkle::Crs> crs = verkle::Crs::create();
  return crs;
}

// blake2b_256(label || u64le(index)).
inline runtime::Hash32 id_of(std::string_view label, std::uint64_t index) {
  runtime::Bytes input(label.begin(), label.end());
  for (std::size_t i = 0; i < 8; ++i) input.push_back(static_cast<std::uint8_t>(index >> (8 * i)));
  return crypto::blake2b_256(input);
}

inline PoolEntry make_entry(std::uint64_t sender, std::uint64_t nonce, std::uint64_t fee_rate,
                            std::uint64_t priority_fee = 1, std::uint64_t gas = 21'000,
                            std::uint64_t salt = 0) {
  PoolEntry entry;
  entry.sender = id_of("sender", sender);
  entry.nonce = nonce;
  entry.fee_rate = fee_rate;
  entry.priority_fee = priority_fee;
  entry.gas = gas;
  entry.txid = id_of("tx", (sender << 40) ^ (nonce << 20) ^ (fee_rate << 4) ^ (salt << 56) ^
                               (priority_fee << 30) ^ gas);
  return entry;
}

}  // namespace mn::auction::test
