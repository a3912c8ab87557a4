#include "sim/memory_storage.h"

namespace mn::sim {

namespace {
std::string to_string(runtime::ByteView v) {
  return {reinterpret_cast<const char*>(v.data()), v.size()};
}
runtime::ByteView view(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

runtime::Status MemoryStorage::put(runtime::ByteView key, runtime::ByteView value) {
  m_visible[to_string(key)] = to_string(value);
  m_journal.emplace_back(to_string(key), to_string(value));
  return runtime::Status::ok();
}

runtime::Status MemoryStorage::erase(runtime::ByteView key) {
  m_visible.erase(to_string(key));
  m_journal.emplace_back(to_string(key), std::nullopt);
  return runtime::Status::ok();
}

runtime::Result<runtime::Bytes> MemoryStorage::get(runtime::ByteView key) const {
  auto it = m_visible.find(to_string(key));
  if (it == m_visible.end()) return runtime::Status(runtime::ErrorCode::kNotFound, "no such key");
  const runtime::ByteView value = view(it->second);
  return runtime::Bytes(value.begin(), value.end());
}

runtime::Status MemoryStorage::scan(
    runtime::ByteView prefix,
    const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const {
  const std::string start = to_string(prefix);
  for (auto it = m_visible.lower_bound(start); it != m_visible.end(); ++it) {
    if (it->first.compare(0, start.size(), start) != 0) break;
    if (!visit(view(it->first), view(it->second))) break;
  }
  return runtime::Status::ok();
}

runtime::Status MemoryStorage::sync() {
  for (auto& [key, value] : m_journal) {
    if (value) {
      m_durable[key] = std::move(*value);
    } else {
      m_durable.erase(key);
    }
  }
  m_journal.clear();
  return runtime::Status::ok();
}

void MemoryStorage::crash() {
  m_journal.clear();
  m_visible = m_durable;
}

}  // namespace mn::sim
