// Hands out a sweep's pending runs one at a time across the ranks of an MpiWorld, so that a rank
// given slow runs simply takes fewer of them. Every rank computes the same pending list from the
// sweep file and its journal, so rank 0 only keeps a position in it: rank 0's own worker threads
// take the next position directly, and a service thread on rank 0 answers the other ranks'
// requests with one. The other ranks also report each finished run's verdict, so rank 0 can show
// the progress of the whole job. Runs are the unit of work; results stay in each rank's journal.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sim/cli/mpi_world.h"
#include "sim/sweep/sweep_spec.h"

namespace mn::sim::cli {

class MpiRunDispatcher {
 public:
  // Called on rank 0 for every finished run of any rank, with its verdict, from one thread at a
  // time but not always the same thread.
  using FinishedFn = std::function<void(const std::string& verdict)>;

  // Every rank must pass the same `pending`. Starts rank 0's service thread.
  MpiRunDispatcher(MpiWorld& world, std::vector<SweepRunId> pending, FinishedFn on_finished);
  ~MpiRunDispatcher();
  MpiRunDispatcher(const MpiRunDispatcher&) = delete;
  MpiRunDispatcher& operator=(const MpiRunDispatcher&) = delete;

  // The next run for this rank, nullopt once every run has been handed out. Thread-safe.
  std::optional<SweepRunId> next();
  // Reports a run this rank finished. Thread-safe.
  void finished(const std::string& verdict);
  // Collective: call once this rank's runs are done and recorded. On rank 0 it returns when every
  // rank has finished, so every rank's journal is complete.
  void finish();

 private:
  void serve();  // rank 0's service thread
  std::optional<SweepRunId> take();

  MpiWorld& m_world;
  std::vector<SweepRunId> m_pending;
  FinishedFn m_on_finished;
  std::atomic<std::size_t> m_position = 0;
  std::mutex m_finished_mutex;
  std::thread m_service;
};

}  // namespace mn::sim::cli
