// CancelRecord: a sender's request to drop its pending transaction at `nonce`. The pool takes it
// as already verified: the caller checks the sender's signature over the record before calling
// MxPool::cancel (signature checks are counted apart, SPEC 2.4). Plain value.
#pragma once

#include <cstdint>

#include "core/runtime/types.h"

namespace mn::auction {

struct CancelRecord {
  runtime::Hash32 sender{};
  std::uint64_t nonce = 0;
};

}  // namespace mn::auction
