#include "sim/event_queue.h"

#include "core/runtime/assert.h"

namespace mn::sim {

namespace {
constexpr std::size_t kArity = 4;
}

void EventQueue::push(runtime::TimeNs time, std::uint32_t handle) {
  MN_ASSERT_MSG(time >= m_now, "event scheduled in the past");
  m_heap.push_back(Entry{time, m_next_seq++, handle});
  sift_up(m_heap.size() - 1);
}

EventQueue::Entry EventQueue::pop() {
  MN_ASSERT(!m_heap.empty());
  const Entry top = m_heap.front();
  const Entry last = m_heap.back();
  m_heap.pop_back();
  if (!m_heap.empty()) {
    m_heap.front() = last;
    sift_down(0);
  }
  m_now = top.time;
  return top;
}

void EventQueue::sift_up(std::size_t i) {
  const Entry moving = m_heap[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!before(moving, m_heap[parent])) break;
    m_heap[i] = m_heap[parent];
    i = parent;
  }
  m_heap[i] = moving;
}

void EventQueue::sift_down(std::size_t i) {
  const std::size_t n = m_heap.size();
  const Entry moving = m_heap[i];
  for (;;) {
    const std::size_t first = i * kArity + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = first + kArity < n ? first + kArity : n;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (before(m_heap[c], m_heap[best])) best = c;
    }
    if (!before(m_heap[best], moving)) break;
    m_heap[i] = m_heap[best];
    i = best;
  }
  m_heap[i] = moving;
}

}  // namespace mn::sim
