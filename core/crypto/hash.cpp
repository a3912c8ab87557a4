#include "core/crypto/hash.h"

#include <sodium.h>

namespace mn::crypto {

runtime::Hash32 blake2b_256(runtime::ByteView data) {
  runtime::Hash32 out{};
  crypto_generichash(out.data(), out.size(), data.data(), data.size(), nullptr, 0);
  return out;
}

runtime::Hash32 sha256(runtime::ByteView data) {
  static_assert(crypto_hash_sha256_BYTES == sizeof(runtime::Hash32));
  runtime::Hash32 out{};
  crypto_hash_sha256(out.data(), data.data(), data.size());
  return out;
}

}  // namespace mn::crypto
