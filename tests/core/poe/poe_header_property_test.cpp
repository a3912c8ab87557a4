// Property tests of the PoE header's fixed layout: any field values survive encode/decode, and any
// 176 bytes decode to the header that encodes back to them, so the layout has no slack bits.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/poe/poe_header.h"

namespace mn::poe {
namespace {

template <std::size_t N>
std::array<std::uint8_t, N> gen_array() {
  const auto bytes =
      *rc::gen::container<std::vector<std::uint8_t>>(N, rc::gen::arbitrary<std::uint8_t>());
  std::array<std::uint8_t, N> out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

RC_GTEST_PROP(PoEHeaderProperty, EncodeDecodeRoundTrip,
              (std::uint64_t timestamp, std::uint64_t rent_payment)) {
  PoEHeader header;
  header.bpi_id = gen_array<32>();
  header.logbook_root = gen_array<32>();
  header.execution_hash = gen_array<32>();
  header.timestamp = timestamp;
  header.rent_payment = rent_payment;
  header.signature = gen_array<64>();
  const auto bytes = header.encode();
  const auto decoded = PoEHeader::decode(bytes);
  RC_ASSERT(decoded.is_ok());
  RC_ASSERT(*decoded == header);
  // The integers sit little-endian at their SPEC offsets.
  for (std::size_t i = 0; i < 8; ++i) {
    RC_ASSERT(bytes[96 + i] == static_cast<std::uint8_t>(timestamp >> (8 * i)));
    RC_ASSERT(bytes[104 + i] == static_cast<std::uint8_t>(rent_payment >> (8 * i)));
  }
}

RC_GTEST_PROP(PoEHeaderProperty, EveryEncodingDecodes, ()) {
  const auto bytes = gen_array<PoEHeader::kEncodedSize>();
  const auto decoded = PoEHeader::decode(bytes);
  RC_ASSERT(decoded.is_ok());
  RC_ASSERT(decoded->encode() == bytes);
}

}  // namespace
}  // namespace mn::poe
