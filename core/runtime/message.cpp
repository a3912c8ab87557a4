#include "core/runtime/message.h"

#include <sodium.h>

namespace mn::runtime {

void Message::compute_id() const {
  std::uint8_t expected = kIdAbsent;
  if (!m_id_state.compare_exchange_strong(expected, kIdComputing, std::memory_order_acquire)) {
    // Another thread is hashing it, which takes microseconds.
    while (m_id_state.load(std::memory_order_acquire) != kIdReady) {
    }
    return;
  }
  const std::uint8_t kind_le[2] = {static_cast<std::uint8_t>(kind & 0xff),
                                   static_cast<std::uint8_t>(kind >> 8)};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, m_id.size());
  crypto_generichash_update(&state, kind_le, sizeof kind_le);
  crypto_generichash_update(&state, payload.data(), payload.size());
  crypto_generichash_final(&state, m_id.data(), m_id.size());
  m_id_state.store(kIdReady, std::memory_order_release);
}

MessagePtr make_message(MessageKind kind, Bytes payload) {
  return std::make_shared<const Message>(kind, std::move(payload));
}

}  // namespace mn::runtime
