// poe: clients submit PoEs (the run's "poe" stream; rate workload.poe_per_s), each to a random
// validator. The client acts as the BPI operator: it signs the header and pays exactly the rent
// the schedule asks for a complexity and logbook size drawn uniformly from the ranges below. Keeps
// each PoE's submission time, which the inclusion oracle measures from.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "sim/workloads/client_workload.h"

namespace mn::sim {

class PoeWorkload final : public ClientWorkload {
 public:
  static constexpr std::uint64_t kMinComplexity = 1'000;
  static constexpr std::uint64_t kMaxComplexity = 100'000;
  static constexpr std::uint64_t kMinLogbookBytes = 1'024;
  static constexpr std::uint64_t kMaxLogbookBytes = std::uint64_t{64} * 1'024;

  explicit PoeWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);

  // Its section is the inclusion oracle's (one record per submitted PoE): nothing of its own.
  void fill_report(RunReport& report) const override;
  // Submission time by transaction id.
  const std::map<runtime::Hash32, TimeNs>& submitted_at() const { return m_submitted_at; }

 private:
  void submit() override;

  poe::RentSchedule m_rent;
  std::map<runtime::Hash32, TimeNs> m_submitted_at;
};

}  // namespace mn::sim
