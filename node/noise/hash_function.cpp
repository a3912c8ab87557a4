#include "node/noise/hash_function.h"

#include <algorithm>

#include <sodium.h>

#include "core/runtime/assert.h"

namespace mn::node::noise {
namespace {

constexpr std::size_t kBlake2bHashLen = 64;
constexpr std::size_t kBlake2bBlockLen = 128;
constexpr std::size_t kSha256HashLen = 32;
constexpr std::size_t kSha256BlockLen = 64;
constexpr std::size_t kMaxBlockLen = kBlake2bBlockLen;

static_assert(kBlake2bHashLen == kMaxHashLen);
static_assert(crypto_hash_sha256_BYTES == kSha256HashLen);
static_assert(crypto_generichash_BYTES_MAX >= kBlake2bHashLen);

}  // namespace

Digest::~Digest() {
  sodium_memzero(m_bytes.data(), m_bytes.size());
}

std::span<std::uint8_t> Digest::resize(std::size_t n) {
  MN_ASSERT(n <= kMaxHashLen);
  m_size = n;
  return {m_bytes.data(), n};
}

std::string_view HashFunction::name() const {
  return m_kind == HashKind::kBlake2b ? "BLAKE2b" : "SHA256";
}

std::size_t HashFunction::hash_len() const {
  return m_kind == HashKind::kBlake2b ? kBlake2bHashLen : kSha256HashLen;
}

std::size_t HashFunction::block_len() const {
  return m_kind == HashKind::kBlake2b ? kBlake2bBlockLen : kSha256BlockLen;
}

Digest HashFunction::hash(std::initializer_list<runtime::ByteView> parts) const {
  Digest out;
  // The states buffer input that may be key material (HMAC pads), hence the wipes.
  if (m_kind == HashKind::kBlake2b) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, kBlake2bHashLen);
    for (const runtime::ByteView part : parts) {
      crypto_generichash_update(&state, part.data(), part.size());
    }
    crypto_generichash_final(&state, out.resize(kBlake2bHashLen).data(), kBlake2bHashLen);
    sodium_memzero(&state, sizeof state);
  } else {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    for (const runtime::ByteView part : parts) {
      crypto_hash_sha256_update(&state, part.data(), part.size());
    }
    crypto_hash_sha256_final(&state, out.resize(kSha256HashLen).data());
    sodium_memzero(&state, sizeof state);
  }
  return out;
}

Digest HashFunction::hmac(runtime::ByteView key, runtime::ByteView data) const {
  const std::size_t block = block_len();
  std::array<std::uint8_t, kMaxBlockLen> padded_key{};
  if (key.size() > block) {
    const Digest key_hash = hash({key});
    std::ranges::copy(key_hash.view(), padded_key.begin());
  } else {
    std::ranges::copy(key, padded_key.begin());
  }

  std::array<std::uint8_t, kMaxBlockLen> pad{};
  for (std::size_t i = 0; i < block; ++i) pad[i] = padded_key[i] ^ 0x36U;
  const Digest inner = hash({runtime::ByteView(pad.data(), block), data});
  for (std::size_t i = 0; i < block; ++i) pad[i] = padded_key[i] ^ 0x5cU;
  Digest out = hash({runtime::ByteView(pad.data(), block), inner.view()});

  sodium_memzero(padded_key.data(), padded_key.size());
  sodium_memzero(pad.data(), pad.size());
  return out;
}

void HashFunction::hkdf(runtime::ByteView chaining_key, runtime::ByteView input_key_material,
                        std::span<Digest> outputs) const {
  MN_ASSERT(outputs.size() == 2 || outputs.size() == 3);
  const Digest temp_key = hmac(chaining_key, input_key_material);
  // output_i = HMAC(temp_key, output_{i-1} || byte(i)), with output_0 empty.
  std::array<std::uint8_t, kMaxHashLen + 1> input{};
  std::size_t input_len = 0;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    input[input_len] = static_cast<std::uint8_t>(i + 1);
    outputs[i] = hmac(temp_key.view(), runtime::ByteView(input.data(), input_len + 1));
    std::ranges::copy(outputs[i].view(), input.begin());
    input_len = outputs[i].size();
  }
  sodium_memzero(input.data(), input.size());
}

}  // namespace mn::node::noise
