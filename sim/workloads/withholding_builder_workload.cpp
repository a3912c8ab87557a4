#include "sim/workloads/withholding_builder_workload.h"

#include <algorithm>

#include "core/auction/bid_settlement.h"
#include "sim/scenario/scenario_json.h"

namespace mn::sim {

WithholdingBuilderWorkload::WithholdingBuilderWorkload(const ClientWorkloadContext& context)
    : BuilderWorkload(context, context.spec.withholding_builder_bids_per_s, "builder.withholding"),
      m_shock(context.spec.price_shock),
      m_exposure(context.spec.builder_exposure) {}

std::unique_ptr<ClientWorkload> WithholdingBuilderWorkload::make(
    const ClientWorkloadContext& context) {
  return std::make_unique<WithholdingBuilderWorkload>(context);
}

runtime::Status WithholdingBuilderWorkload::read_options(const WorkloadOptionsContext& context) {
  const nlohmann::json& section = context.section;
  for (const char* key : {"price_shock", "builder_exposure"}) {
    if (!section.contains(key)) continue;
    const std::string path = scenario_json::join_path("workload", key);
    if (auto status = context.needs_consensus(path); !status.is_ok()) return status;
    if (context.spec.withholding_builder_bids_per_s <= 0)
      return scenario_json::invalid(path, "needs workload.withholding_builder_bids_per_s > 0");
  }
  context.spec.builder_exposure =
      scenario_json::integer_or(section, "builder_exposure", context.spec.builder_exposure);
  if (const auto shock = section.find("price_shock"); shock != section.end()) {
    const auto change = scenario_json::integer_value<std::int64_t>((*shock)["change_bps"]);
    if (change <= -kBasePrice)
      return scenario_json::invalid("workload.price_shock.change_bps",
                                    "must be > -10000 (a price stays positive)");
    context.spec.price_shock =
        WorkloadSpec::PriceShock{scenario_json::seconds_to_ns((*shock)["at_s"]), change};
  }
  return {};
}

std::int64_t WithholdingBuilderWorkload::price() const {
  if (!m_shock || m_sim.now() < m_shock->at) return kBasePrice;
  return kBasePrice + m_shock->change_bps;
}

std::int64_t WithholdingBuilderWorkload::payload_worth(std::uint64_t value, std::int64_t bid_price,
                                                       std::int64_t price, std::uint64_t exposure) {
  const auto v = static_cast<std::int64_t>(value);
  const std::int64_t margin = v * kMarginBps / 10'000;
  const std::int64_t held = v * static_cast<std::int64_t>(exposure);
  return v + margin + held * (price - bid_price) / bid_price;
}

std::uint64_t WithholdingBuilderWorkload::bid_value(const Offer& offer) {
  m_bid_price[{offer.from, offer.bid.height}] = price();
  return BuilderWorkload::bid_value(offer);
}

void WithholdingBuilderWorkload::on_won(Offer& offer) {
  const auto bid_price = m_bid_price.find({offer.from, offer.bid.height});
  const std::int64_t worth =
      payload_worth(offer.bid.value, bid_price == m_bid_price.end() ? price() : bid_price->second,
                    price(), m_exposure);
  const auction::WithholdingParams& rule = params().withholding;
  const std::uint64_t penalty =
      std::min(offer.bid.value * rule.penalty_bps / 10'000, offer.bid.bond - offer.bid.value);
  // The value is paid either way: delivering gains the payload's worth, withholding loses the
  // penalty.
  if (worth >= -static_cast<std::int64_t>(penalty)) deliver(offer);
}

void WithholdingBuilderWorkload::on_block(const CommittedBlock& block) {
  BuilderWorkload::on_block(block);
  // Bids for earlier heights were won (and decided, an action ago) or lost.
  std::erase_if(m_bid_price,
                [&block](const auto& entry) { return entry.first.second < block.height; });
}

}  // namespace mn::sim
