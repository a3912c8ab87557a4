// receipts: compute jobs settle (the run's "receipts" stream; rate workload.receipts_per_s). For
// each, a client escrows the payment, then claims the receipt it co-signed with a miner, another
// client: two transactions in nonce order to one random validator, so the escrow always lands
// first. Compute units and payment are drawn uniformly from the ranges below.
#pragma once

#include <cstdint>
#include <memory>

#include "sim/workloads/client_workload.h"

namespace mn::sim {

class ReceiptWorkload final : public ClientWorkload {
 public:
  static constexpr std::uint64_t kMinComputeUnits = 100;
  static constexpr std::uint64_t kMaxComputeUnits = 10'000;
  static constexpr std::uint64_t kMinPayment = 1'000;
  static constexpr std::uint64_t kMaxPayment = 10'000;

  explicit ReceiptWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);

  // Its section: receipts claimed by the clients.
  void fill_report(RunReport& report) const override;

 private:
  void submit() override;

  std::uint64_t m_submitted = 0;
};

}  // namespace mn::sim
