// The simulator's single event queue, ordered by (time, insertion sequence): two events at the
// same instant always run in the order they were scheduled — never by pointer, hash or thread
// timing. Entries carry only a 32-bit handle; the caller keeps event bodies in its own slab.
//
// It is a radix heap, which relies on what a discrete-event simulator guarantees anyway: nothing
// is scheduled before the last popped time. Bucket b holds entries whose time first differs from
// the last popped time in bit b-1; popping refills bucket 0 from the lowest non-empty bucket.
// Each entry moves down at most 64 times in its life, every bucket is a plain vector, and the
// buckets keep insertion order, so equal times leave in sequence order with no sequence field.
// Single-threaded.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/runtime/types.h"

namespace mn::sim {

class EventQueue {
 public:
  struct Entry {
    runtime::TimeNs time;
    std::uint32_t handle;
  };

  // REQUIRES: time >= last_popped_time() (no scheduling into the past). Scheduling before the
  // time of a peeked but unpopped top() is allowed (it costs one re-bucketing).
  void push(runtime::TimeNs time, std::uint32_t handle);
  // REQUIRES: !empty().
  Entry pop();
  // The entry pop() would return. REQUIRES: !empty().
  const Entry& top();
  bool empty() const { return m_size == 0; }
  std::size_t size() const { return m_size; }
  runtime::TimeNs last_popped_time() const { return m_popped; }

 private:
  static constexpr std::size_t kBuckets = 65;
  std::size_t bucket_of(runtime::TimeNs time) const;
  // Makes bucket 0 non-empty. REQUIRES: !empty().
  void refill();
  // Re-buckets every entry relative to the last popped time (after a peek moved m_last ahead).
  void rebase();

  std::array<std::vector<Entry>, kBuckets> m_buckets;
  std::size_t m_head = 0;  // next entry of bucket 0 to pop
  std::size_t m_size = 0;
  runtime::TimeNs m_last = 0;    // the key the buckets are relative to (>= m_popped)
  runtime::TimeNs m_popped = 0;  // time of the last popped entry
};

}  // namespace mn::sim
