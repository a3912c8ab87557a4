// The PayloadSource of the PoEs this validator owes (ForcedInclusion::owed): offered first, so
// its own proposals never leave out what it refuses to vote against. It holds no transactions of
// its own (the pool does), so a refusal needs nothing from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/consensus/forced_inclusion.h"
#include "core/consensus/payload_source.h"

namespace mn::consensus {

class OwedPoeSource final : public PayloadSource {
 public:
  // `inclusion` must outlive the source.
  explicit OwedPoeSource(const ForcedInclusion& inclusion) : m_inclusion(inclusion) {}

  // The owed PoEs, oldest acknowledgement first; of several for one slot, the first.
  std::vector<ledger::Transaction> candidates(std::uint64_t height,
                                              const ledger::LedgerState& committed,
                                              std::size_t max_txs) const override;
  void refused(const ledger::Transaction& tx) override { static_cast<void>(tx); }

 private:
  const ForcedInclusion& m_inclusion;
};

}  // namespace mn::consensus
