#include "sim/cli/mpi_run_dispatcher.h"

#include <algorithm>
#include <iterator>
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
    : m_world(world), m_pending(std::move(pending)), m_on_finished(std::move(on_finished)) {
  if (m_world.rank() == 0) m_service = std::thread([this] { serve(); });
}

MpiRunDispatcher::~MpiRunDispatcher() {
  if (m_service.joinable()) m_service.join();
}

std::optional<SweepRunId> MpiRunDispatcher::take() {
  const std::size_t i = m_position.fetch_add(1);
  if (i >= m_pending.size()) return std::nullopt;
  return m_pending[i];
}

std::optional<SweepRunId> MpiRunDispatcher::next() {
  if (m_world.rank() == 0) return take();
  // Any reply answers any request: each thread sends one request and takes one reply.
  m_world.send(0, 0, kRequest);
  int source = 0;
  int tag = 0;
  const std::uint64_t position = m_world.receive(0, kReply, source, tag);
  if (position == kNoMoreRuns) return std::nullopt;
  return m_pending.at(position);
}

void MpiRunDispatcher::finished(const std::string& verdict) {
  if (m_world.rank() != 0) {
    m_world.send(verdict_code(verdict), 0, kFinishedRun);
    return;
  }
  const std::lock_guard lock(m_finished_mutex);
  if (m_on_finished) m_on_finished(verdict);
}

void MpiRunDispatcher::finish() {
  if (m_world.rank() != 0) {
    m_world.send(0, 0, kRankDone);
    return;
  }
  if (m_service.joinable()) m_service.join();
}

void MpiRunDispatcher::serve() {
  int ranks_done = 0;
  while (ranks_done < m_world.size() - 1) {
    int source = 0;
    int tag = 0;
    const std::uint64_t value = m_world.receive(MPI_ANY_SOURCE, MPI_ANY_TAG, source, tag);
    if (tag == kRequest) {
      const std::size_t i = m_position.fetch_add(1);
      m_world.send(i < m_pending.size() ? i : kNoMoreRuns, source, kReply);
    } else if (tag == kFinishedRun) {
      const std::lock_guard lock(m_finished_mutex);
      if (m_on_finished)
        m_on_finished(kVerdicts[std::min<std::uint64_t>(value, std::size(kVerdicts) - 1)]);
    } else if (tag == kRankDone) {
      ++ranks_done;
    }
  }
}

}  // namespace mn::sim::cli
