// Tunables of the consensus engine, with the defaults the scenarios start from.
#pragma once

#include <cstdint>

#include "core/runtime/types.h"

namespace mn::consensus {

struct ConsensusConfig {
  // Minimum time between a block's commit and the next proposal.
  runtime::TimeNs block_interval = 1 * runtime::kNsPerSec;
  // Round-0 timeout; round r waits round_timeout × 2^r, capped at round_timeout_max, plus the
  // latency adaptation (not capped).
  runtime::TimeNs round_timeout = 1 * runtime::kNsPerSec;
  runtime::TimeNs round_timeout_max = 60 * runtime::kNsPerSec;
  // When the observed time from round start to commit exceeds this, timeouts grow by twice the
  // observed latency (seed 003: "latency > 500 ms increases timeouts").
  runtime::TimeNs slow_latency_threshold = 500 * runtime::kNsPerMs;
  // Messages for future heights kept until the node gets there.
  std::uint32_t max_buffered_messages = 4096;
  std::uint32_t max_buffered_blocks = 256;
};

}  // namespace mn::consensus
