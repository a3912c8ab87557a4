// Per-client token buckets, for the devnet faucet (POST /admin/mintFaucet). Each client starts
// with `burst` tokens, a request spends one, and one token comes back every `refill_interval_ms`
// up to `burst` again. Time is passed in by the caller (a monotonic clock in milliseconds), so
// tests drive it; a clock that steps back refills nothing.
//
// Bounded: at most `max_clients` buckets. When the table is full, buckets that have refilled
// completely are forgotten (they are indistinguishable from a new client); if none has, a new
// client is refused rather than letting a flood of addresses reset everyone's budget.
//
// Threading: not thread-safe; the RPC server uses it from the io thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace mn::node {

inline constexpr std::uint32_t kDefaultFaucetBurst = 3;
inline constexpr std::int64_t kDefaultFaucetRefillIntervalMs = 60'000;
inline constexpr std::size_t kDefaultFaucetMaxClients = 4096;

struct TokenBucketConfig {
  std::uint32_t burst = kDefaultFaucetBurst;                         // 0 refuses everything
  std::int64_t refill_interval_ms = kDefaultFaucetRefillIntervalMs;  // > 0
  std::size_t max_clients = kDefaultFaucetMaxClients;
};

class TokenBucketLimiter {
 public:
  explicit TokenBucketLimiter(TokenBucketConfig config);

  // Spends one of `client`'s tokens at time `now_ms`; false if it has none (or no bucket is free).
  bool allow(std::string_view client, std::int64_t now_ms);

  std::size_t tracked_clients() const { return m_buckets.size(); }

 private:
  struct Bucket {
    std::uint32_t tokens = 0;
    std::int64_t refilled_at_ms = 0;  // the time the tokens were last brought up to date
  };

  void refill(Bucket& bucket, std::int64_t now_ms) const;
  void forget_full(std::int64_t now_ms);

  TokenBucketConfig m_config;
  std::map<std::string, Bucket, std::less<>> m_buckets;
};

}  // namespace mn::node
