#include "core/ledger/account_map.h"

#include <algorithm>

#include "core/runtime/bytes_less.h"

namespace mn::ledger {

std::size_t AccountMap::sorted_position(const Address& address) const {
  const auto it = std::lower_bound(m_sorted.begin(), m_sorted.end(), address,
                                   [](const Account& account, const Address& a) {
                                     return runtime::BytesLess{}(account.address, a);
                                   });
  return it != m_sorted.end() && it->address == address
             ? static_cast<std::size_t>(it - m_sorted.begin())
             : kAbsent;
}

const Account* AccountMap::find(const Address& address) const {
  if (const std::size_t at = sorted_position(address); at != kAbsent) return &m_sorted[at];
  if (m_created.empty()) return nullptr;
  const auto it = m_created.find(address);
  return it == m_created.end() ? nullptr : &it->second;
}

void AccountMap::put(const Account& account) {
  if (const std::size_t at = sorted_position(account.address); at != kAbsent) {
    m_sorted[at] = account;
    return;
  }
  m_created.insert_or_assign(account.address, account);
}

void AccountMap::settle() {
  if (m_created.empty()) return;
  const auto old_size = static_cast<std::ptrdiff_t>(m_sorted.size());
  m_sorted.reserve(m_sorted.size() + m_created.size());
  for (auto& [address, account] : m_created) m_sorted.push_back(account);
  m_created.clear();
  std::inplace_merge(m_sorted.begin(), m_sorted.begin() + old_size, m_sorted.end(),
                     [](const Account& a, const Account& b) {
                       return runtime::BytesLess{}(a.address, b.address);
                     });
}

bool AccountMap::operator==(const AccountMap& other) const {
  if (size() != other.size()) return false;
  bool equal = true;
  for_each([&](const Account& account) {
    const Account* theirs = other.find(account.address);
    equal = equal && theirs != nullptr && *theirs == account;
  });
  return equal;
}

}  // namespace mn::ledger
