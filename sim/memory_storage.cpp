#include "sim/memory_storage.h"

#include <utility>

namespace mn::sim {

namespace {
std::string to_string(runtime::ByteView v) {
  return {reinterpret_cast<const char*>(v.data()), v.size()};
}
runtime::ByteView view(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

void MemoryStorage::write(runtime::ByteView key, std::optional<Value> value) {
  std::string k = to_string(key);
  // One descent of the tree serves the journal, the update and the insertion: every node of a
  // large run stores every block, so this is on the hot path. Blocks come at increasing heights,
  // so a key past the last one (a full node's next block) is appended without a descent.
  const auto it = !m_map.empty() && m_map.rbegin()->first < k ? m_map.end() : m_map.lower_bound(k);
  const bool present = it != m_map.end() && it->first == k;
  std::optional<Value> previous;
  if (present) previous = it->second;
  if (value && present) {
    it->second = std::move(*value);
  } else if (value) {
    m_map.emplace_hint(it, k, std::move(*value));
  } else if (present) {
    m_map.erase(it);
  }
  m_undo.emplace_back(std::move(k), std::move(previous));
}

runtime::Status MemoryStorage::put(runtime::ByteView key, runtime::ByteView value) {
  write(key, std::make_shared<const runtime::Bytes>(value.begin(), value.end()));
  return runtime::Status::ok();
}

runtime::Status MemoryStorage::put_shared(runtime::ByteView key,
                                          const std::shared_ptr<const runtime::Bytes>& value) {
  write(key, value);
  return runtime::Status::ok();
}

runtime::Status MemoryStorage::erase(runtime::ByteView key) {
  write(key, std::nullopt);
  return runtime::Status::ok();
}

runtime::Result<runtime::Bytes> MemoryStorage::get(runtime::ByteView key) const {
  auto it = m_map.find(to_string(key));
  if (it == m_map.end()) return runtime::Status(runtime::ErrorCode::kNotFound, "no such key");
  return *it->second;
}

runtime::Status MemoryStorage::scan(
    runtime::ByteView prefix,
    const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const {
  const std::string start = to_string(prefix);
  for (auto it = m_map.lower_bound(start); it != m_map.end(); ++it) {
    if (it->first.compare(0, start.size(), start) != 0) break;
    if (!visit(view(it->first), *it->second)) break;
  }
  return runtime::Status::ok();
}

runtime::Status MemoryStorage::sync() {
  m_undo.clear();
  return runtime::Status::ok();
}

void MemoryStorage::crash() {
  for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it) {
    if (it->second) {
      m_map.insert_or_assign(it->first, std::move(*it->second));
    } else {
      m_map.erase(it->first);
    }
  }
  m_undo.clear();
}

}  // namespace mn::sim
