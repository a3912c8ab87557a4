#include "core/verkle/transcript.h"

#include <array>

#include "core/runtime/assert.h"

namespace mn::verkle {

namespace {
constexpr std::size_t kDigestBytes = Scalar::kWideBytes;  // BLAKE2b-512
}  // namespace

Transcript::Transcript(std::string_view protocol) {
  restart();
  const auto* domain = reinterpret_cast<const std::uint8_t*>(kDomain.data());
  absorb(Kind::kProtocol, protocol, runtime::ByteView(domain, kDomain.size()));
}

void Transcript::restart() {
  const int rc = crypto_generichash_init(&m_state, nullptr, 0, kDigestBytes);
  MN_ASSERT(rc == 0);
}

void Transcript::absorb(Kind kind, std::string_view label, runtime::ByteView data) {
  MN_ASSERT(label.size() <= 0xff && data.size() <= 0xffffffffu);
  std::array<std::uint8_t, 2> head = {static_cast<std::uint8_t>(kind),
                                      static_cast<std::uint8_t>(label.size())};
  crypto_generichash_update(&m_state, head.data(), head.size());
  crypto_generichash_update(&m_state, reinterpret_cast<const std::uint8_t*>(label.data()),
                            label.size());
  std::array<std::uint8_t, 4> length{};
  for (std::size_t i = 0; i < 4; ++i) length[i] = static_cast<std::uint8_t>(data.size() >> (8 * i));
  crypto_generichash_update(&m_state, length.data(), length.size());
  crypto_generichash_update(&m_state, data.data(), data.size());
}

void Transcript::domain_separator(std::string_view label) {
  absorb(Kind::kDomainSeparator, label, {});
}

void Transcript::append_message(std::string_view label, runtime::ByteView data) {
  absorb(Kind::kMessage, label, data);
}

void Transcript::append_scalar(std::string_view label, const Scalar& scalar) {
  absorb(Kind::kMessage, label, scalar.bytes());
}

void Transcript::append_point(std::string_view label, const Point& point) {
  append_point(label, point.encode());
}

void Transcript::append_point(std::string_view label, const Point::Encoding& encoding) {
  absorb(Kind::kMessage, label, encoding);
}

Scalar Transcript::challenge(std::string_view label) {
  absorb(Kind::kChallenge, label, {});
  std::array<std::uint8_t, kDigestBytes> digest{};
  const int rc = crypto_generichash_final(&m_state, digest.data(), digest.size());
  MN_ASSERT(rc == 0);
  restart();
  absorb(Kind::kChain, label, digest);
  return Scalar::from_wide(digest);
}

}  // namespace mn::verkle
