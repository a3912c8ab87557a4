#include "core/auction/pool_refusal.h"

namespace mn::auction {

const char* pool_refusal_name(PoolRefusal refusal) {
  switch (refusal) {
    case PoolRefusal::kNone:
      return "none";
    case PoolRefusal::kInvalidEntry:
      return "invalid_entry";
    case PoolRefusal::kDuplicate:
      return "duplicate";
    case PoolRefusal::kNonceTooLow:
      return "nonce_too_low";
    case PoolRefusal::kUnderpricedReplacement:
      return "underpriced_replacement";
    case PoolRefusal::kSenderSlotsFull:
      return "sender_slots_full";
    case PoolRefusal::kPoolFull:
      return "pool_full";
    case PoolRefusal::kNotFound:
      return "not_found";
  }
  return "unknown";
}

}  // namespace mn::auction
