// The simulator's Storage: an ordered in-memory map with an undo journal of unsynced writes.
// The map is a sorted vector: every node of a large run appends a block per height, and an append
// to a vector touches one cache line where a tree insertion rebalances cold nodes. A write before
// the last key shifts every entry after it: the forced-inclusion acks ("chain/acked_poe/…") sort
// before the blocks, so each one moves all of a node's stored blocks — cheap at today's run
// lengths, linear in the chain's length on a long run with many PoEs.
// crash() rolls the journal back, so exactly the writes made after the last sync() are lost — the
// failure a real disk gives a process killed between write() and fsync(). Values are immutable
// and shared, so put_shared() of a block that 10,000 nodes store keeps one copy.
#pragma once

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
  // The first entry whose key is not less than `key`.
  std::vector<Entry>::const_iterator lower_bound(const std::string& key) const;
  // Sets `key` to `value` (nullopt erases), journaling what it replaces.
  void write(runtime::ByteView key, std::optional<Value> value);

  // Sorted by key, unique keys. std::string keys order bytewise (char_traits compares as unsigned
  // char), as Storage promises.
  std::vector<Entry> m_entries;
  // Per unsynced write, in order: the key and the value it replaced (nullopt: it was absent).
  std::vector<std::pair<std::string, std::optional<Value>>> m_undo;
};

}  // namespace mn::sim
