// The metric names a run's nodes use, each numbered on first use, so that a node's counters and
// gauges are arrays indexed by number (NodeMetrics) instead of lists searched by name: at 10,000
// nodes, a search through a node's own cold list on every message was 3 % of a run.
//
// Names arrive as string_views of literals at almost every call, so a name is found by where its
// text lives first, and by the text itself otherwise; a hit by address is confirmed against the
// stored text, so an address reused for another name can never alias it. Shared by the nodes of
// one run; single-threaded, like the run.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>

namespace mn::sim {

class MetricNames {
 public:
  // The number of `name`, the next free one the first time it is seen.
  std::uint32_t index(std::string_view name);
  const std::string& name(std::uint32_t index) const { return m_names[index]; }

 private:
  struct AddressSlot {
    const char* data = nullptr;
    std::uint32_t index = 0;
  };
  static constexpr unsigned kAddressBits = 10;

  std::array<AddressSlot, std::size_t{1} << kAddressBits> m_by_address{};
  std::map<std::string, std::uint32_t, std::less<>> m_by_text;
  std::deque<std::string> m_names;  // by index
};

}  // namespace mn::sim
