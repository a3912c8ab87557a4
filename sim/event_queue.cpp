#include "sim/event_queue.h"

#include <bit>

#include "core/runtime/assert.h"

namespace mn::sim {

std::size_t EventQueue::bucket_of(runtime::TimeNs time) const {
  const auto diff = static_cast<std::uint64_t>(time) ^ static_cast<std::uint64_t>(m_last);
  return diff == 0 ? 0 : static_cast<std::size_t>(64 - std::countl_zero(diff));
}

void EventQueue::push(runtime::TimeNs time, std::uint32_t handle) {
  MN_ASSERT_MSG(time >= m_popped, "event scheduled in the past");
  if (time < m_last) rebase();
  m_buckets[bucket_of(time)].push_back(Entry{time, handle});
  ++m_size;
}

void EventQueue::refill() {
  auto& zero = m_buckets[0];
  if (m_head < zero.size()) return;
  zero.clear();
  m_head = 0;
  std::size_t b = 1;
  while (m_buckets[b].empty()) ++b;
  auto& source = m_buckets[b];
  runtime::TimeNs min_time = source.front().time;
  for (const Entry& e : source) min_time = e.time < min_time ? e.time : min_time;
  m_last = min_time;
  // Every bucket below b is empty, and entries keep their relative order as they move down, so
  // each bucket stays in insertion order.
  for (const Entry& e : source) m_buckets[bucket_of(e.time)].push_back(e);
  source.clear();
}

void EventQueue::rebase() {
  std::vector<Entry> all;
  all.reserve(m_size);
  // Equal times always share a bucket, in insertion order; walking the buckets in order and
  // re-pushing keeps that order.
  all.insert(all.end(), m_buckets[0].begin() + static_cast<std::ptrdiff_t>(m_head),
             m_buckets[0].end());
  for (std::size_t b = 1; b < kBuckets; ++b) {
    all.insert(all.end(), m_buckets[b].begin(), m_buckets[b].end());
  }
  for (auto& bucket : m_buckets) bucket.clear();
  m_head = 0;
  m_last = m_popped;
  for (const Entry& e : all) m_buckets[bucket_of(e.time)].push_back(e);
}

const EventQueue::Entry& EventQueue::top() {
  MN_ASSERT(m_size > 0);
  refill();
  return m_buckets[0][m_head];
}

EventQueue::Entry EventQueue::pop() {
  const Entry e = top();
  ++m_head;
  --m_size;
  m_popped = e.time;
  return e;
}

}  // namespace mn::sim
