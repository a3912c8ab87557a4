#include "core/auction/auction_module.h"

#include <any>
#include <memory>
#include <optional>

#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/commit_payload.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/auction/reveal_payload.h"
#include "core/ledger/state_view.h"
#include "core/runtime/assert.h"

namespace mn::auction {

using ledger::TxResult;

namespace {

// Decodes `payload` as `T` into check.payload; kBadEncoding if it is not T's layout.
template <class T>
TxResult decode_into(const ledger::Transaction& tx, ledger::TxPrecheck& check) {
  auto payload = T::decode(tx.payload);
  if (!payload) return TxResult::kBadEncoding;
  check.payload = std::move(payload).value();
  return TxResult::kOk;
}

}  // namespace

std::span<const ledger::TxType> AuctionModule::tx_types() const {
  static constexpr ledger::TxType kTypes[] = {
      ledger::TxType::kAuctionCommit,   ledger::TxType::kAuctionReveal,
      ledger::TxType::kPoolCancel,      ledger::TxType::kBuilderBid,
      ledger::TxType::kBuilderDelivery, ledger::TxType::kBuilderEvidence};
  return kTypes;
}

TxResult AuctionModule::decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const {
  check.debit = 0;
  switch (tx.type) {
    case ledger::TxType::kAuctionCommit: {
      const TxResult result = decode_into<CommitPayload>(tx, check);
      if (result == TxResult::kOk)
        check.debit = std::any_cast<const CommitPayload&>(check.payload).bond;
      return result;
    }
    case ledger::TxType::kAuctionReveal:
      return decode_into<RevealPayload>(tx, check);
    case ledger::TxType::kPoolCancel:
      return decode_into<PoolCancelPayload>(tx, check);
    case ledger::TxType::kBuilderBid: {
      const TxResult result = decode_into<BuilderBid>(tx, check);
      if (result == TxResult::kOk)
        check.debit = std::any_cast<const BuilderBid&>(check.payload).bond;
      return result;
    }
    case ledger::TxType::kBuilderDelivery:
      return decode_into<PayloadReveal>(tx, check);
    case ledger::TxType::kBuilderEvidence:
      return decode_into<BuilderEquivocationEvidence>(tx, check);
    default:
      return TxResult::kUnsupportedType;
  }
}

TxResult AuctionModule::payload_rules(const ledger::Transaction& tx, const AuctionParams& params,
                                      const ledger::TxPrecheck& check) {
  if (tx.type == ledger::TxType::kAuctionCommit) {
    const auto& commit = std::any_cast<const CommitPayload&>(check.payload);
    if (commit.bond < params.min_commit_bond) return TxResult::kBondTooLow;
    if (commit.partner != runtime::Hash32{} && params.find_partner(commit.partner) == nullptr)
      return TxResult::kUnknownPartner;
  } else if (tx.type == ledger::TxType::kBuilderBid) {
    const auto& bid = std::any_cast<const BuilderBid&>(check.payload);
    if (bid.builder != tx.sender || bid.value == 0 || bid.bond < bid.value)
      return TxResult::kBadBid;
  } else if (tx.type == ledger::TxType::kBuilderDelivery) {
    if (std::any_cast<const PayloadReveal&>(check.payload).builder != tx.sender)
      return TxResult::kBadDelivery;
  }
  return TxResult::kOk;
}

TxResult AuctionModule::judge(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                              const AuctionState* current, const AuctionParams& params,
                              const std::string& chain_id, std::uint64_t height) {
  // The rules read an empty state like any other.
  std::optional<AuctionState> empty;
  if (current == nullptr) current = &empty.emplace(params, chain_id);
  switch (tx.type) {
    case ledger::TxType::kAuctionCommit:
      return judge_commit(check, *current, height);
    case ledger::TxType::kAuctionReveal:
      return judge_reveal(tx, check, *current, height);
    case ledger::TxType::kPoolCancel:
      return judge_cancel(tx, check, *current, params, height);
    case ledger::TxType::kBuilderBid:
      return judge_bid(check, *current, params, height);
    case ledger::TxType::kBuilderDelivery:
      return judge_delivery(check, *current, params, height);
    case ledger::TxType::kBuilderEvidence:
      return judge_evidence(check, *current, height);
    default:
      return TxResult::kUnsupportedType;
  }
}

TxResult AuctionModule::check_admission(const ledger::Transaction& tx,
                                        const ledger::TxPrecheck& check,
                                        const ledger::LedgerState& committed) const {
  const AuctionParams& params = committed.economic_params().auction;
  const TxResult result = payload_rules(tx, params, check);
  if (result != TxResult::kOk) return result;
  return judge(tx, check, find_state(committed), params, committed.chain_id(),
               committed.height() + 1);
}

TxResult AuctionModule::apply(const ledger::Transaction& tx, const ledger::TxPrecheck& check,
                              ledger::StateView& state, ledger::TxContext& context,
                              ledger::Account& sender) const {
  const AuctionParams& params = state.economics().auction;
  TxResult result = payload_rules(tx, params, check);
  if (result != TxResult::kOk) return result;
  result = judge(tx, check, find_state(state), params, state.chain_id(), state.height());
  if (result != TxResult::kOk) return result;
  switch (tx.type) {
    case ledger::TxType::kAuctionCommit:
      result = apply_commit(tx, check, state);
      break;
    case ledger::TxType::kAuctionReveal:
      result = apply_reveal(tx, check, state);
      break;
    case ledger::TxType::kPoolCancel:
      result = apply_cancel(tx, check, state);
      break;
    case ledger::TxType::kBuilderBid:
      result = apply_bid(check, state, context.crypto);
      break;
    case ledger::TxType::kBuilderDelivery:
      result = apply_delivery(check, state, context.crypto);
      break;
    case ledger::TxType::kBuilderEvidence:
      result = apply_evidence(check, state, context.crypto);
      break;
    default:
      break;
  }
  if (result == TxResult::kOk) state.put_account(sender);
  return result;
}

const AuctionState* AuctionModule::find_state(const ledger::LedgerState& state) {
  return kSlot.find(state);
}

const AuctionState* AuctionModule::find_state(const ledger::StateView& state) {
  return find_state(state.state());
}

AuctionState& AuctionModule::writable(ledger::StateView& state) {
  return kSlot.writable(state, [&state] {
    return std::make_unique<AuctionState>(state.economics().auction, state.chain_id());
  });
}

void AuctionModule::pay(ledger::StateView& state, const ledger::Address& to, std::uint64_t amount) {
  if (amount == 0) return;
  // Every amount paid out was held inside the 64-bit supply: no balance can overflow.
  const bool credited = state.credit(to, amount);
  MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
}

void AuctionModule::end_block(ledger::StateView& state) const {
  if (find_state(state) == nullptr) return;
  seal_windows(state);
  settle_windows(state);
  settle_bids(state);
  prune_seals(state);
}

runtime::Uint128 AuctionModule::holdings(const ledger::LedgerState& state) const {
  const AuctionState* auction = find_state(state);
  return auction == nullptr ? 0 : auction->holdings();
}

void AuctionModule::digest(const ledger::LedgerState& state, codec::Writer& w) const {
  // An auction that never wrote its slot digests as the empty state it stands for.
  if (const AuctionState* auction = find_state(state); auction != nullptr) {
    auction->digest(w);
  } else {
    AuctionState(state.economic_params().auction, state.chain_id()).digest(w);
  }
}

}  // namespace mn::auction
