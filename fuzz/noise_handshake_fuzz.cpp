// The Noise XX handshake (node/noise) against a peer that sends arbitrary messages (format in
// noise_fuzz_support.h): the local side writes its own messages when its turn comes and reads the
// peer's; once complete it splits and decrypts the remaining messages as transport ciphertexts.
// Properties: no crash; a failed read or write ends the handshake for good (every later call
// fails); a completed handshake splits; a decrypted transport message is shorter than its
// ciphertext by exactly the tag.
#include <cstdint>
#include <optional>

#include "fuzz/fuzz_support.h"
#include "fuzz/noise_fuzz_support.h"
#include "node/noise/cipher_state.h"

namespace {

using mn::runtime::ByteView;
namespace noise = mn::node::noise;

// The next length-prefixed message of `input`, or nullopt when it runs out.
std::optional<ByteView> next_message(ByteView& input) {
  if (input.size() < 2) return std::nullopt;
  const std::size_t length = (std::size_t{input[0]} << 8) | input[1];
  if (input.size() - 2 < length) return std::nullopt;
  const ByteView message = input.subspan(2, length);
  input = input.subspan(2 + length);
  return message;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const noise::Role local_role =
      (mode & 1) != 0 ? noise::Role::kInitiator : noise::Role::kResponder;
  noise::HandshakeState local = mn::fuzz::noise_side(local_role, mode);
  ByteView input(data + 1, size - 1);
  const mn::runtime::Bytes payload = {'l', 'o', 'c', 'a', 'l'};

  while (!local.is_complete() && !local.has_failed()) {
    if (local.is_write_turn()) {
      // A write fails only on a low-order key the peer sent (message 1 carries no DH, so the
      // responder meets it when it writes message 2); the handshake is then over.
      if (!local.write_message(payload)) {
        MN_FUZZ_CHECK(local.has_failed() && !local.split().is_ok());
        return 0;
      }
      continue;
    }
    auto message = next_message(input);
    if (!message) return 0;
    if (!local.read_message(*message)) {
      MN_FUZZ_CHECK(local.has_failed());
      MN_FUZZ_CHECK(!local.write_message(payload).is_ok());
      MN_FUZZ_CHECK(!local.read_message(*message).is_ok());
      MN_FUZZ_CHECK(!local.split().is_ok());
      return 0;
    }
  }
  MN_FUZZ_CHECK(local.is_complete() && local.remote_static_key().has_value());
  auto ciphers = local.split();
  MN_FUZZ_CHECK(ciphers.is_ok());
  while (auto message = next_message(input)) {
    const std::uint64_t nonce = ciphers->receive.nonce();
    auto plaintext = ciphers->receive.decrypt_with_ad({}, *message);
    if (plaintext) {
      MN_FUZZ_CHECK(plaintext->size() + noise::kTagLen == message->size());
      MN_FUZZ_CHECK(ciphers->receive.nonce() == nonce + 1);
    } else {
      MN_FUZZ_CHECK(ciphers->receive.nonce() == nonce);
    }
  }
  return 0;
}
