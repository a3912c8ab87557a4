// BuilderSlots: the (account, height) slots the run's builder streams have a bid out for, shared by
// all of them (builder_workload.h). The streams sign with the run's shared accounts (ClientWallet)
// and the chain takes one bid per builder and height (duplicate_bid), so each stream claims a slot
// before it bids and skips one another stream holds. Without that, two streams could bid for one
// account and height: each pool admits the bid it sees, judged on the committed chain, the chain
// takes the lower nonce and the other can never commit, a nonce gap that holds every later
// transaction of the account. The winning bid's delivery is among them, so an honest builder that
// delivered at once would be settled as withholding.
//
// Single-threaded, like the streams that share it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <utility>

namespace mn::sim {

class BuilderSlots {
 public:
  // Claims `account`'s bid for `height`; false if a stream already holds that slot.
  bool claim(std::size_t account, std::uint64_t height) {
    return m_slots.emplace(account, height).second;
  }
  // Frees the slot: its bid was refused, or its height is over.
  void release(std::size_t account, std::uint64_t height) { m_slots.erase({account, height}); }

 private:
  std::set<std::pair<std::size_t, std::uint64_t>> m_slots;
};

}  // namespace mn::sim
