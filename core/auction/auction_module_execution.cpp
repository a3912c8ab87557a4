// AuctionModule: executing a seal's winners, and the default builder's auto-bid (SPEC 2.4).
//
// The seal orders; the ledger then runs the winners, in selection order, at the end of the block
// that seals the window. A winner is a transfer its TxCore payload names; it executes when its
// nonce is above the sender's last executed auction nonce (AuctionState::executed_nonce, apart
// from the account's ordinary nonce, which its commit and reveal already advanced) and the
// balance covers amount + (fee_rate + priority_fee) × gas. It then pays that charge to the module,
// which holds it as the window's fees; a winner that does not fit is skipped with its reason and
// pays nothing, and its commit bond is forfeited at settlement like an unrevealed one. The auto-bid
// (default_auto_bid over the executed winners) is taken out of the window's fees for the block
// carrying the bundle when that block takes no builder bid, and paid to its proposer when the next
// block names it; the rest of the fees is window revenue, split at settlement like forfeited bonds.
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/auction/auction_module.h"
#include "core/auction/auto_bid.h"
#include "core/auction/block_bundle.h"
#include "core/auction/tx_core.h"
#include "core/ledger/state_view.h"
#include "core/runtime/assert.h"

namespace mn::auction {

std::optional<WinnerRefusal> AuctionModule::execute_winner(ledger::StateView& state,
                                                           const runtime::Hash32& sender,
                                                           const TxCore& core,
                                                           std::uint64_t& fees) {
  const std::map<runtime::Hash32, std::uint64_t>& nonces = find_state(state)->executed_nonce;
  if (const auto last = nonces.find(sender); last != nonces.end() && core.nonce <= last->second)
    return WinnerRefusal::kStaleNonce;
  if (core.tx_type != TxType::kTransfer) return WinnerRefusal::kUnsupportedType;
  const auto transfer = ledger::TransferPayload::decode(core.payload);
  if (!transfer) return WinnerRefusal::kBadPayload;
  // fee_rate + priority_fee above 2^64 cannot be paid from a 64-bit balance; below it, the
  // product with gas and the amount fit in 128 bits.
  const runtime::Uint128 per_gas = runtime::Uint128{core.fee_rate} + core.priority_fee;
  const ledger::Address from = ledger::address_from_public_key(sender);
  const ledger::Account* account = state.find_account(from);
  if (account == nullptr || per_gas > UINT64_MAX) return WinnerRefusal::kInsufficientBalance;
  const runtime::Uint128 charge = per_gas * core.gas;
  if (charge + transfer->amount > account->balance) return WinnerRefusal::kInsufficientBalance;
  ledger::Account debited = *account;
  debited.balance -= static_cast<std::uint64_t>(charge) + transfer->amount;
  state.put_account(debited);
  pay(state, transfer->recipient, transfer->amount);
  writable(state).executed_nonce[sender] = core.nonce;
  // Every charge came out of a balance, so the window's sum stays within the 64-bit supply.
  fees += static_cast<std::uint64_t>(charge);
  return std::nullopt;
}

void AuctionModule::execute_winners(ledger::StateView& state, std::uint64_t window,
                                    SealRecord& record) {
  // The live reveals by txid: the entries the seal chose from.
  std::map<runtime::Hash32, LiveReveal> revealed;
  for (LiveReveal& reveal : find_state(state)->live_reveals(window))
    revealed.emplace(reveal.entry.txid, std::move(reveal));
  std::vector<PoolEntry> executed;
  std::set<runtime::Hash32> defaulted;
  std::uint64_t fees = 0;
  for (const runtime::Hash32& txid : record.winners) {
    const auto tx = revealed.find(txid);
    MN_ASSERT_MSG(tx != revealed.end(), "the seal chooses among the window's live reveals");
    const auto refusal = execute_winner(state, tx->second.sender, tx->second.core, fees);
    if (refusal) {
      record.skipped.push_back({txid, *refusal});
      defaulted.insert(tx->second.commitment);
    } else {
      executed.push_back(tx->second.entry);
    }
  }
  record.auto_bid = default_auto_bid(executed, state.economics().auction.auto_bid_share_bps);
  // The tips are part of the fees and share_bps <= 10,000.
  MN_ASSERT(record.auto_bid <= fees);
  WindowRecord& window_record = writable(state).windows.at(window);
  window_record.fees += fees;
  window_record.defaulted.merge(defaulted);
}

void AuctionModule::pay_auto_bid(ledger::StateView& state, const ledger::BlockStart& start) {
  const std::optional<AutoBidDue> due = find_state(state)->auto_bid_due;
  if (!due) return;
  writable(state).auto_bid_due.reset();
  // Reserved when the previous block began; with no proposer named, the treasury keeps it, as it
  // keeps a builder's payment to an unknown proposer.
  if (start.parent_proposer && due->height + 1 == state.height()) {
    pay(state, ledger::address_from_public_key(*start.parent_proposer), due->amount);
  } else {
    state.pools().treasury += due->amount;
  }
}

void AuctionModule::reserve_auto_bid(ledger::StateView& state) {
  const AuctionState& current = *find_state(state);
  const std::uint64_t height = state.height();
  const std::optional<std::uint64_t> window =
      due_bundle_window(&current, height, state.economics().auction);
  if (!window || current.included.contains(height)) return;
  const std::uint64_t amount = current.sealed.at(*window).auto_bid;
  if (amount == 0) return;
  AuctionState& auction = writable(state);
  WindowRecord& record = auction.windows.at(*window);
  MN_ASSERT(amount <= record.fees);
  record.fees -= amount;
  auction.auto_bid_due = AutoBidDue{height, amount};
}

}  // namespace mn::auction
