// SeenIds: the message keys a gossip node remembers, at most `capacity` of them, forgetting the
// oldest first. Every relay of a large network consults it once per copy it receives, so it is an
// open-addressing table of plain 64-bit keys (one probe sequence in one array, no allocation per
// key) beside the insertion order, instead of a node-based set. Lookup only: nothing iterates the
// table, so its layout cannot leak into behaviour; eviction follows the insertion order alone.
//
// The copies of one message reach a node from each of its neighbours within a few milliseconds,
// so most lookups are of a key inserted a moment ago: the last few keys are also kept in a small
// array inside the object, which answers those without touching the table. Eviction is oldest
// first, so the last min(kRecent, capacity) keys inserted are always held.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace mn::gossip {

class SeenIds {
 public:
  // A capacity of 0 remembers nothing.
  explicit SeenIds(std::size_t capacity) : m_capacity(capacity) {}

  // Adds `key`; false if it is already held. Beyond capacity the oldest key is forgotten.
  bool insert(std::uint64_t key);
  bool contains(std::uint64_t key) const;
  std::size_t size() const { return m_order.size(); }
  void clear();

 private:
  // Key 0 marks an empty slot; the key 0 itself is held in a flag.
  static constexpr std::uint64_t kEmpty = 0;
  static constexpr std::size_t kRecent = 4;

  bool recently_inserted(std::uint64_t key) const;
  std::size_t home(std::uint64_t key) const;
  bool table_contains(std::uint64_t key) const;
  void table_insert(std::uint64_t key);
  void table_erase(std::uint64_t key);
  void grow();

  std::size_t m_capacity;
  std::vector<std::uint64_t> m_slots;  // linear probing; size 0 or a power of two
  std::size_t m_used = 0;              // nonzero keys in m_slots
  bool m_has_zero = false;
  std::deque<std::uint64_t> m_order;  // oldest first
  // The last m_recent_count keys inserted, a ring whose next write goes to m_recent_next.
  // m_recent_count <= min(kRecent, m_capacity), so every key in it is held.
  std::array<std::uint64_t, kRecent> m_recent{};
  std::size_t m_recent_next = 0;
  std::size_t m_recent_count = 0;
};

}  // namespace mn::gossip
