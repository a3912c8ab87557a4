// The node events (deliveries, timers, wakes) of a run with scheduling windows, kept by span of
// one window length: a ring of vectors for the spans from the current one, and an EventQueue for
// events beyond the ring. A window never crosses a span boundary, so taking a window's events reads
// one span; the simulator orders them by (node, time), stably (WindowOrder), which puts equal times
// in the order they were scheduled (a span holds them in that order: those moved in from the
// overflow come in (time, push) order, and direct pushes follow).
//
// Why not the event queue: a windowed run needs each node's events in order, not one global
// order, and the radix heap moved every event through several buckets and read it cold when
// popping (a sixth of a 1,000-validator run). Here a push appends to one of the handful of spans
// in flight, whose tails stay in cache.
//
// Order across ring and overflow holds because an event goes to the overflow only if its span lies
// beyond the ring, and the ring's first span only advances: a span takes events from the overflow
// all at once, when the ring first covers it, before any push can reach it directly.
// Single-threaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/runtime/assert.h"
#include "core/runtime/types.h"
#include "sim/event_queue.h"
#include "sim/queued_event.h"

namespace mn::sim {

class WindowCalendar {
 public:
  using Entry = EventQueue<QueuedEvent>::Entry;

  // REQUIRES: span > 0; spans >= 2 and a power of two (a ring position is then a mask, where a
  // remainder cost a division on every push).
  WindowCalendar(runtime::TimeNs span, std::size_t spans);

  bool empty() const { return m_size == 0; }
  std::size_t size() const { return m_size; }
  // The time of the earliest event. REQUIRES: !empty().
  runtime::TimeNs earliest();
  // Where the span holding `time` ends: a window starting at `time` ends there at the latest.
  runtime::TimeNs span_end(runtime::TimeNs time) const { return (time / m_span + 1) * m_span; }
  // Every event taken so far was before this.
  runtime::TimeNs taken_until() const { return m_taken_until; }

  // REQUIRES: time >= taken_until().
  void push(runtime::TimeNs time, QueuedEvent event) {
    MN_ASSERT_MSG(time >= m_taken_until, "event scheduled in the past");
    const std::uint64_t span = span_of(time);
    if (span - m_first < m_ring.size()) {
      append(span, time, event);
    } else {
      m_overflow.push(time, event);
    }
    if (m_earliest_known && time < m_earliest) m_earliest = time;
    ++m_size;
  }
  // Hands every event before `end` to `take` (as a const Entry&) and forgets them. Events of equal
  // time come in the order they were pushed. REQUIRES: !empty(), earliest() < end <=
  // span_end(earliest()).
  template <typename Take>
  void take_before(runtime::TimeNs end, Take&& take) {
    std::vector<Entry>& events = window_span(end);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].time < end) {
        take(events[i]);
      } else if (kept++ != i) {
        events[kept - 1] = events[i];
      }
    }
    m_size -= events.size() - kept;
    events.erase(events.begin() + static_cast<std::ptrdiff_t>(kept), events.end());
    if (kept == 0) recycle(events);
    m_taken_until = end;
    m_earliest_known = false;
  }

 private:
  std::uint64_t span_of(runtime::TimeNs time) const {
    return static_cast<std::uint64_t>(time / m_span);
  }
  std::vector<Entry>& ring_span(std::uint64_t span) { return m_ring[span & (m_ring.size() - 1)]; }
  // Makes `span` the ring's first, moving in the overflow's events the ring now covers.
  void advance(std::uint64_t span);
  // The span of the earliest event, made the ring's first. REQUIRES: as take_before.
  std::vector<Entry>& window_span(runtime::TimeNs end);
  // Appends to the ring's vector for `span`, giving an empty one a spare buffer first. Inline: an
  // Entry passed by value through the stack stalled every push.
  void append(std::uint64_t span, runtime::TimeNs time, QueuedEvent event) {
    std::vector<Entry>& events = ring_span(span);
    if (events.capacity() == 0) take_spare(events);
    // Stored field by field: a whole Entry assembled on the stack and copied stalled on the copy.
    Entry& entry = events.emplace_back();
    entry.time = time;
    entry.payload = event;
  }
  // Gives `events`, which has no buffer, a spare one if there is any.
  void take_spare(std::vector<Entry>& events);
  // Takes a drained span's buffer for reuse, or frees it.
  void recycle(std::vector<Entry>& events);

  // A span of a busy window holds a few hundred thousand events. Its buffer goes to the next span
  // to fill instead of staying with the ring position, where every position would in time hold
  // the largest buffer it ever needed (256 positions, 2 GiB for ibft_1000).
  static constexpr std::size_t kSpareBuffers = 16;

  runtime::TimeNs m_span;
  std::vector<std::vector<Entry>> m_ring;
  std::uint64_t m_first = 0;  // the ring's first span; every pending event is in it or later
  EventQueue<QueuedEvent> m_overflow;
  std::vector<std::vector<Entry>> m_spare;
  std::size_t m_size = 0;
  runtime::TimeNs m_taken_until = 0;
  bool m_earliest_known = false;
  runtime::TimeNs m_earliest = 0;
};

}  // namespace mn::sim
