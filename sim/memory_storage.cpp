#include "sim/memory_storage.h"

#include <algorithm>
#include <utility>

#include "core/runtime/assert.h"

namespace mn::sim {

namespace {
std::string_view text(runtime::ByteView v) {
  return {reinterpret_cast<const char*>(v.data()), v.size()};
}
runtime::ByteView bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

MemoryStorage::AppendedEntry::AppendedEntry(std::string_view key, Value v)
    : key_size(static_cast<std::uint8_t>(key.size())), value(std::move(v)) {
  MN_ASSERT(key.size() <= kMaxKey);
  std::copy(key.begin(), key.end(), key_bytes.begin());
}

std::vector<MemoryStorage::AppendedEntry>::const_iterator MemoryStorage::lower_bound(
    std::string_view key) const {
  return std::lower_bound(
      m_appended.begin(), m_appended.end(), key,
      [](const AppendedEntry& entry, std::string_view k) { return entry.key() < k; });
}

const MemoryStorage::Value* MemoryStorage::find(std::string_view key) const {
  if (const auto it = lower_bound(key); it != m_appended.end() && it->key() == key)
    return &it->value;
  if (const auto it = m_scattered.find(key); it != m_scattered.end()) return &it->second;
  return nullptr;
}

std::optional<MemoryStorage::Value> MemoryStorage::set(std::string_view key,
                                                       std::optional<Value> value) {
  // A key past the last appended one (a node's next block) is new: appended without a search.
  if (key.size() <= AppendedEntry::kMaxKey &&
      (m_appended.empty() || m_appended.back().key() < key) && !m_scattered.contains(key)) {
    if (value) m_appended.emplace_back(key, std::move(*value));
    return std::nullopt;
  }
  const auto at = m_appended.begin() + (lower_bound(key) - m_appended.cbegin());
  if (at != m_appended.end() && at->key() == key) {
    Value previous = at->value;
    if (value) {
      at->value = std::move(*value);
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
    m_scattered.emplace(key, std::move(*value));
  } else if (it != m_scattered.end()) {
    m_scattered.erase(it);
  }
  return previous;
}

void MemoryStorage::write(runtime::ByteView key, std::optional<Value> value) {
  std::optional<Value> previous = set(text(key), std::move(value));
  m_undo_keys.append(text(key));
  m_undo.emplace_back(m_undo_keys.size(), std::move(previous));
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
  const Value* value = find(text(key));
  if (value == nullptr) return runtime::Status(runtime::ErrorCode::kNotFound, "no such key");
  return **value;
}

runtime::Status MemoryStorage::scan(
    runtime::ByteView prefix,
    const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const {
  const std::string_view start = text(prefix);
  auto appended = lower_bound(start);
  auto scattered = m_scattered.lower_bound(start);
  for (;;) {
    const bool from_appended = appended != m_appended.end() && appended->key().starts_with(start);
    const bool from_scattered =
        scattered != m_scattered.end() && scattered->first.starts_with(start);
    if (!from_appended && !from_scattered) break;
    bool keep_going = false;
    if (from_appended && (!from_scattered || appended->key() < scattered->first)) {
      keep_going = visit(bytes(appended->key()), *appended->value);
      ++appended;
    } else {
      keep_going = visit(bytes(scattered->first), *scattered->second);
      ++scattered;
    }
    if (!keep_going) break;
  }
  return runtime::Status::ok();
}

runtime::Status MemoryStorage::sync() {
  m_undo.clear();
  m_undo_keys.clear();
  return runtime::Status::ok();
}

void MemoryStorage::crash() {
  for (std::size_t i = m_undo.size(); i-- > 0;) {
    const std::size_t begin = i == 0 ? 0 : m_undo[i - 1].first;
    const std::string_view key =
        std::string_view(m_undo_keys).substr(begin, m_undo[i].first - begin);
    set(key, std::move(m_undo[i].second));
  }
  m_undo.clear();
  m_undo_keys.clear();
}

}  // namespace mn::sim
