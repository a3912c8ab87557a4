// The simulator's single event queue, ordered by (time, insertion sequence): two events at the
// same instant always run in the order they were scheduled — never by pointer, hash or thread
// timing. Each entry carries its event's payload by value, so draining the queue reads events in
// the order they are stored instead of chasing a handle into a slab at every pop.
//
// It is a radix heap, which relies on what a discrete-event simulator guarantees anyway: nothing
// is scheduled before the last popped time. Bucket b holds entries whose time first differs from
// the last popped time in bit b-1; popping refills bucket 0 from the lowest non-empty bucket.
// Each entry moves down at most 64 times in its life, every bucket is a plain vector, and the
// buckets keep insertion order, so equal times leave in sequence order with no sequence field.
// Single-threaded.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/runtime/assert.h"
#include "core/runtime/types.h"

namespace mn::sim {

template <typename Payload>
class EventQueue {
 public:
  struct Entry {
    runtime::TimeNs time;
    Payload payload;
  };

  // REQUIRES: time >= last_popped_time() (no scheduling into the past). Scheduling before the
  // time of a peeked but unpopped top() is allowed (it costs one re-bucketing).
  void push(runtime::TimeNs time, Payload payload) {
    MN_ASSERT_MSG(time >= m_popped, "event scheduled in the past");
    if (time < m_last) rebase();
    m_buckets[bucket_of(time)].push_back(Entry{time, std::move(payload)});
    ++m_size;
  }
  // REQUIRES: !empty().
  Entry pop() {
    refill();
    Entry e = std::move(m_buckets[0][m_head]);
    ++m_head;
    --m_size;
    m_popped = e.time;
    return e;
  }
  // The time of the entry pop() would return. REQUIRES: !empty().
  runtime::TimeNs top_time() {
    refill();
    return m_buckets[0][m_head].time;
  }
  bool empty() const { return m_size == 0; }
  std::size_t size() const { return m_size; }
  runtime::TimeNs last_popped_time() const { return m_popped; }

 private:
  static constexpr std::size_t kBuckets = 65;

  std::size_t bucket_of(runtime::TimeNs time) const {
    const auto diff = static_cast<std::uint64_t>(time) ^ static_cast<std::uint64_t>(m_last);
    return diff == 0 ? 0 : static_cast<std::size_t>(64 - std::countl_zero(diff));
  }

  // Makes bucket 0 non-empty. REQUIRES: !empty().
  void refill() {
    MN_ASSERT(m_size > 0);
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
    // Every bucket below b is empty, and entries keep their relative order as they move down,
    // so each bucket stays in insertion order.
    for (Entry& e : source) m_buckets[bucket_of(e.time)].push_back(std::move(e));
    source.clear();
  }

  // Re-buckets every entry relative to the last popped time (after a peek moved m_last ahead).
  void rebase() {
    std::vector<Entry> all;
    all.reserve(m_size);
    // Equal times always share a bucket, in insertion order; walking the buckets in order and
    // re-pushing keeps that order.
    for (std::size_t i = m_head; i < m_buckets[0].size(); ++i)
      all.push_back(std::move(m_buckets[0][i]));
    for (std::size_t b = 1; b < kBuckets; ++b) {
      for (Entry& e : m_buckets[b]) all.push_back(std::move(e));
    }
    for (auto& bucket : m_buckets) bucket.clear();
    m_head = 0;
    m_last = m_popped;
    for (Entry& e : all) m_buckets[bucket_of(e.time)].push_back(std::move(e));
  }

  std::array<std::vector<Entry>, kBuckets> m_buckets;
  std::size_t m_head = 0;  // next entry of bucket 0 to pop
  std::size_t m_size = 0;
  runtime::TimeNs m_last = 0;    // the key the buckets are relative to (>= m_popped)
  runtime::TimeNs m_popped = 0;  // time of the last popped entry
};

}  // namespace mn::sim
