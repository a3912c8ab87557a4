#include "core/crypto/remembered_signatures.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/runtime/equal_32.h"

namespace mn::crypto {
namespace {

bool is_zero(const PublicKey& key) {
  return std::all_of(key.begin(), key.end(), [](std::uint8_t b) { return b == 0; });
}

// Keys and digests are hash outputs: mixing 8 bytes of each is already uniform.
std::size_t hash_of(const PublicKey& public_key, const runtime::Hash32& digest) {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::memcpy(&a, public_key.data(), sizeof a);
  std::memcpy(&b, digest.data(), sizeof b);
  return static_cast<std::size_t>(a ^ (b * 0x9E3779B97F4A7C15ULL));
}

}  // namespace

std::size_t RememberedSignatures::probe(const PublicKey& public_key,
                                        const runtime::Hash32& digest) const {
  const std::size_t mask = m_entries.size() - 1;
  for (std::size_t slot = hash_of(public_key, digest) & mask;; slot = (slot + 1) & mask) {
    const Entry& entry = m_entries[slot];
    if ((runtime::equal_32(entry.public_key, public_key) &&
         runtime::equal_32(entry.digest, digest)) ||
        is_zero(entry.public_key))
      return slot;
  }
}

const Signature* RememberedSignatures::find(const PublicKey& public_key,
                                            const runtime::Hash32& digest) const {
  if (m_size == 0 || is_zero(public_key)) return nullptr;
  const Entry& entry = m_entries[probe(public_key, digest)];
  return is_zero(entry.public_key) ? nullptr : &entry.signature;
}

void RememberedSignatures::insert_or_assign(const PublicKey& public_key,
                                            const runtime::Hash32& digest,
                                            const Signature& signature) {
  if (is_zero(public_key)) return;
  if (!m_entries.empty()) {
    Entry& known = m_entries[probe(public_key, digest)];
    if (!is_zero(known.public_key)) {
      known.signature = signature;
      return;
    }
  }
  if (m_size >= m_max_entries) {
    m_entries.assign(m_entries.size(), Entry{});
    m_size = 0;
  }
  if (2 * (m_size + 1) > m_entries.size()) grow();
  Entry& entry = m_entries[probe(public_key, digest)];
  entry.public_key = public_key;
  entry.digest = digest;
  entry.signature = signature;
  ++m_size;
}

void RememberedSignatures::grow() {
  std::vector<Entry> old(std::max(kInitialSlots, 2 * m_entries.size()));
  std::swap(old, m_entries);
  for (const Entry& entry : old) {
    if (!is_zero(entry.public_key)) m_entries[probe(entry.public_key, entry.digest)] = entry;
  }
}

}  // namespace mn::crypto
