// The auction module (SPEC 2.4): the ledger rules of the QLock commit-reveal windows and of
// proposer-builder separation, on the pure components beside it (QLockBook, WindowSchedule,
// select_winning_bid, settle_included_bid, split_auction_revenue, the seal). Every phase is
// counted in heights, so every validator judges "late" alike. Its whole state is an AuctionState
// in its own slot of the LedgerState; it holds every commit bond and builder bond (holdings) and
// writes all of it into the state digest.
//
// Transactions (the sender pays the fee as for any type; a refusal changes nothing):
// - AUCTION_COMMIT (CommitPayload): bond >= min_commit_bond leaves the balance; the window must be
//   in its commit phase; a partner it names must be registered.
// - AUCTION_REVEAL (RevealPayload): in the window's reveal phase, the preimage of a commitment of
//   the sender in that window; late, mismatched, replayed and repeated reveals are refused.
// - POOL_CANCEL (PoolCancelPayload): in the reveal phase, withdraws the sender's revealed entry
//   with that tx_core nonce from the seal; its bond is then forfeited like an unrevealed one.
// - BUILDER_BID (BuilderBid, the sender is the builder): for a height after the current one (at
//   most kMaxBidLeadHeights ahead), value > 0, bond >= value, signed; the bond leaves the balance.
//   One bid per builder and height.
// - BUILDER_DELIVERY (PayloadReveal by the sender): the builder of the bid included for that height
//   delivers its payload commitment, at most reveal_deadline_heights after the height.
// - BUILDER_EVIDENCE (BuilderEquivocationEvidence): two statements of one builder for one height
//   naming different payloads; marks that builder's included bid as equivocated.
// Block hooks:
// - begin_block(h): the proposer of h - 1 (the parent's) is recorded on the bid included at h - 1
//   and paid the auto-bid h - 1 earned; the best open bid for h (select_winning_bid's order) is
//   included, the others are refunded; when h carries a window's bundle and took no bid, the
//   seal's auto-bid is taken out of that window's fees for h's proposer.
// - end_block(h): a window whose reveal phase ended at h is sealed (seal_record) and its winners
//   executed (auction_module_execution.cpp); a window closed from h + 1 on is settled: revealed
//   bonds back to their senders, the bonds of commits never revealed, withdrawn or defaulted (a
//   winner that could not be executed) and the fees of its executed winners are the window's
//   revenue, split between the partner chains (pro rata of their revealed bonds) and the
//   treasury (split_auction_revenue); an included bid whose deadline passed, or that
//   equivocated, is settled (settle_included_bid): value to the proposer (to the treasury if the
//   proposer is unknown), the penalty to the slashing pool, the rest to the builder. Seal records
//   older than seal_retention_windows are dropped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/auction/auction_state.h"
#include "core/auction/tx_core.h"
#include "core/auction/winner_refusal.h"
#include "core/ledger/ledger_module.h"
#include "core/ledger/module_slot.h"

namespace mn::auction {

// How far ahead of the current height a bid may name its height.
inline constexpr std::uint64_t kMaxBidLeadHeights = 1'024;

class AuctionModule final : public ledger::LedgerModule {
 public:
  static constexpr std::string_view kName = "auction";

  std::string_view name() const override { return kName; }
  std::span<const ledger::TxType> tx_types() const override;
  ledger::TxResult decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const override;
  ledger::TxResult apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                         ledger::StateView& state, ledger::TxContext& context,
                         ledger::Account& sender) const override;
  // Every rule of apply() but the signature checks, at committed.height() + 1.
  ledger::TxResult check_admission(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                                   const ledger::LedgerState& committed) const override;
  void begin_block(ledger::StateView& state, const ledger::BlockStart& start) const override;
  void end_block(ledger::StateView& state) const override;
  runtime::Uint128 holdings(const ledger::LedgerState& state) const override;
  void digest(const ledger::LedgerState& state, codec::Writer& w) const override;

  // The module's state in `state`; null while it never wrote one (an empty auction).
  static const AuctionState* find_state(const ledger::LedgerState& state);

