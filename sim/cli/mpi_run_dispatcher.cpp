#include "sim/cli/mpi_run_dispatcher.h"

#include <limits>

namespace mn::sim::cli {

namespace {

enum Tag : int { kRequest = 1, kReply = 2, kFinishedRun = 3, kRankDone = 4 };

// The reply once every run has been handed out.
constexpr std::uint64_t kNoMoreRuns = std::numeric_limits<std::uint64_t>::max();

constexpr const char* kVerdicts[] = {"pass", "fail", "error"};

std::uint64_t verdict_code(const std::string& verdict) {
  for (std::uint64_t i = 0; i < std::size(kVerdicts); ++i) {
    if (verdict == kVerdicts[i]) return i;
  }
  return std::size(kVerdicts) - 1;
}

}  // namespace

MpiRunDispatcher::MpiRunDispatcher(MpiWorld& world, std::vector<SweepRunId> pending,
                                   FinishedFn on_finished)
    : world_(world), pending_(std::move(pending)), on_finished_(std::move(on_finished)) {
  if (world_.rank() == 0) service_ = std::thread([this] { serve(); });
}

MpiRunDispatcher::~MpiRunDispatcher() {
  if (service_.joinable()) service_.join();
}

std::optional<SweepRunId> MpiRunDispatcher::take() {
  const std::size_t i = position_.fetch_add(1);
  if (i >= pending_.size()) return std::nullopt;
  return pending_[i];
}

std::optional<SweepRunId> MpiRunDispatcher::next() {
  if (world_.rank() == 0) return take();
  // Any reply answers any request: each thread sends one request and takes one reply.
  world_.send(0, 0, kRequest);
  int source = 0;
  int tag = 0;
  const std::uint64_t position = world_.receive(0, kReply, source, tag);
  if (position == kNoMoreRuns) return std::nullopt;
  return pending_.at(position);
}

void MpiRunDispatcher::finished(const std::string& verdict) {
  if (world_.rank() != 0) {
    world_.send(verdict_code(verdict), 0, kFinishedRun);
    return;
  }
  const std::lock_guard lock(finished_mutex_);
  if (on_finished_) on_finished_(verdict);
}

void MpiRunDispatcher::finish() {
  if (world_.rank() != 0) {
    world_.send(0, 0, kRankDone);
    return;
  }
  if (service_.joinable()) service_.join();
}

void MpiRunDispatcher::serve() {
  int ranks_done = 0;
  while (ranks_done < world_.size() - 1) {
    int source = 0;
    int tag = 0;
    const std::uint64_t value = world_.receive(MPI_ANY_SOURCE, MPI_ANY_TAG, source, tag);
    if (tag == kRequest) {
      const std::size_t i = position_.fetch_add(1);
      world_.send(i < pending_.size() ? i : kNoMoreRuns, source, kReply);
    } else if (tag == kFinishedRun) {
      const std::lock_guard lock(finished_mutex_);
      if (on_finished_) on_finished_(kVerdicts[std::min<std::uint64_t>(value, 2)]);
    } else if (tag == kRankDone) {
      ++ranks_done;
    }
  }
}

}  // namespace mn::sim::cli
