// AuctionModule: the QLock window rules (commit, reveal, cancel, seal, settlement).
#include <any>
#include <map>
#include <optional>
#include <vector>

#include "core/auction/auction_module.h"
#include "core/auction/commit_payload.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/revenue_split.h"
#include "core/auction/tx_core.h"
#include "core/ledger/state_view.h"
#include "core/runtime/assert.h"

namespace mn::auction {

using ledger::TxResult;

namespace {

TxResult result_of(QLockRefusal refusal) {
  switch (refusal) {
    case QLockRefusal::kNone:
      return TxResult::kOk;
    case QLockRefusal::kTooEarly:
      return TxResult::kAuctionTooEarly;
    case QLockRefusal::kTooLate:
      return TxResult::kAuctionTooLate;
    case QLockRefusal::kBondTooLow:
      return TxResult::kBondTooLow;
    case QLockRefusal::kDuplicateCommit:
      return TxResult::kDuplicateCommit;
    case QLockRefusal::kSaltTooShort:
      return TxResult::kSaltTooShort;
    case QLockRefusal::kTxCoreTooLarge:
      return TxResult::kTxCoreTooLarge;
    case QLockRefusal::kUnknownCommitment:
      return TxResult::kUnknownCommitment;
    case QLockRefusal::kReplayOtherWindow:
      return TxResult::kReplayedReveal;
    case QLockRefusal::kDuplicateReveal:
      return TxResult::kDuplicateReveal;
    case QLockRefusal::kWindowFull:
      return TxResult::kWindowFull;
  }
  return TxResult::kUnknownCommitment;
}

}  // namespace

TxResult AuctionModule::judge_commit(const ledger::TxPrecheck& check, const AuctionState& current,
                                     std::uint64_t height) {
  const auto& commit = std::any_cast<const CommitPayload&>(check.payload);
  return result_of(
      current.book.check_commit(commit.window, commit.commitment, commit.bond, height));
}

TxResult AuctionModule::judge_reveal(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                                     const AuctionState& current, std::uint64_t height) {
  const auto& reveal = std::any_cast<const RevealPayload&>(check.payload);
  return result_of(
      current.book.check_reveal(tx.sender, reveal.window, reveal.tx_core, reveal.salt, height));
}

std::optional<runtime::Hash32> AuctionModule::cancelled_commitment(const ledger::Transaction& tx,
                                                                   const ledger::TxPrecheck& check,
                                                                   const AuctionState& current) {
  const auto& cancel = std::any_cast<const PoolCancelPayload&>(check.payload);
  const auto record = current.windows.find(cancel.window);
  for (const QLockReveal& reveal : current.book.reveals(cancel.window)) {
    if (reveal.sender != tx.sender) continue;
    if (record != current.windows.end() && record->second.cancelled.contains(reveal.commitment))
      continue;
    auto core = TxCore::decode(reveal.tx_core);
    if (core && core->nonce == cancel.nonce) return reveal.commitment;
  }
  return std::nullopt;
}

TxResult AuctionModule::judge_cancel(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                                     const AuctionState& current, const AuctionParams& params,
                                     std::uint64_t height) {
  const auto& cancel = std::any_cast<const PoolCancelPayload&>(check.payload);
  const WindowPhase phase = params.schedule.phase(cancel.window, height);
  if (phase < WindowPhase::kReveal) return TxResult::kAuctionTooEarly;
  if (phase > WindowPhase::kReveal) return TxResult::kAuctionTooLate;
  if (!cancelled_commitment(tx, check, current)) return TxResult::kNotRevealed;
  return TxResult::kOk;
}

// The apply_ functions below run after judge() accepted the transaction on the same state.

TxResult AuctionModule::apply_commit(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                                     ledger::StateView& state) {
  const auto& commit = std::any_cast<const CommitPayload&>(check.payload);
  AuctionState& auction = writable(state);
  const QLockRefusal done =
      auction.book.commit(tx.sender, commit.window, commit.commitment, commit.bond, state.height());
  MN_ASSERT(done == QLockRefusal::kNone);
  WindowRecord& record = auction.windows[commit.window];
  if (commit.partner != runtime::Hash32{}) record.partner_of[commit.commitment] = commit.partner;
  return TxResult::kOk;
}

TxResult AuctionModule::apply_reveal(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                                     ledger::StateView& state) {
  const auto& reveal = std::any_cast<const RevealPayload&>(check.payload);
  const QLockRefusal done = writable(state).book.reveal(tx.sender, reveal.window, reveal.tx_core,
                                                        reveal.salt, state.height());
  MN_ASSERT(done == QLockRefusal::kNone);
  return TxResult::kOk;
}

TxResult AuctionModule::apply_cancel(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                                     ledger::StateView& state) {
  const auto& cancel = std::any_cast<const PoolCancelPayload&>(check.payload);
  const auto commitment = cancelled_commitment(tx, check, *find_state(state));
  MN_ASSERT(commitment.has_value());
  writable(state).windows[cancel.window].cancelled.insert(*commitment);
  return TxResult::kOk;
}

void AuctionModule::seal_windows(ledger::StateView& state) {
  const AuctionParams& params = state.economics().auction;
  const std::uint64_t next = state.height() + 1;
  std::vector<std::uint64_t> due;
  const AuctionState& current = *find_state(state);
  for (const auto& [window, record] : current.windows) {
    if (params.schedule.phase(window, next) == WindowPhase::kSeal &&
        !current.sealed.contains(window))
      due.push_back(window);
  }
  for (const std::uint64_t window : due) {
    const std::vector<PoolEntry> entries = find_state(state)->window_entries(window);
    SealRecord record = seal_record(params, ledger_crs(), window, entries);
    execute_winners(state, window, record);
    writable(state).sealed.emplace(window, std::move(record));
  }
}

void AuctionModule::settle_windows(ledger::StateView& state) {
  const AuctionParams& params = state.economics().auction;
  const std::uint64_t next = state.height() + 1;
  std::vector<std::uint64_t> due;
  for (const auto& [window, record] : find_state(state)->windows) {
    if (params.schedule.phase(window, next) == WindowPhase::kClosed) due.push_back(window);
  }
  for (const std::uint64_t window : due) settle_window(state, window);
}

void AuctionModule::settle_window(ledger::StateView& state, std::uint64_t window) {
  const AuctionParams& params = state.economics().auction;
  AuctionState& auction = writable(state);
  const QLockSettlement settlement = auction.book.settle(window, state.height() + 1);
  MN_ASSERT(settlement.is_ok());
  const WindowRecord record = auction.windows.at(window);
  auction.windows.erase(window);
  // Revenue: the bonds of commits never revealed, or revealed and then withdrawn, and the fees of
  // the executed winners (all of them within the 64-bit supply the module holds).
  std::uint64_t revenue = settlement.forfeited + record.fees;
  std::map<runtime::Hash32, std::uint64_t> contribution;
  for (const BondRefund& refund : settlement.refunds) {
    if (record.cancelled.contains(refund.commitment) ||
        record.defaulted.contains(refund.commitment)) {
      revenue += refund.amount;
      continue;
    }
    pay(state, ledger::address_from_public_key(refund.sender), refund.amount);
    const auto partner = record.partner_of.find(refund.commitment);
    if (partner != record.partner_of.end()) contribution[partner->second] += refund.amount;
  }
  std::vector<PartnerContribution> partners;
  partners.reserve(contribution.size());
  for (const auto& [partner, weight] : contribution) partners.push_back({partner, weight});
  // The weights are bonds of one window, whose total fits in 64 bits; the ids are distinct.
  auto split = split_auction_revenue(revenue, partners, params.partner_share_bps);
  MN_ASSERT(split.is_ok());
  state.pools().treasury += split->treasury;
  for (const PartnerShare& share : split->partners) {
    const PartnerChain* partner = params.find_partner(share.partner);
    MN_ASSERT_MSG(partner != nullptr, "a commit names only registered partners");
    pay(state, partner->payout, share.amount);
  }
}

void AuctionModule::prune_seals(ledger::StateView& state) {
  const AuctionParams& params = state.economics().auction;
  const std::optional<std::uint64_t> current = params.schedule.window_of(state.height() + 1);
  if (!current || *current <= params.seal_retention_windows) return;
  const std::uint64_t oldest = *current - params.seal_retention_windows;
  const AuctionState& found = *find_state(state);
  if (found.sealed.empty() || found.sealed.begin()->first >= oldest) return;
  auto& sealed = writable(state).sealed;
  sealed.erase(sealed.begin(), sealed.lower_bound(oldest));
}

}  // namespace mn::auction
