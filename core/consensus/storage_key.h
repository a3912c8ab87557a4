// Keys of the records a chain node keeps in its storage: a readable prefix per kind of record
// ("chain/block/", "chain/acked_poe/") and a binary suffix, so one prefix scan reads one kind.
#pragma once

#include <string_view>

#include "core/runtime/types.h"

namespace mn::consensus {

inline runtime::Bytes storage_key(std::string_view prefix, runtime::ByteView suffix) {
  runtime::Bytes key;
  key.reserve(prefix.size() + suffix.size());
  for (const char c : prefix) key.push_back(static_cast<std::uint8_t>(c));
  key.insert(key.end(), suffix.begin(), suffix.end());
  return key;
}

}  // namespace mn::consensus
