#include "sim/workloads/workload_registry.h"

#include <array>

#include <fmt/format.h>

#include "sim/broadcast_workload.h"
#include "sim/workloads/auction_adversary_workload.h"
#include "sim/workloads/auction_bid_workload.h"
#include "sim/workloads/builder_workload.h"
#include "sim/workloads/client_wallet.h"
#include "sim/workloads/equivocating_builder_workload.h"
#include "sim/workloads/flooding_builder_workload.h"
#include "sim/workloads/poe_workload.h"
#include "sim/workloads/pool_attack_workload.h"
#include "sim/workloads/receipt_workload.h"
#include "sim/workloads/transfer_workload.h"
#include "sim/workloads/withholding_builder_workload.h"

namespace mn::sim {

namespace {

const std::array<WorkloadKind, 11> kKinds = {{
    {"transfers", "transfers_per_s", &WorkloadSpec::transfers_per_s, true,
     &TransferWorkload::read_options, &rate_shrink_edits, &TransferWorkload::make},
    {"poe", "poe_per_s", &WorkloadSpec::poe_per_s, true, &ClientWallet::read_options,
     &rate_shrink_edits, &PoeWorkload::make},
    {"receipts", "receipts_per_s", &WorkloadSpec::receipts_per_s, true, &ClientWallet::read_options,
     &rate_shrink_edits, &ReceiptWorkload::make},
    {"broadcasts", "broadcasts_per_s", &WorkloadSpec::broadcasts_per_s, false,
     &BroadcastWorkload::read_options, &rate_shrink_edits, nullptr},
    {"auction", "auction_bids_per_s", &WorkloadSpec::auction_bids_per_s, true,
     &AuctionBidWorkload::read_options, &rate_shrink_edits, &AuctionBidWorkload::make},
    {"builders", "builder_bids_per_s", &WorkloadSpec::builder_bids_per_s, true,
     &ClientWallet::read_options, &rate_shrink_edits, &BuilderWorkload::make},
    {"auction_adversary", "auction_adversary_commits_per_s",
     &WorkloadSpec::auction_adversary_commits_per_s, true, &AuctionAdversaryWorkload::read_options,
     &rate_shrink_edits, &AuctionAdversaryWorkload::make},
    {"equivocating_builders", "equivocating_builder_bids_per_s",
     &WorkloadSpec::equivocating_builder_bids_per_s, true, &ClientWallet::read_options,
     &rate_shrink_edits, &EquivocatingBuilderWorkload::make},
    {"withholding_builders", "withholding_builder_bids_per_s",
     &WorkloadSpec::withholding_builder_bids_per_s, true, &WithholdingBuilderWorkload::read_options,
     &rate_shrink_edits, &WithholdingBuilderWorkload::make},
    {"flooding_builders", "flooding_builder_bids_per_s", &WorkloadSpec::flooding_builder_bids_per_s,
     true, &ClientWallet::read_options, &rate_shrink_edits, &FloodingBuilderWorkload::make},
    {"pool_attack", "pool_attack_per_s", &WorkloadSpec::pool_attack_per_s, true,
     &PoolAttackWorkload::read_options, &rate_shrink_edits, &PoolAttackWorkload::make},
}};

}  // namespace

std::span<const WorkloadKind> workload_kinds() {
  return kKinds;
}

void rate_shrink_edits(const WorkloadKind& kind, const nlohmann::json& doc,
                       std::vector<ShrinkEdit>& out) {
  const std::string key(kind.rate_key);
  if (!doc.contains("workload") || !doc["workload"].contains(key)) return;
  const double rate = doc["workload"][key].get<double>();
  if (rate <= 0) return;
  nlohmann::json zero = doc;
  zero["workload"][key] = 0;
  out.push_back({fmt::format("workload.{} -> 0", key), std::move(zero)});
  nlohmann::json halved = doc;
  halved["workload"][key] = rate / 2;
  out.push_back({fmt::format("workload.{} halved", key), std::move(halved)});
}

}  // namespace mn::sim
