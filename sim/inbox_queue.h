// A FIFO of the events that reached a busy node, in arrival order. It allocates nothing until used
// (10,000 idle nodes cost nothing) and reuses its buffer once drained.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sim/queued_event.h"

namespace mn::sim {

class InboxQueue {
 public:
  bool empty() const { return m_head == m_events.size(); }
  void push_back(QueuedEvent event) { m_events.push_back(event); }
  QueuedEvent take_front() {
    QueuedEvent event = m_events[m_head];
    if (++m_head == m_events.size()) {
      clear();
    } else if (m_head >= kCompactAfter && 2 * m_head >= m_events.size()) {
      // A queue that never fully drains still frees what it consumed.
      m_events.erase(m_events.begin(), m_events.begin() + static_cast<std::ptrdiff_t>(m_head));
      m_head = 0;
    }
    return event;
  }
  void clear() {
    m_events.clear();
    m_head = 0;
  }
  // The waiting events, oldest first.
  std::span<const QueuedEvent> waiting() const {
    return std::span<const QueuedEvent>(m_events).subspan(m_head);
  }

 private:
  static constexpr std::size_t kCompactAfter = 4096;

  std::vector<QueuedEvent> m_events;
  std::size_t m_head = 0;
};

}  // namespace mn::sim
