#include "sim/memory_storage.h"

#include <algorithm>
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

std::vector<MemoryStorage::Entry>::const_iterator MemoryStorage::lower_bound(
    const std::string& key) const {
  return std::lower_bound(m_entries.begin(), m_entries.end(), key,
                          [](const Entry& entry, const std::string& k) { return entry.first < k; });
}

std::optional<MemoryStorage::Value> MemoryStorage::set(std::string key,
                                                       std::optional<Value> value) {
  // Blocks come at increasing heights, so a key past the last one (a node's next block) is
  // appended without a search.
  if (m_entries.empty() || m_entries.back().first < key) {
    if (value) m_entries.emplace_back(std::move(key), std::move(*value));
    return std::nullopt;
  }
  const auto it = m_entries.begin() + (lower_bound(key) - m_entries.cbegin());
  const bool present = it != m_entries.end() && it->first == key;
  std::optional<Value> previous;
  if (present) previous = it->second;
  if (value && present) {
    it->second = std::move(*value);
  } else if (value) {
    m_entries.emplace(it, std::move(key), std::move(*value));
  } else if (present) {
    m_entries.erase(it);
  }
  return previous;
}

void MemoryStorage::write(runtime::ByteView key, std::optional<Value> value) {
  std::string k = to_string(key);
  std::optional<Value> previous = set(k, std::move(value));
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
  const std::string k = to_string(key);
  const auto it = lower_bound(k);
  if (it == m_entries.end() || it->first != k)
    return runtime::Status(runtime::ErrorCode::kNotFound, "no such key");
  return *it->second;
}

runtime::Status MemoryStorage::scan(
    runtime::ByteView prefix,
    const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const {
  const std::string start = to_string(prefix);
  for (auto it = lower_bound(start); it != m_entries.end(); ++it) {
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
  for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it)
    set(std::move(it->first), std::move(it->second));
  m_undo.clear();
}

}  // namespace mn::sim
