// The simulator's single event queue: a 4-ary min-heap ordered by (time, insertion sequence), so
// two events at the same instant always run in the order they were scheduled — never by pointer,
// hash or thread timing. Entries carry only a 32-bit handle; the caller keeps event bodies in its
// own slab, which keeps the heap small and moves cheap. Single-threaded.
#pragma once

#include <cstdint>
#include <vector>

#include "core/runtime/types.h"

namespace mn::sim {

class EventQueue {
 public:
  struct Entry {
    runtime::TimeNs time;
    std::uint64_t seq;
    std::uint32_t handle;
  };

  // REQUIRES: time >= the time of the last popped entry (no scheduling into the past).
  void push(runtime::TimeNs time, std::uint32_t handle);
  // REQUIRES: !empty().
  Entry pop();
  const Entry& top() const { return m_heap.front(); }
  bool empty() const { return m_heap.empty(); }
  std::size_t size() const { return m_heap.size(); }
  runtime::TimeNs last_popped_time() const { return m_now; }
  void reserve(std::size_t n) { m_heap.reserve(n); }

 private:
  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);

  std::vector<Entry> m_heap;
  std::uint64_t m_next_seq = 0;
  runtime::TimeNs m_now = 0;
};

}  // namespace mn::sim
