// The durable last-signed record that makes a validator unable to double-sign, even across a
// crash: before any signed consensus message leaves, the (step, height, round, subject) it
// commits to is written and synced; a later request to sign something that conflicts with the
// record (same step and round, other subject; or an older round) is refused.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "core/consensus/vote.h"
#include "core/runtime/storage.h"

namespace mn::consensus {

class SignGuard {
 public:
  explicit SignGuard(runtime::Storage& storage) : m_storage(storage) {}

  // Reads the records left by an earlier incarnation.
  runtime::Status load();
  // True if signing (step, height, round, subject) is safe; the record is then durable.
  [[nodiscard]] bool permit(Step step, std::uint64_t height, std::uint32_t round,
                            const runtime::Hash32& subject);
  // The highest round signed at `height` in any step, if any (a restarted validator resumes there).
  std::optional<std::uint32_t> highest_round(std::uint64_t height) const;

 private:
  struct Record {
    std::uint64_t height = 0;
    std::uint32_t round = 0;
    runtime::Hash32 subject{};
  };
  static constexpr std::size_t kSteps = 5;

  runtime::Storage& m_storage;
  std::array<std::optional<Record>, kSteps> m_records;
};

}  // namespace mn::consensus
