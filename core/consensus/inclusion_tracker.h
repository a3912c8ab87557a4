// What one validator owes the PoEs it has seen (SPEC 2.2 forced inclusion). The mempool admits a
// POE_SUBMIT; the tracker holds it until the committed state shows it next in line for its sender
// and funded, then the validator acknowledges it (PoeAck) with that state's height, and from
// seen_height + inclusion_slo_blocks on it is owed: the validator's own proposals carry it first,
// and it refuses to vote for a fresh proposal that leaves it out with room to spare. A PoE stops
// being tracked once the committed state settles it: it is on chain, or its sender spent the
// nonce otherwise. Plain data, deterministic (ordered by transaction id); bounded by kMaxTracked.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"

namespace mn::consensus {

class InclusionTracker {
 public:
  static constexpr std::size_t kMaxTracked = 4096;
  // An unacknowledged PoE still not next in line after this many commits is forgotten (its
  // sender left a nonce gap; it is refused or resent later).
  static constexpr std::uint64_t kMaxWaitHeights = 64;

  struct Entry {
    ledger::Transaction tx;
    runtime::Hash32 poe_id{};
    std::uint64_t tracked_height = 0;          // the committed height when it was tracked
    std::optional<std::uint64_t> seen_height;  // set once acknowledged
  };

  // A POE_SUBMIT the mempool admitted at committed height `height`, whose PoE header the sender
  // signed. False if it is already tracked, not a POE_SUBMIT, or the tracker is full.
  bool track(const ledger::Transaction& tx, const runtime::Hash32& tx_id, std::uint64_t height);
  // An entry acknowledged before a restart (its PoeAck already left). REQUIRES: a POE_SUBMIT.
  void restore(const ledger::Transaction& tx, const runtime::Hash32& tx_id,
               std::uint64_t seen_height);

  // After a commit: forgets what `state` settled and the unacknowledged PoEs that waited too
  // long; returns the ids of those it forgot that had been acknowledged (to erase from storage).
  std::vector<runtime::Hash32> settle(const ledger::LedgerState& state);
  // Marks acknowledged, at state.height(), up to `max` unacknowledged PoEs that are next in line
  // and funded on `state`, and returns their ids. REQUIRES: settle(state) was called.
  std::vector<runtime::Hash32> acknowledge(const ledger::LedgerState& state, std::size_t max);

  // The acknowledged PoEs a block at `height` owes (seen_height + slo_blocks <= height), oldest
  // acknowledgement first.
  std::vector<const Entry*> owed(std::uint64_t height, std::uint64_t slo_blocks) const;
  const Entry* find(const runtime::Hash32& tx_id) const;
  std::size_t size() const { return m_entries.size(); }

 private:
  std::map<runtime::Hash32, Entry> m_entries;  // by transaction id
};

}  // namespace mn::consensus
