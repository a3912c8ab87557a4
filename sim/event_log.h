// A bounded record of the most recent events a simulation processed, kept so that a failure
// report can show what led up to it. Rendering decodes consensus messages into one readable line
// each; it runs only when a report is written, never on the hot path.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/runtime/message.h"
#include "core/runtime/types.h"
#include "sim/scenario/scenario.h"

namespace mn::sim {

struct EventLogEntry {
  enum class Kind : std::uint8_t { kDeliver, kTimer, kAction };
  TimeNs time = 0;
  Kind kind = Kind::kAction;
  NodeId node = runtime::kNoNode;
  NodeId from = runtime::kNoNode;
  std::uint64_t tag = 0;
  runtime::MessagePtr message;
  // An action's label ("fault: crash v3"), owned by the simulator that logged it.
  const char* label = nullptr;
};

class EventLog {
 public:
  explicit EventLog(std::size_t capacity) : m_entries(capacity) {}
  void push(EventLogEntry entry) {
    m_entries[m_next % m_entries.size()] = std::move(entry);
    ++m_next;
  }
  // Oldest first.
  std::vector<EventLogEntry> snapshot() const;

 private:
  std::vector<EventLogEntry> m_entries;
  std::uint64_t m_next = 0;
};

// "  20.043812345 s  deliver  v3 <- v0  proposal h=32 r=0 block 8905c76a…"
std::string render_event(const Scenario& scenario, const EventLogEntry& entry);

}  // namespace mn::sim
