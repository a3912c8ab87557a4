// The journal of a sweep: every process running runs of one sweep output (the one process of a
// plain sweep, or each MPI rank) appends each finished run to its own file in the journal folder
// (FILE.journal/ next to FILE.h5), one JSON line per run, flushed as soon as the run ends. A
// process killed mid-sweep therefore loses only the runs it was executing, `--resume` reruns
// exactly the runs missing from the journal (and those that could not run), and the results
// table is built from the journal, so a resumed sweep writes the same table as an uninterrupted
// one. Results round-trip exactly: numbers are written in their shortest exact form.
#pragma once

#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

#include "core/runtime/result.h"
#include "sim/sweep/sweep_runner.h"
#include "sim/sweep/sweep_spec.h"

namespace mn::sim {

// FILE.h5 -> FILE.journal: where the journal of the sweep writing FILE.h5 goes.
std::string journal_dir_for(const std::string& out_path);

// One process's journal file. Not thread-safe: append from one thread at a time.
class SweepJournal {
 public:
  // Creates `dir` if needed and a new file in it named after this host and process, whose first
  // line identifies the sweep (its canonical JSON and base scenario).
  static runtime::Result<SweepJournal> create(const std::string& dir, const SweepSpec& spec);

  // Writes `result` as one line and flushes it to the operating system.
  runtime::Status append(const SweepRunResult& result);

  const std::string& path() const { return m_path; }

 private:
  SweepJournal(std::string path, std::ofstream file);

  std::string m_path;
  std::ofstream m_file;
};

struct JournalContents {
  // The best result recorded for each run, ordered by run_index: a run recorded more than once
  // (it could not run, then ran on resume) keeps a result that ran ("pass" or "fail").
  std::vector<SweepRunResult> results;
  // Lines that could not be read: a process killed while writing leaves its last line cut off.
  std::size_t unreadable_lines = 0;
};

// Reads every journal file in `dir` (none when `dir` does not exist). kInvalidArgument if a file
// belongs to another sweep (the sweep file or its base scenario changed since it was written).
runtime::Result<JournalContents> read_sweep_journal(const std::string& dir, const SweepSpec& spec);

}  // namespace mn::sim
