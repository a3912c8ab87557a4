// AccountMap: the ledger's accounts by address. A ledger state is copied for every block (a block
// executes on a copy, so a rejected one leaves nothing behind), and with ten thousand accounts a
// tree copies ten thousand separately allocated nodes where a sorted vector copies one block of
// memory. Accounts created since the last settle() wait in a small side table that settle() merges
// in one pass, as AccountTree does with its leaves, so creating k accounts costs O(n + k log k)
// rather than k shifts of the vector.
//
// Plain value. Not thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <vector>

#include "core/ledger/account.h"
#include "core/ledger/address.h"

namespace mn::ledger {

class AccountMap {
 public:
  // Null if no account exists at `address`. Valid until the next put() or settle().
  const Account* find(const Address& address) const;
  bool contains(const Address& address) const { return find(address) != nullptr; }
  // Inserts or overwrites the account at account.address.
  void put(const Account& account);
  // Merges the accounts created since the last settle() into the sorted vector.
  void settle();

  std::size_t size() const { return m_sorted.size() + m_created.size(); }
  bool empty() const { return size() == 0; }

  // Calls visit(const Account&) for every account, in address order.
  template <typename Visit>
  void for_each(Visit&& visit) const;

  // Equal when they hold the same accounts, settled or not.
  bool operator==(const AccountMap& other) const;

 private:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
  // The index of `address` in m_sorted, or kAbsent.
  std::size_t sorted_position(const Address& address) const;

  std::vector<Account> m_sorted;         // by address
  std::map<Address, Account> m_created;  // not yet merged into m_sorted
};

template <typename Visit>
void AccountMap::for_each(Visit&& visit) const {
  auto created = m_created.begin();
  for (const Account& account : m_sorted) {
    for (; created != m_created.end() && created->first < account.address; ++created)
      visit(created->second);
    visit(account);
  }
  for (; created != m_created.end(); ++created) visit(created->second);
}

}  // namespace mn::ledger
