#include "sim/event_fingerprint.h"

#include <xxhash.h>

#include "core/codec/hex.h"

namespace mn::sim {

EventFingerprint::EventFingerprint() {
  crypto_generichash_init(&m_digest, nullptr, 0, crypto_generichash_BYTES);
}

void EventFingerprint::fold(crypto_generichash_state& digest, const std::uint8_t* batch,
                            std::size_t bytes) {
  XXH128_canonical_t checksum;
  XXH128_canonicalFromHash(&checksum, XXH3_128bits(batch, bytes));
  crypto_generichash_update(&digest, checksum.digest, sizeof checksum.digest);
}

void EventFingerprint::flush() {
  fold(m_digest, m_pending.data(), m_pending_bytes);
  m_pending_bytes = 0;
}

std::string EventFingerprint::hex() const {
  crypto_generichash_state copy = m_digest;
  if (m_pending_bytes > 0) fold(copy, m_pending.data(), m_pending_bytes);
  runtime::Hash32 digest{};
  crypto_generichash_final(&copy, digest.data(), digest.size());
  return codec::to_hex(digest);
}

}  // namespace mn::sim
