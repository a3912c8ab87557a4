#include "core/gossip/seen_ids.h"

#include <algorithm>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::gossip {

namespace {

// The first table's size. Tables grow by doubling and stay at most half full, so a probe sequence
// ends at an empty slot within a few steps.
constexpr std::size_t kMinSlots = 16;

}  // namespace

bool SeenIds::insert(std::uint64_t key) {
  if (contains(key)) return false;
  if (key == kEmpty) {
    m_has_zero = true;
  } else {
    table_insert(key);
  }
  m_order.push_back(key);
  m_recent[m_recent_next] = key;
  m_recent_next = (m_recent_next + 1) % kRecent;
  m_recent_count = std::min({m_recent_count + 1, kRecent, m_capacity});
  if (m_order.size() > m_capacity) {
    const std::uint64_t oldest = m_order.front();
    m_order.pop_front();
    if (oldest == kEmpty) {
      m_has_zero = false;
    } else {
      table_erase(oldest);
    }
  }
  return true;
}

bool SeenIds::contains(std::uint64_t key) const {
  if (recently_inserted(key)) return true;
  return key == kEmpty ? m_has_zero : table_contains(key);
}

bool SeenIds::recently_inserted(std::uint64_t key) const {
  // The valid entries are the m_recent_count slots before m_recent_next, cyclically.
  for (std::size_t back = 1; back <= m_recent_count; ++back) {
    if (m_recent[(m_recent_next + kRecent - back) % kRecent] == key) return true;
  }
  return false;
}

void SeenIds::clear() {
  m_slots.clear();
  m_slots.shrink_to_fit();
  m_used = 0;
  m_has_zero = false;
  m_order.clear();
  m_recent_count = 0;
}

std::size_t SeenIds::home(std::uint64_t key) const {
  // Fibonacci hashing: keys are hash bytes already, the multiply only guards against any that are
  // not (tests use small integers).
  return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> 32) & (m_slots.size() - 1);
}

bool SeenIds::table_contains(std::uint64_t key) const {
  if (m_slots.empty()) return false;
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = home(key);; i = (i + 1) & mask) {
    if (m_slots[i] == key) return true;
    if (m_slots[i] == kEmpty) return false;
  }
}

void SeenIds::table_insert(std::uint64_t key) {
  if (2 * (m_used + 1) > m_slots.size()) grow();
  const std::size_t mask = m_slots.size() - 1;
  std::size_t i = home(key);
  while (m_slots[i] != kEmpty) i = (i + 1) & mask;
  m_slots[i] = key;
  ++m_used;
}

void SeenIds::table_erase(std::uint64_t key) {
  const std::size_t mask = m_slots.size() - 1;
  std::size_t hole = home(key);
  while (m_slots[hole] != key) {
    MN_ASSERT_MSG(m_slots[hole] != kEmpty, "an evicted key is in the table");
    hole = (hole + 1) & mask;
  }
  // Backward-shift deletion: move later keys of the run into the hole when their home does not
  // lie cyclically in (hole, their slot], so every key stays reachable from its home.
  for (std::size_t next = (hole + 1) & mask; m_slots[next] != kEmpty; next = (next + 1) & mask) {
    const std::size_t wanted = home(m_slots[next]);
    const bool stays =
        hole <= next ? (hole < wanted && wanted <= next) : (hole < wanted || wanted <= next);
    if (stays) continue;
    m_slots[hole] = m_slots[next];
    hole = next;
  }
  m_slots[hole] = kEmpty;
  --m_used;
}

void SeenIds::grow() {
  std::vector<std::uint64_t> old = std::exchange(
      m_slots,
      std::vector<std::uint64_t>(m_slots.empty() ? kMinSlots : 2 * m_slots.size(), kEmpty));
  m_used = 0;
  for (const std::uint64_t key : old) {
    if (key != kEmpty) table_insert(key);
  }
}

}  // namespace mn::gossip