 private:
  static const AuctionState* find_state(const ledger::StateView& state);
  static AuctionState& writable(ledger::StateView& state);
  static constexpr ledger::ModuleSlot<AuctionState> kSlot{kName};
  // The rules a payload must meet whatever the state (bond floor, registered partner, a bid's own
  // fields, a delivery by its builder). Judged in apply, not check_rules: the mempool admits on
  // the precheck's reasons only (fee floor, encoding, rent), so these refuse at execution.
  static ledger::TxResult payload_rules(const ledger::Transaction& tx, const AuctionParams& params,
                                        const ledger::TxPrecheck& check);

  // The state-dependent rules of `tx` against `current` (the module's state in a ledger of chain
  // `chain_id`; null while it has none) at `height`, read-only and without signature checks:
  // what apply() judges before it writes, and check_admission() at the next height.
  static ledger::TxResult judge(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                                const AuctionState* current, const AuctionParams& params,
                                const std::string& chain_id, std::uint64_t height);
  static ledger::TxResult judge_commit(const ledger::TxPrecheck& check, const AuctionState& current,
                                       std::uint64_t height);
  static ledger::TxResult judge_reveal(const ledger::Transaction& tx,
                                       const ledger::TxPrecheck& check, const AuctionState& current,
                                       std::uint64_t height);
  static ledger::TxResult judge_cancel(const ledger::Transaction& tx,
                                       const ledger::TxPrecheck& check, const AuctionState& current,
                                       const AuctionParams& params, std::uint64_t height);
  static ledger::TxResult judge_bid(const ledger::TxPrecheck& check, const AuctionState& current,
                                    const AuctionParams& params, std::uint64_t height);
  static ledger::TxResult judge_delivery(const ledger::TxPrecheck& check,
                                         const AuctionState& current, const AuctionParams& params,
                                         std::uint64_t height);
  static ledger::TxResult judge_evidence(const ledger::TxPrecheck& check,
                                         const AuctionState& current, std::uint64_t height);
  // The commitment of the sender's live revealed entry a cancel names; none if there is none.
  static std::optional<runtime::Hash32> cancelled_commitment(const ledger::Transaction& tx,
                                                             const ledger::TxPrecheck& check,
                                                             const AuctionState& current);

  static ledger::TxResult apply_commit(const ledger::Transaction& tx,
                                       const ledger::TxPrecheck& check, ledger::StateView& state);
  static ledger::TxResult apply_reveal(const ledger::Transaction& tx,
                                       const ledger::TxPrecheck& check, ledger::StateView& state);
  static ledger::TxResult apply_cancel(const ledger::Transaction& tx,
                                       const ledger::TxPrecheck& check, ledger::StateView& state);
  static ledger::TxResult apply_bid(const ledger::TxPrecheck& check, ledger::StateView& state,
                                    crypto::CryptoProvider& crypto);
  static ledger::TxResult apply_delivery(const ledger::TxPrecheck& check, ledger::StateView& state,
                                         crypto::CryptoProvider& crypto);
  static ledger::TxResult apply_evidence(const ledger::TxPrecheck& check, ledger::StateView& state,
                                         crypto::CryptoProvider& crypto);

  // Credits `amount` (held by the module until now) to `to`, creating the account.
  static void pay(ledger::StateView& state, const ledger::Address& to, std::uint64_t amount);

  static void seal_windows(ledger::StateView& state);
  // Executes `record`'s winners of `window` in selection order, completing `record` (skipped,
  // auto_bid) and the window's fees.
  static void execute_winners(ledger::StateView& state, std::uint64_t window, SealRecord& record);
  // Runs one winner sent by `sender`, adding its charge to `fees`; its refusal if it cannot run
  // (nothing changed then).
  static std::optional<WinnerRefusal> execute_winner(ledger::StateView& state,
                                                     const runtime::Hash32& sender,
                                                     const TxCore& core, std::uint64_t& fees);
  // Pays the auto-bid the parent block earned to its proposer (the treasury if none is named).
  static void pay_auto_bid(ledger::StateView& state, const ledger::BlockStart& start);
  // Takes the seal's auto-bid out of the window's fees when this block carries a bundle and took
  // no builder bid.
  static void reserve_auto_bid(ledger::StateView& state);
  static void settle_windows(ledger::StateView& state);
  static void settle_window(ledger::StateView& state, std::uint64_t window);
  static void settle_bids(ledger::StateView& state);
  static void prune_seals(ledger::StateView& state);
};

}  // namespace mn::auction
