// The MPI job a sweep runs in when Open MPI's mpirun started it (docs/sweeps.md). metasim calls
// MPI only then, so a plain `metasim sweep` never initialises MPI. Waits poll with short sleeps
// rather than MPI's own busy-waiting: a rank waiting for a reply or for its peers leaves the core
// to the ranks still running (mpirun --oversubscribe on a small machine). Every MPI call of the
// process goes through one mutex (MPI_THREAD_SERIALIZED): sweep worker threads call MPI too.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include <mpi.h>

#include "core/runtime/result.h"

namespace mn::sim::cli {

class MpiWorld {
 public:
  // True when Open MPI's launcher started this process (it sets OMPI_COMM_WORLD_SIZE).
  static bool launched();

  static runtime::Result<std::unique_ptr<MpiWorld>> init();
  ~MpiWorld();  // MPI_Finalize
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  int rank() const { return m_rank; }
  int size() const { return m_size; }

  // Point-to-point messages of one unsigned 64-bit value, each call under the MPI mutex.
  void send(std::uint64_t value, int to, int tag);
  // Waits for a message from `from` (MPI_ANY_SOURCE for anyone) with `tag` (MPI_ANY_TAG);
  // returns its value and sets `source` and `got_tag` from its envelope.
  std::uint64_t receive(int from, int tag, int& source, int& got_tag);

  void barrier();
  // Ends every rank of the job with `code` (a rank that cannot go on must not leave the others
  // waiting for it).
  [[noreturn]] void abort(int code);

 private:
  MpiWorld(int rank, int size) : m_rank(rank), m_size(size) {}
  // Polls `request` until it completes, releasing the MPI mutex between polls.
  void wait(MPI_Request& request, MPI_Status* status);

  int m_rank;
  int m_size;
  std::mutex m_mutex;
};

}  // namespace mn::sim::cli
