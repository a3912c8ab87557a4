// The simulator's Storage: an ordered in-memory map with an undo journal of unsynced writes.
// Keys that arrive in increasing order — every node of a large run appends a block per height —
// go to a sorted vector, where an append touches one cache line where a tree insertion rebalances
// cold nodes. Any other new key (a forced-inclusion ack, "chain/acked_poe/…", sorts before the
// blocks) goes to a small ordered map beside it, so it never shifts the stored blocks. A key lives
// in exactly one of the two; reads and scans merge them.
// crash() rolls the journal back, so exactly the writes made after the last sync() are lost — the
// failure a real disk gives a process killed between write() and fsync(). Values are immutable
// and shared, so put_shared() of a block that 10,000 nodes store keeps one copy.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime/storage.h"

namespace mn::sim {

class MemoryStorage final : public runtime::Storage {
 public:
  runtime::Status put(runtime::ByteView key, runtime::ByteView value) override;
  runtime::Status put_shared(runtime::ByteView key,
                             const std::shared_ptr<const runtime::Bytes>& value) override;
  runtime::Status erase(runtime::ByteView key) override;
  runtime::Result<runtime::Bytes> get(runtime::ByteView key) const override;
  runtime::Status scan(
      runtime::ByteView prefix,
      const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const override;
  runtime::Status sync() override;

  // Simulated power loss: the visible state reverts to what was last synced.
  void crash();
  std::size_t unsynced_writes() const { return m_undo.size(); }

 private:
  using Value = std::shared_ptr<const runtime::Bytes>;
  using Entry = std::pair<std::string, Value>;
  // Sets `key` to `value` (nullopt erases) and returns the value it replaced (nullopt: absent).
  std::optional<Value> set(std::string key, std::optional<Value> value);
  // The first appended entry whose key is not less than `key`.
  std::vector<Entry>::const_iterator lower_bound(const std::string& key) const;
  // The value stored under `key`, or nullptr.
  const Value* find(const std::string& key) const;
  // Sets `key` to `value` (nullopt erases), journaling what it replaces.
  void write(runtime::ByteView key, std::optional<Value> value);

  // Both sorted by key; no key is in both. std::string keys order bytewise (char_traits compares
  // as unsigned char), as Storage promises.
  std::vector<Entry> m_appended;
  std::map<std::string, Value, std::less<>> m_scattered;
  // Per unsynced write, in order: the key and the value it replaced (nullopt: it was absent).
  std::vector<std::pair<std::string, std::optional<Value>>> m_undo;
};

}  // namespace mn::sim
