#include "sim/metric_names.h"

namespace mn::sim {

std::uint32_t MetricNames::index(std::string_view name) {
  const auto address = reinterpret_cast<std::uintptr_t>(name.data());
  AddressSlot& slot = m_by_address[(static_cast<std::uint64_t>(address) * 0x9e3779b97f4a7c15ULL) >>
                                   (64 - kAddressBits)];
  if (slot.data == name.data() && m_names[slot.index] == name) return slot.index;
  auto it = m_by_text.find(name);
  if (it == m_by_text.end()) {
    const auto next = static_cast<std::uint32_t>(m_names.size());
    m_names.emplace_back(name);
    it = m_by_text.emplace(std::string(name), next).first;
  }
  slot = AddressSlot{name.data(), it->second};
  return it->second;
}

}  // namespace mn::sim
