#include "core/consensus/sign_guard.h"

#include <string>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

namespace {

runtime::Bytes key_for(std::size_t step) {
  const std::string key = "consensus/last_signed/" + std::to_string(step);
  return {key.begin(), key.end()};
}

}  // namespace

runtime::Status SignGuard::load() {
  for (std::size_t step = 1; step < kSteps; ++step) {
    auto value = m_storage.get(key_for(step));
    if (!value) {
      if (value.status().code() == runtime::ErrorCode::kNotFound) continue;
      return value.status();
    }
    codec::Reader r(*value);
    Record record;
    auto height = r.read_u64();
    auto round = r.read_u32();
    if (!height || !round || !r.read_fixed(record.subject).is_ok() || !r.finish().is_ok()) {
      return runtime::Status(runtime::ErrorCode::kIoError, "corrupt last-signed record");
    }
    record.height = *height;
    record.round = *round;
    m_records[step] = record;
  }
  return runtime::Status::ok();
}

bool SignGuard::permit(Step step, std::uint64_t height, std::uint32_t round,
                       const runtime::Hash32& subject) {
  const auto index = static_cast<std::size_t>(step);
  MN_ASSERT(index > 0 && index < kSteps);
  auto& record = m_records[index];
  if (record) {
    const bool older =
        height < record->height || (height == record->height && round < record->round);
    const bool same_slot = height == record->height && round == record->round;
    if (older) return false;
    if (same_slot) return subject == record->subject;
  }
  codec::Writer w;
  w.write_u64(height);
  w.write_u32(round);
  w.write_fixed(subject);
  // Durable before the signature can leave: a crash after this point cannot make us forget.
  if (!m_storage.put(key_for(index), w.view()).is_ok() || !m_storage.sync().is_ok()) return false;
  record = Record{height, round, subject};
  return true;
}

std::optional<std::uint32_t> SignGuard::highest_round(std::uint64_t height) const {
  std::optional<std::uint32_t> best;
  for (const auto& record : m_records) {
    if (record && record->height == height && (!best || record->round > *best))
      best = record->round;
  }
  return best;
}

}  // namespace mn::consensus
