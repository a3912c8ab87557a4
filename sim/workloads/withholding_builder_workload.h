// withholding builders (the run's "builder.withholding" stream; rate
// workload.withholding_builder_bids_per_s): builders that exercise the free option a bid gives
// them. Each bids like an honest builder (BuilderWorkload) for a payload worth its bid's value
// plus a margin of kMarginBps at the price of the moment, and holding `builder_exposure` times
// the bid's value of an asset at that price. A price shock (workload.price_shock: at `at_s` the
// price moves by change_bps) changes what a payload bid before it is worth by exposure × value ×
// the relative move. Once the chain includes its bid the builder pays the value whatever it does,
// so it delivers when the payload is worth more than the penalty it would forfeit by withholding
// (worth >= -penalty) and withholds otherwise: a payload a shock turned into a loss larger than
// the penalty is withheld, the proposer is paid from the bond and the penalty goes to the slashing
// pool. Bids made after the shock are priced at the new price and delivered.
//
// Single-threaded, driven by the simulator's actions and the honest chain's commits.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "sim/workloads/builder_workload.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

class WithholdingBuilderWorkload final : public BuilderWorkload {
 public:
  // The builder's margin over its bid, of 10,000.
  static constexpr std::int64_t kMarginBps = 1'000;
  // The price before any shock, in basis points of the reference.
  static constexpr std::int64_t kBasePrice = 10'000;

  explicit WithholdingBuilderWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);
  // Reads workload.price_shock and workload.builder_exposure.
  static runtime::Status read_options(const WorkloadOptionsContext& context);

  void on_block(const CommittedBlock& block) override;

  // What a payload bid at `value` when the price was `bid_price` is worth at `price`, for a
  // builder holding `exposure` times the value of the asset (may be negative).
  static std::int64_t payload_worth(std::uint64_t value, std::int64_t bid_price, std::int64_t price,
                                    std::uint64_t exposure);

 private:
  std::uint64_t bid_value(const Offer& offer) override;
  // Delivers `offer`'s payload unless withholding it costs the builder less.
  void on_won(Offer& offer) override;
  std::int64_t price() const;

  std::optional<WorkloadSpec::PriceShock> m_shock;
  std::uint64_t m_exposure;
  std::map<std::pair<std::size_t, std::uint64_t>, std::int64_t> m_bid_price;  // (builder, height)
};

}  // namespace mn::sim
