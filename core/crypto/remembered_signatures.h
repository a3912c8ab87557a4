// The signatures SimulatedCryptoProvider produced over 32-byte digests, by (public key, digest):
// an open-addressing table with linear probing whose entries hold key and signature inline.
// A lookup is one probe sequence through a flat array, usually a single 128-byte entry, where a
// node-based hash map chased a bucket, the node before its chain and the node itself: three
// cache misses per verification, and a 1,000-validator run verifies a few million votes.
//
// Grows by doubling while at most half full, up to `max_entries`; inserting past that forgets
// everything first (the provider then recomputes on demand), so memory stays bounded. The all-zero
// public key marks an empty slot, so it is never stored and never found. Deterministic: answers
// never depend on the table's layout. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/crypto/crypto_provider.h"

namespace mn::crypto {

class RememberedSignatures {
 public:
  static constexpr std::size_t kMaxEntries = std::size_t{1} << 21;  // 512 MiB of slots

  // REQUIRES: max_entries >= 1.
  explicit RememberedSignatures(std::size_t max_entries = kMaxEntries)
      : m_max_entries(max_entries) {}

  // The signature remembered for (public_key, digest), or null.
  const Signature* find(const PublicKey& public_key, const runtime::Hash32& digest) const;
  // Remembers `signature` for (public_key, digest), replacing any earlier one. Ignored for the
  // all-zero public key.
  void insert_or_assign(const PublicKey& public_key, const runtime::Hash32& digest,
                        const Signature& signature);
  std::size_t size() const { return m_size; }

 private:
  struct alignas(64) Entry {
    PublicKey public_key{};  // all zero: empty
    runtime::Hash32 digest{};
    Signature signature{};
  };
  static constexpr std::size_t kInitialSlots = 1024;

  // The slot holding (public_key, digest), or the empty slot where it would go.
  // REQUIRES: the table has at least one empty slot.
  std::size_t probe(const PublicKey& public_key, const runtime::Hash32& digest) const;
  void grow();

  std::size_t m_max_entries;
  std::vector<Entry> m_entries;  // size a power of two, or empty
  std::size_t m_size = 0;
};

}  // namespace mn::crypto
