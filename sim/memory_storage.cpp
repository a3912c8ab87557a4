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
  return std::lower_bound(m_appended.begin(), m_appended.end(), key,
                          [](const Entry& entry, const std::string& k) { return entry.first < k; });
}

const MemoryStorage::Value* MemoryStorage::find(const std::string& key) const {
  if (const auto it = lower_bound(key); it != m_appended.end() && it->first == key)
    return &it->second;
  if (const auto it = m_scattered.find(key); it != m_scattered.end()) return &it->second;
  return nullptr;
}

std::optional<MemoryStorage::Value> MemoryStorage::set(std::string key,
                                                       std::optional<Value> value) {
  // A key past the last appended one (a node's next block) is new: appended without a search.
  if ((m_appended.empty() || m_appended.back().first < key) && !m_scattered.contains(key)) {
    if (value) m_appended.emplace_back(std::move(key), std::move(*value));
    return std::nullopt;
  }
  const auto at = m_appended.begin() + (lower_bound(key) - m_appended.cbegin());
  if (at != m_appended.end() && at->first == key) {
    Value previous = at->second;
    if (value) {
      at->second = std::move(*value);
    } else {
      m_appended.erase(at);
    }
    return previous;
  }
  const auto it = m_scattered.find(key);
  std::optional<Value> previous;
  if (it != m_scattered.end()) previous = it->second;
  if (value && it != m_scattered.end()) {
    it->second = std::move(*value);
  } else if (value) {
    m_scattered.emplace(std::move(key), std::move(*value));
  } else if (it != m_scattered.end()) {
    m_scattered.erase(it);
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
  const Value* value = find(to_string(key));
  if (value == nullptr) return runtime::Status(runtime::ErrorCode::kNotFound, "no such key");
  return **value;
}

runtime::Status MemoryStorage::scan(
    runtime::ByteView prefix,
    const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const {
  const std::string start = to_string(prefix);
  const auto in_prefix = [&start](const std::string& key) {
    return key.compare(0, start.size(), start) == 0;
  };
  auto appended = lower_bound(start);
  auto scattered = m_scattered.lower_bound(start);
  for (;;) {
    const bool from_appended = appended != m_appended.end() && in_prefix(appended->first);
    const bool from_scattered = scattered != m_scattered.end() && in_prefix(scattered->first);
    if (!from_appended && !from_scattered) break;
    bool keep_going = false;
    if (from_appended && (!from_scattered || appended->first < scattered->first)) {
      keep_going = visit(view(appended->first), *appended->second);
      ++appended;
    } else {
      keep_going = visit(view(scattered->first), *scattered->second);
      ++scattered;
    }
    if (!keep_going) break;
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
