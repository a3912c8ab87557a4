// The simulator's Storage: an ordered in-memory map with a journal of unsynced writes. crash()
// throws the journal away, so exactly the writes made after the last sync() are lost — the
// failure a real disk gives a process killed between write() and fsync().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime/storage.h"

namespace mn::sim {

class MemoryStorage final : public runtime::Storage {
 public:
  runtime::Status put(runtime::ByteView key, runtime::ByteView value) override;
  runtime::Status erase(runtime::ByteView key) override;
  runtime::Result<runtime::Bytes> get(runtime::ByteView key) const override;
  runtime::Status scan(
      runtime::ByteView prefix,
      const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const override;
  runtime::Status sync() override;

  // Simulated power loss: the visible state reverts to what was last synced.
  void crash();
  std::size_t unsynced_writes() const { return m_journal.size(); }

 private:
  // std::string keys order bytewise (char_traits compares as unsigned char), as Storage promises.
  using Map = std::map<std::string, std::string>;
  Map m_visible;
  Map m_durable;
  // Writes since the last sync, in order; nullopt marks an erase.
  std::vector<std::pair<std::string, std::optional<std::string>>> m_journal;
};

}  // namespace mn::sim
