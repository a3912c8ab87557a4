#include "core/runtime/message.h"

#include <sodium.h>

namespace mn::runtime {

MessagePtr make_message(MessageKind kind, Bytes payload) {
  auto message = std::make_shared<Message>();
  message->kind = kind;
  message->payload = std::move(payload);
  const std::uint8_t kind_le[2] = {static_cast<std::uint8_t>(kind & 0xff),
                                   static_cast<std::uint8_t>(kind >> 8)};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, message->id.size());
  crypto_generichash_update(&state, kind_le, sizeof kind_le);
  crypto_generichash_update(&state, message->payload.data(), message->payload.size());
  crypto_generichash_final(&state, message->id.data(), message->id.size());
  return message;
}

}  // namespace mn::runtime
