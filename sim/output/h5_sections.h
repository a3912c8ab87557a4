// Helpers for the writers of run.h5's sections (sim/output/run_output.cpp and the oracles that own
// a section): a chain of write steps that keeps the first failure, and column extractors over
// report records.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/runtime/result.h"

namespace mn::sim {

// Runs each step until one fails; the first failure is the result.
class StatusChain {
 public:
  StatusChain& operator<<(runtime::Status s) {
    if (m_status.is_ok()) m_status = std::move(s);
    return *this;
  }
  runtime::Status status() const { return m_status; }

 private:
  runtime::Status m_status;
};

// A u64 column of `records`, one value per record.
template <class Record, class Field>
std::vector<std::uint64_t> u64_column(const std::vector<Record>& records, Field field) {
  std::vector<std::uint64_t> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back(static_cast<std::uint64_t>(r.*field));
  return out;
}

// The `time` field of `records`, in seconds.
template <class Record>
std::vector<double> seconds_column(const std::vector<Record>& records) {
  std::vector<double> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back(static_cast<double>(r.time) / 1e9);
  return out;
}

}  // namespace mn::sim
