// transfers: clients send signed transfers of 1 to 1,000 units between two distinct accounts, each
// to a random validator (the run's "transfers" stream; rate workload.transfers_per_s), paying the
// minimum fee plus workload.transfer_tip. Keeps each transfer's submission time, which the
// finality oracle measures from.
#pragma once

#include <map>
#include <memory>

#include "sim/workloads/client_workload.h"

namespace mn::sim {

struct WorkloadOptionsContext;

class TransferWorkload final : public ClientWorkload {
 public:
  explicit TransferWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);
  // Reads the keys every client stream shares (ClientWallet::read_options) and `transfer_tip`
  // (only with a consensus run).
  static runtime::Status read_options(const WorkloadOptionsContext& context);

  // Its section: transfers submitted, and (wallet-wide) transactions resent and cancelled.
  void fill_report(RunReport& report) const override;
  // Submission time by transaction id.
  const std::map<runtime::Hash32, TimeNs>& submitted_at() const { return m_submitted_at; }

 private:
  void submit() override;

  std::uint64_t m_tip;
  std::uint64_t m_submitted = 0;
  std::map<runtime::Hash32, TimeNs> m_submitted_at;
};

}  // namespace mn::sim
