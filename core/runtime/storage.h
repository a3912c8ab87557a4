// Durable key-value storage as a state machine sees it. Writes are buffered until sync(): only
// what was written before a successful sync() is guaranteed to survive a crash. The simulator's
// store drops unsynced writes on a simulated crash; the node's store is RocksDB with synced writes.
// Keys are ordered bytewise (for prefix scans). Single-threaded: called from the owning node only.
#pragma once

#include <functional>
#include <memory>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::runtime {

class Storage {
 public:
  virtual ~Storage() = default;

  virtual Status put(ByteView key, ByteView value) = 0;
  // As put(), for a value already held in shared immutable memory (a block as received): a store
  // that keeps values in memory (the simulator's) keeps this one without copying it. REQUIRES:
  // value != nullptr.
  virtual Status put_shared(ByteView key, const std::shared_ptr<const Bytes>& value) {
    return put(key, *value);
  }
  virtual Status erase(ByteView key) = 0;
  // Sees every write made so far, synced or not. kNotFound if absent.
  virtual Result<Bytes> get(ByteView key) const = 0;
  // Calls `visit(key, value)` for every key starting with `prefix`, in ascending key order, until
  // it returns false.
  virtual Status scan(ByteView prefix,
                      const std::function<bool(ByteView key, ByteView value)>& visit) const = 0;
  // Makes every earlier write durable. A caller that must not lose a write (the last-signed vote
  // record) calls this before acting on it.
  virtual Status sync() = 0;
};

}  // namespace mn::runtime
