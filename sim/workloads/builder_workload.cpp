#include "sim/workloads/builder_workload.h"

#include <string>

#include "core/auction/auction_module.h"
#include "core/auction/payload_reveal.h"
#include "sim/workloads/auction_bid_workload.h"

namespace mn::sim {

BuilderWorkload::BuilderWorkload(const ClientWorkloadContext& context)
    : BuilderWorkload(context, context.spec.builder_bids_per_s, "builder") {}

BuilderWorkload::BuilderWorkload(const ClientWorkloadContext& context, double rate,
                                 std::string_view stream)
    : ClientWorkload(context, rate, stream),
      m_params(context.auction),
      m_slots(context.builder_slots),
      m_won_label(context.sim.action_label("workload: " + std::string(stream) + " deliveries")) {}

std::unique_ptr<ClientWorkload> BuilderWorkload::make(const ClientWorkloadContext& context) {
  return std::make_unique<BuilderWorkload>(context);
}

void BuilderWorkload::submit() {
  const auto from = static_cast<std::size_t>(m_rng.uniform(m_wallet.account_count()));
  const std::uint64_t height = m_height + 1 + kLeadHeights;
  if (!m_slots.claim(from, height)) return;  // one bid per builder and height
  const crypto::KeyPair& key = m_wallet.account(from);
  Offer offer;
  offer.from = from;
  offer.bid.height = height;
  offer.bid.builder = key.public_key;
  m_rng.fill(offer.bid.payload_commitment);
  offer.bid.value = bid_value(offer);
  offer.bid.bond = 2 * offer.bid.value;
  offer.bid.sign(key.secret_key, m_sim.crypto());
  offer.tx = m_wallet.sign(ledger::TxType::kBuilderBid, from, offer.bid.encode());
  ++m_counts.bids;
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_wallet.validator_count()));
  if (const auto refusal = m_wallet.send_new(from, offer.tx, validator)) {
    ++m_counts.refusals[ledger::admit_result_name(*refusal)];
    m_slots.release(from, height);
    return;
  }
  m_open.emplace(offer.tx.id(m_sim.crypto()), std::move(offer));
}

std::uint64_t BuilderWorkload::bid_value(const Offer& /*offer*/) {
  return 1 + m_rng.uniform(kMaxValue);
}

bool BuilderWorkload::included(const Offer& offer, const ledger::LedgerState& state) {
  const auction::AuctionState* auction = auction::AuctionModule::find_state(state);
  if (auction == nullptr) return false;
  const auto found = auction->included.find(offer.bid.height);
  return found != auction->included.end() && found->second.bid == offer.bid;
}

void BuilderWorkload::schedule_won(std::vector<runtime::Hash32> bid_ids) {
  if (bid_ids.empty()) return;
  m_sim.schedule(
      m_sim.now(),
      [this, ids = std::move(bid_ids)] {
        for (const runtime::Hash32& id : ids) {
          const auto offer = m_open.find(id);
          if (offer != m_open.end() && !offer->second.delivery) on_won(offer->second);
        }
      },
      m_won_label);
}

void BuilderWorkload::deliver(Offer& offer) {
  auction::PayloadReveal reveal;
  reveal.height = offer.bid.height;
  reveal.builder = offer.bid.builder;
  reveal.payload_commitment = offer.bid.payload_commitment;
  reveal.sign(m_wallet.account(offer.from).secret_key, m_sim.crypto());
  const ledger::Transaction delivery =
      m_wallet.sign(ledger::TxType::kBuilderDelivery, offer.from, reveal.encode());
  if (!offer.refusal) ++m_counts.deliveries;  // each offer's delivery once, however often tried
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_wallet.validator_count()));
  offer.refusal = m_wallet.send_new(offer.from, delivery, validator);
  if (offer.refusal) {
    offer.delivery_due = false;  // the next block tries again until the deadline
    return;
  }
  offer.delivery = delivery;
  m_delivery_of.emplace(delivery.id(m_sim.crypto()), offer.tx.id(m_sim.crypto()));
}

void BuilderWorkload::on_block(const CommittedBlock& block) {
  m_height = block.height;
  for (const runtime::Hash32& id : block.tx_ids) {
    if (const auto offer = m_open.find(id); offer != m_open.end()) {
      offer->second.committed = true;
      ++m_counts.bids_committed;
    }
    if (const auto delivery = m_delivery_of.find(id); delivery != m_delivery_of.end()) {
      m_open.at(delivery->second).delivered = true;
      ++m_counts.deliveries_committed;
    }
  }
  const std::uint64_t deadline_span = m_params.withholding.reveal_deadline_heights;
  std::vector<runtime::Hash32> due;
  for (auto it = m_open.begin(); it != m_open.end();) {
    Offer& offer = it->second;
    const bool bid_over = block.height >= offer.bid.height;
    if (offer.committed && !offer.won && bid_over && included(offer, block.state)) {
      offer.won = true;
      ++m_counts.bids_won;
    }
    if (offer.won && !offer.delivery && !offer.delivery_due) {
      offer.delivery_due = true;
      due.push_back(it->first);
    }
    if (!bid_over ||
        (offer.won && !offer.delivered && block.height < offer.bid.height + deadline_span)) {
      ++it;
      continue;
    }
    if (!offer.committed) ++m_counts.refusals[late_refusal_reason(offer.tx, block.state)];
    if (offer.delivery && !offer.delivered)
      ++m_counts.refusals[late_refusal_reason(*offer.delivery, block.state)];
    if (!offer.delivery && offer.refusal)
      ++m_counts.refusals[ledger::admit_result_name(*offer.refusal)];
    if (offer.delivery) m_delivery_of.erase(offer.delivery->id(m_sim.crypto()));
    m_slots.release(offer.from, offer.bid.height);
    it = m_open.erase(it);
  }
  schedule_won(std::move(due));
}

void BuilderWorkload::fill_report(RunReport& report) const {
  RunReport::Auction& out = report.auction;
  out.bids += m_counts.bids;
  out.bids_committed += m_counts.bids_committed;
  out.bids_won += m_counts.bids_won;
  out.deliveries += m_counts.deliveries;
  out.deliveries_committed += m_counts.deliveries_committed;
  for (const auto& [reason, count] : m_counts.refusals) out.refusals[reason] += count;
}

}  // namespace mn::sim
