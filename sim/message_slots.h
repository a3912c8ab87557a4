// The messages of the deliveries in flight, each held once however many copies are queued: a
// delivery names its message by slot, so a queued event is a 24-byte trivially copyable record
// instead of one holding a shared pointer, which every copy and every handled delivery updated
// with an atomic instruction (half a billion of them in a 1,000-validator run), and which made
// every move of an event through the calendar, the window order and a node's inbox call code.
//
// A slot counts its queued deliveries and lets the message go with the last one. Messages keep
// their addresses while slots are added, so a reactor may send (and so hold new messages) while
// it handles a delivered one. Single-threaded.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "core/runtime/assert.h"
#include "core/runtime/message.h"

namespace mn::sim {

class MessageSlots {
 public:
  // One more queued delivery of `message`; returns its slot. A broadcast's copies, held one after
  // another, share a slot.
  std::uint32_t hold(const runtime::MessagePtr& message) {
    if (m_last < m_slots.size() && m_slots[m_last].message == message) {
      ++m_slots[m_last].deliveries;
      return m_last;
    }
    m_last = allocate();
    m_slots[m_last] = Slot{message, 1};
    return m_last;
  }

  // The message of a delivery in `slot`. Valid until that delivery is released.
  const runtime::MessagePtr& message(std::uint32_t slot) const { return m_slots[slot].message; }

  // A delivery in `slot` was handled or dropped.
  void release(std::uint32_t slot) {
    Slot& held = m_slots[slot];
    MN_ASSERT_MSG(held.deliveries > 0, "a delivery is released once");
    if (--held.deliveries == 0) {
      held.message.reset();
      m_free.push_back(slot);
    }
  }

  // Slots holding a message (for tests).
  std::size_t held() const { return m_slots.size() - m_free.size(); }

 private:
  struct Slot {
    runtime::MessagePtr message;
    std::uint32_t deliveries = 0;
  };

  std::uint32_t allocate() {
    if (m_free.empty()) {
      m_slots.emplace_back();
      return static_cast<std::uint32_t>(m_slots.size() - 1);
    }
    const std::uint32_t slot = m_free.back();
    m_free.pop_back();
    return slot;
  }

  std::deque<Slot> m_slots;  // a deque: holding never moves a message a reactor is reading
  std::vector<std::uint32_t> m_free;
  std::uint32_t m_last = 0;  // the slot held last, which a broadcast's next copy shares
};

}  // namespace mn::sim
