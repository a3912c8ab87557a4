// One stream of client transactions in a consensus run: a Poisson process of its own rate (from the
// scenario's `workload` section) drawn from its own named stream, submitting within the workload's
// [start, stop) through the run's shared ClientWallet. Each stream is one class
// (transfer_workload.h, poe_workload.h, receipt_workload.h), built from its entry in the workload
// registry (workload_registry.h), which also parses its rate and declares its shrink edits; it
// fills its own section of the RunReport.
//
// Single-threaded, driven by the simulator's actions.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/poe/rent_schedule.h"
#include "core/runtime/rng.h"
#include "sim/run_report.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/workloads/client_wallet.h"

namespace mn::sim {

// What a client workload is built from.
struct ClientWorkloadContext {
  Simulator& sim;
  ClientWallet& wallet;
  const WorkloadSpec& spec;
  poe::RentSchedule rent;
  std::uint64_t seed = 0;
};

class ClientWorkload {
 public:
  virtual ~ClientWorkload() = default;
  ClientWorkload(const ClientWorkload&) = delete;
  ClientWorkload& operator=(const ClientWorkload&) = delete;

  // Schedules the first submission. Returns false if the stream never submits (a zero rate).
  bool start();
  virtual void fill_report(RunReport& report) const = 0;

 protected:
  // `stream` names the random stream its arrivals and choices are drawn from; `rate` is per
  // second.
  ClientWorkload(const ClientWorkloadContext& context, double rate, std::string_view stream);

  // One arrival: sign and send what the stream submits.
  virtual void submit() = 0;

  Simulator& m_sim;
  ClientWallet& m_wallet;
  runtime::Rng m_rng;

 private:
  // The next arrival after `after`; submit() runs at each arrival until the workload stops.
  void schedule_next(TimeNs after);

  double m_rate;
  TimeNs m_start;
  TimeNs m_stop;
  Simulator::ActionLabel m_label;  // "workload: <stream>", for traces
};

}  // namespace mn::sim
