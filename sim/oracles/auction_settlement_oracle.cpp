#include "sim/oracles/auction_settlement_oracle.h"

#include <fmt/format.h>

#include "core/auction/auction_module.h"
#include "core/auction/bid_settlement.h"
#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/payload_reveal.h"

namespace mn::sim {

namespace {

// `included` as it stands once `block`'s transactions applied (before its end settles it):
// the block's delivery and evidence for its height count.
auction::IncludedBid after_transactions(auction::IncludedBid included, std::uint64_t height,
                                        const AuctionBlock& block) {
  for (const ledger::Transaction& tx : block.txs) {
    if (tx.type == ledger::TxType::kBuilderDelivery && !included.delivery) {
      auto reveal = auction::PayloadReveal::decode(tx.payload);
      if (reveal && reveal->height == height && reveal->builder == included.bid.builder)
        included.delivery = auction::PayloadDelivery{block.height, reveal->payload_commitment};
    } else if (tx.type == ledger::TxType::kBuilderEvidence) {
      auto evidence = auction::BuilderEquivocationEvidence::decode(tx.payload);
      if (evidence && evidence->height() == height && evidence->builder() == included.bid.builder)
        included.equivocated = true;
    }
  }
  return included;
}

}  // namespace

AuctionSettlementOracle::AuctionSettlementOracle(
    const runtime::Hash32& genesis_hash, std::shared_ptr<const ledger::LedgerState> genesis_state)
    : AuctionBlockOracle("auction_settlement",
                         "an included builder bid is settled only when due, and its penalty "
                         "reaches the slashing pool",
                         genesis_hash, std::move(genesis_state)) {}

std::optional<std::string> AuctionSettlementOracle::judge(const AuctionBlock& block) {
  const auction::AuctionState* parent = auction::AuctionModule::find_state(block.parent);
  const auction::AuctionState* child = auction::AuctionModule::find_state(block.state);
  if (parent == nullptr) return std::nullopt;
  const auction::WithholdingParams& params = block.parent.economic_params().auction.withholding;
  std::uint64_t penalties = 0;
  for (const auto& [height, before] : parent->included) {
    if (child != nullptr && child->included.contains(height)) continue;
    const auction::IncludedBid included = after_transactions(before, height, block);
    const auction::BidSettlement settled = auction::settle_included_bid(
        included.bid, params, included.delivery, included.equivocated, block.height);
    switch (settled.outcome) {
      case auction::BidOutcome::kPending:
        return fmt::format("block {} settled the bid included at {} before it was due",
                           block.height, height);
      case auction::BidOutcome::kDelivered:
        ++m_delivered;
        break;
      case auction::BidOutcome::kWithheld:
        ++m_withheld;
        break;
      case auction::BidOutcome::kEquivocated:
        ++m_equivocated;
        break;
    }
    penalties += settled.to_penalty;
    m_payments += settled.to_proposer;
  }
  m_penalties += penalties;
  const std::uint64_t before = block.parent.pools().slashing_pool;
  const std::uint64_t after = block.state.pools().slashing_pool;
  if (after >= before && after - before >= penalties) return std::nullopt;
  return fmt::format(
      "block {}: the slashing pool went from {} to {}, short of the {} of builder "
      "penalties it settled",
      block.height, before, after, penalties);
}

void AuctionSettlementOracle::fill_report(RunReport& report) const {
  AuctionBlockOracle::fill_report(report);
  RunReport::Auction& a = report.auction;
  a.bids_delivered = m_delivered;
  a.bids_withheld = m_withheld;
  a.bids_equivocated = m_equivocated;
  a.builder_penalties = m_penalties;
  a.builder_payments = m_payments;
}

void AuctionSettlementOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  AuctionBlockOracle::add_verdicts(context, report);
  const auto& max_rate = context.scenario.expect.auction.max_withholding_rate;
  if (!max_rate) return;
  const std::uint64_t settled = m_delivered + m_withheld + m_equivocated;
  const double rate =
      settled == 0 ? 0.0 : static_cast<double>(m_withheld) / static_cast<double>(settled);
  add_verdict(report, "expect.auction.max_withholding_rate",
              fmt::format("at most {:g} of the included builder bids withheld", *max_rate),
              rate <= *max_rate,
              fmt::format("{} of {} withheld ({:.3f})", m_withheld, settled, rate));
}

}  // namespace mn::sim
