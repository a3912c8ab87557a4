// PoolRefusal: why the pool turned an insert or a cancel down. Each reason is external input
// judged bad, never a crash; callers use it for peer scoring and for the client's answer.
#pragma once

#include <cstdint>

namespace mn::auction {

enum class PoolRefusal : std::uint8_t {
  kNone = 0,
  kInvalidEntry,            // zero or too much gas, fee rate under the minimum, bad enum value
  kDuplicate,               // the txid is already in the pool
  kNonceTooLow,             // nonce below the sender's next expected nonce
  kUnderpricedReplacement,  // same sender and nonce, but a fee field not bumped enough
  kSenderSlotsFull,         // the sender already holds sender_slots_max entries
  kPoolFull,                // pool full and the entry ranks below every entry it may evict
  kNotFound,                // cancel of a (sender, nonce) the pool does not hold
};

const char* pool_refusal_name(PoolRefusal refusal);

}  // namespace mn::auction
