#include "node/token_bucket_limiter.h"

#include <iterator>

#include "core/runtime/assert.h"

namespace mn::node {

TokenBucketLimiter::TokenBucketLimiter(TokenBucketConfig config) : m_config(config) {
  MN_ASSERT(m_config.refill_interval_ms > 0);
}

void TokenBucketLimiter::refill(Bucket& bucket, std::int64_t now_ms) const {
  if (now_ms <= bucket.refilled_at_ms) return;
  const std::int64_t intervals = (now_ms - bucket.refilled_at_ms) / m_config.refill_interval_ms;
  if (intervals <= 0) return;
  const std::int64_t missing = std::int64_t{m_config.burst} - bucket.tokens;
  if (intervals >= missing) {
    bucket.tokens = m_config.burst;
    bucket.refilled_at_ms = now_ms;
    return;
  }
  bucket.tokens += static_cast<std::uint32_t>(intervals);
  // Keep the partial interval already elapsed, so refills do not drift later with each request.
  bucket.refilled_at_ms += intervals * m_config.refill_interval_ms;
}

void TokenBucketLimiter::forget_full(std::int64_t now_ms) {
  for (auto it = m_buckets.begin(); it != m_buckets.end();) {
    refill(it->second, now_ms);
    it = it->second.tokens >= m_config.burst ? m_buckets.erase(it) : std::next(it);
  }
}

bool TokenBucketLimiter::allow(std::string_view client, std::int64_t now_ms) {
  auto it = m_buckets.find(client);
  if (it == m_buckets.end()) {
    if (m_buckets.size() >= m_config.max_clients) forget_full(now_ms);
    if (m_buckets.size() >= m_config.max_clients) return false;
    it = m_buckets.emplace(std::string(client), Bucket{m_config.burst, now_ms}).first;
  }
  Bucket& bucket = it->second;
  refill(bucket, now_ms);
  if (bucket.tokens == 0) return false;
  --bucket.tokens;
  return true;
}

}  // namespace mn::node
