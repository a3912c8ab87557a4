#include "sim/workloads/defaulting_winner.h"

#include <limits>

#include "core/ledger/transaction.h"

namespace mn::sim {

std::vector<BidderCommit> DefaultingWinner::draw(std::uint64_t window, const auction::TxCore& core,
                                                 runtime::Bytes salt, runtime::Rng& rng) const {
  auction::TxCore unpayable = core;
  unpayable.fee_rate += kPremium;
  auto transfer = ledger::TransferPayload::decode(core.payload);
  const ledger::Address to = transfer ? transfer->recipient : ledger::Address{};
  // More than any balance: the 64-bit supply is shared by every account.
  unpayable.payload =
      ledger::TransferPayload{to, std::numeric_limits<std::uint64_t>::max()}.encode();
  return BidderStrategy::draw(window, unpayable, std::move(salt), rng);
}

std::optional<auction::RevealPayload> DefaultingWinner::reveal(const BidderBid& bid,
                                                               std::size_t index,
                                                               const ledger::LedgerState& state,
                                                               std::uint64_t next) const {
  const BidderCommit& commit = bid.commits[index];
  if (!is_last_reveal_height(commit, state, next)) return std::nullopt;
  return auction::RevealPayload{commit.named, commit.tx_core, commit.salt};
}

}  // namespace mn::sim
