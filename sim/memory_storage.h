// The simulator's Storage: an ordered in-memory map with an undo journal of unsynced writes.
// Keys that arrive in increasing order — every node of a large run appends a block per height —
// go to a sorted vector of entries holding their keys inline, where an append touches one cache
// line where a tree insertion rebalances cold nodes. Any other new key (a forced-inclusion ack,
// "chain/acked_poe/…", sorts before the blocks and is too long to hold inline) goes to a small
// ordered map beside it, so it never shifts the stored blocks. A key lives in exactly one of the
// two; reads and scans merge them.
// crash() rolls the journal back, so exactly the writes made after the last sync() are lost — the
// failure a real disk gives a process killed between write() and fsync(). Values are immutable
// and shared, so put_shared() of a block that 10,000 nodes store keeps one copy.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
  // An appended entry holds its key inline, so an append compares with the last key without a
  // second cold load, and an entry is 40 bytes. A longer key goes to the map.
  struct AppendedEntry {
    static constexpr std::size_t kMaxKey = 23;
    std::array<char, kMaxKey> key_bytes{};
    std::uint8_t key_size = 0;
    Value value;

    AppendedEntry(std::string_view key, Value v);
    std::string_view key() const { return {key_bytes.data(), key_size}; }
  };

  // Sets `key` to `value` (nullopt erases) and returns the value it replaced (nullopt: absent).
  std::optional<Value> set(std::string_view key, std::optional<Value> value);
  // The first appended entry whose key is not less than `key`.
  std::vector<AppendedEntry>::const_iterator lower_bound(std::string_view key) const;
  // The value stored under `key`, or nullptr.
  const Value* find(std::string_view key) const;
  // Sets `key` to `value` (nullopt erases), journaling what it replaces.
  void write(runtime::ByteView key, std::optional<Value> value);

  // Both sorted by key; no key is in both. Keys order bytewise (char_traits<char> compares as
  // unsigned char), as Storage promises.
  std::vector<AppendedEntry> m_appended;
  std::map<std::string, Value, std::less<>> m_scattered;
  // Per unsynced write, in order: where its key ends in m_undo_keys, and the value it replaced
  // (nullopt: it was absent). The keys share one buffer that sync() empties but keeps, so a
  // journaled write allocates nothing once the buffer has grown.
  std::string m_undo_keys;
  std::vector<std::pair<std::size_t, std::optional<Value>>> m_undo;
};

}  // namespace mn::sim
