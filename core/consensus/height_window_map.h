// A map whose entries belong to block heights and which keeps only the `window` most recent
// heights inserted: a cache for per-height results that nodes at the chain's tip reuse and nodes
// far behind recompute. Keys are digests (runtime::DigestHasher); the entries are a hash table,
// never iterated, so nothing depends on its order: deterministic. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/runtime/assert.h"
#include "core/runtime/digest_hasher.h"

namespace mn::consensus {

template <typename Key, typename Value>
class HeightWindowMap {
 public:
  // REQUIRES: window >= 1.
  explicit HeightWindowMap(std::uint64_t window) : m_window(window) { MN_ASSERT(window >= 1); }

  // Null if absent (or forgotten).
  Value* find(const Key& key) {
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second;
  }
  const Value* find(const Key& key) const {
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second;
  }

  // The entry for `key` (the existing one if present, else `value` added), or null if `height` is
  // already outside the window. A newer height forgets the heights that fall out of the window.
  Value* insert(std::uint64_t height, const Key& key, Value value) {
    if (Value* existing = find(key)) return existing;
    if (height + m_window <= m_newest) return nullptr;
    Value* added = &m_entries.emplace(key, std::move(value)).first->second;
    m_keys_by_height[height].push_back(key);
    if (height > m_newest) {
      m_newest = height;
      while (!m_keys_by_height.empty() && m_keys_by_height.begin()->first + m_window <= height) {
        for (const Key& old : m_keys_by_height.begin()->second) m_entries.erase(old);
        m_keys_by_height.erase(m_keys_by_height.begin());
      }
    }
    return added;
  }

  std::size_t size() const { return m_entries.size(); }

 private:
  std::uint64_t m_window;
  std::uint64_t m_newest = 0;
  std::unordered_map<Key, Value, runtime::DigestHasher> m_entries;
  std::map<std::uint64_t, std::vector<Key>> m_keys_by_height;
};

}  // namespace mn::consensus
