#include "sim/window_calendar.h"

#include <algorithm>
#include <bit>

#include "core/runtime/assert.h"

namespace mn::sim {

WindowCalendar::WindowCalendar(runtime::TimeNs span, std::size_t spans)
    : m_span(span), m_ring(spans) {
  MN_ASSERT(span > 0 && spans >= 2 && std::has_single_bit(spans));
}

runtime::TimeNs WindowCalendar::earliest() {
  MN_ASSERT(m_size > 0);
  if (m_earliest_known) return m_earliest;
  m_earliest_known = true;
  for (std::uint64_t span = m_first; span < m_first + m_ring.size(); ++span) {
    const std::vector<Entry>& events = ring_span(span);
    if (events.empty()) continue;
    m_earliest = events.front().time;
    for (const Entry& e : events) m_earliest = std::min(m_earliest, e.time);
    return m_earliest;
  }
  m_earliest = m_overflow.top_time();
  return m_earliest;
}

void WindowCalendar::advance(std::uint64_t span) {
  m_first = span;
  while (!m_overflow.empty() && span_of(m_overflow.top_time()) - m_first < m_ring.size()) {
    auto e = m_overflow.pop();
    const std::uint64_t to = span_of(e.time);
    append(to, e.time, e.payload);
  }
}

void WindowCalendar::take_spare(std::vector<Entry>& events) {
  if (m_spare.empty()) return;
  events = std::move(m_spare.back());
  m_spare.pop_back();
}

void WindowCalendar::recycle(std::vector<Entry>& events) {
  if (events.capacity() == 0) return;
  if (m_spare.size() < kSpareBuffers) m_spare.push_back(std::move(events));
  events = std::vector<Entry>();
}

std::vector<WindowCalendar::Entry>& WindowCalendar::window_span(runtime::TimeNs end) {
  const std::uint64_t span = span_of(earliest());
  MN_ASSERT(end > m_earliest && end <= span_end(m_earliest));
  if (span != m_first) advance(span);
  return ring_span(span);
}

}  // namespace mn::sim
