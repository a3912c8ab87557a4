#include "sim/cli/mpi_world.h"

#include <chrono>
#include <cstdlib>
#include <thread>

#include <fmt/format.h>

namespace mn::sim::cli {

namespace {

// Short against a run (tens of milliseconds and up), long enough that a waiting rank costs
// nothing measurable.
constexpr auto kPollInterval = std::chrono::microseconds(500);

}  // namespace

bool MpiWorld::launched() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr;  // NOLINT(concurrency-mt-unsafe)
}

runtime::Result<std::unique_ptr<MpiWorld>> MpiWorld::init() {
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS) {
    return runtime::Status(runtime::ErrorCode::kIoError, "MPI_Init_thread failed");
  }
  int rank = 0;
  int size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  std::unique_ptr<MpiWorld> world(new MpiWorld(rank, size));
  if (provided < MPI_THREAD_SERIALIZED) {
    fmt::print(stderr, "error: this MPI library does not allow calls from several threads\n");
    world->abort(2);
  }
  return world;
}

MpiWorld::~MpiWorld() {
  MPI_Finalize();
}

void MpiWorld::send(std::uint64_t value, int to, int tag) {
  const std::lock_guard lock(m_mutex);
  MPI_Send(&value, 1, MPI_UINT64_T, to, tag, MPI_COMM_WORLD);
}

std::uint64_t MpiWorld::receive(int from, int tag, int& source, int& got_tag) {
  std::uint64_t value = 0;
  MPI_Request request = MPI_REQUEST_NULL;
  {
    const std::lock_guard lock(m_mutex);
    MPI_Irecv(&value, 1, MPI_UINT64_T, from, tag, MPI_COMM_WORLD, &request);
  }
  MPI_Status status;
  wait(request, &status);
  source = status.MPI_SOURCE;
  got_tag = status.MPI_TAG;
  return value;
}

void MpiWorld::barrier() {
  MPI_Request request = MPI_REQUEST_NULL;
  {
    const std::lock_guard lock(m_mutex);
    MPI_Ibarrier(MPI_COMM_WORLD, &request);
  }
  wait(request, MPI_STATUS_IGNORE);
}

void MpiWorld::abort(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);  // NOLINT(concurrency-mt-unsafe): MPI_Abort does not return in practice
}

void MpiWorld::wait(MPI_Request& request, MPI_Status* status) {
  for (;;) {
    int done = 0;
    {
      const std::lock_guard lock(m_mutex);
      MPI_Test(&request, &done, status);
    }
    if (done != 0) return;
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace mn::sim::cli
