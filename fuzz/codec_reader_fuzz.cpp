// codec::Reader on arbitrary bytes, driven by a script of reads taken from the input's head.
// Properties (core/codec/reader.h): a read that succeeds consumed exactly the bytes Writer writes
// for the value it returned (one encoding per value); a read that fails leaves the position where
// it was; finish() succeeds exactly at the end; nothing reads outside the input.
#include <cstdint>
#include <string>

#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "fuzz/fuzz_support.h"

namespace {

using mn::codec::Reader;
using mn::codec::Writer;

// The bytes the reader consumed since `start` equal what `write` appends to a fresh Writer.
template <class WriteFn>
void check_consumed(mn::runtime::ByteView input, std::size_t start, const Reader& r,
                    WriteFn&& write) {
  Writer w;
  write(w);
  MN_FUZZ_CHECK(mn::fuzz::same_bytes(input.subspan(start, r.position() - start), w.view()));
}

template <class T, class WriteFn>
void step(mn::runtime::ByteView input, Reader& r, mn::runtime::Result<T> result, std::size_t start,
          WriteFn&& write) {
  if (result) {
    check_consumed(input, start, r, [&](Writer& w) { write(w, *result); });
  } else {
    MN_FUZZ_CHECK(r.position() == start);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // data[0] % 16 script bytes follow it; the rest is what the reader reads.
  const std::size_t script_size = std::min<std::size_t>(data[0] % 16, size - 1);
  const mn::runtime::ByteView script(data + 1, script_size);
  const mn::runtime::ByteView input(data + 1 + script_size, size - 1 - script_size);
  if (script.empty()) return 0;

  Reader r(input);
  for (std::size_t i = 0; i < 64 && !r.at_end(); ++i) {
    const std::uint8_t op = script[i % script.size()];
    const std::size_t bound =
        static_cast<std::size_t>(op >> 4) * 3;  // 0..45: small bounds hit the limits
    const std::size_t start = r.position();
    switch (op % 13) {
      case 0:
        step(input, r, r.read_u8(), start, [](Writer& w, auto v) { w.write_u8(v); });
        break;
      case 1:
        step(input, r, r.read_u16(), start, [](Writer& w, auto v) { w.write_u16(v); });
        break;
      case 2:
        step(input, r, r.read_u32(), start, [](Writer& w, auto v) { w.write_u32(v); });
        break;
      case 3:
        step(input, r, r.read_u64(), start, [](Writer& w, auto v) { w.write_u64(v); });
        break;
      case 4:
        step(input, r, r.read_i64(), start, [](Writer& w, auto v) { w.write_i64(v); });
        break;
      case 5:
        step(input, r, r.read_bool(), start, [](Writer& w, auto v) { w.write_bool(v); });
        break;
      case 6:
        step(input, r, r.read_varint(), start, [](Writer& w, auto v) { w.write_varint(v); });
        break;
      case 7: {
        std::uint8_t buffer[45];
        const mn::runtime::Status s = r.read_fixed(std::span<std::uint8_t>(buffer, bound));
        if (s.is_ok()) {
          check_consumed(input, start, r,
                         [&](Writer& w) { w.write_fixed(mn::runtime::ByteView(buffer, bound)); });
        } else {
          MN_FUZZ_CHECK(r.position() == start);
        }
        break;
      }
      case 8: {
        auto v = r.read_bytes_view(bound);
        if (v) MN_FUZZ_CHECK(v->size() <= bound);
        step(input, r, std::move(v), start, [](Writer& w, auto b) { w.write_bytes(b); });
        break;
      }
      case 9: {
        auto v = r.read_bytes();
        step(input, r, std::move(v), start, [](Writer& w, const auto& b) { w.write_bytes(b); });
        break;
      }
      case 10: {
        auto v = r.read_string(bound);
        if (v) MN_FUZZ_CHECK(v->size() <= bound);
        step(input, r, std::move(v), start, [](Writer& w, const auto& s) { w.write_string(s); });
        break;
      }
      case 11: {
        const std::size_t min_element = op >> 6;  // 0..3
        auto v = r.read_count(bound, min_element);
        if (v) {
          MN_FUZZ_CHECK(*v <= bound);
          if (min_element > 0) MN_FUZZ_CHECK(*v <= r.remaining() / min_element);
        }
        step(input, r, std::move(v), start, [](Writer& w, auto c) { w.write_count(c); });
        break;
      }
      case 12: {
        const std::uint16_t tag = static_cast<std::uint16_t>(op);
        auto v = mn::codec::read_header(r, tag, static_cast<std::uint8_t>(op >> 4));
        if (v) MN_FUZZ_CHECK(*v >= mn::codec::kMinVersion && *v <= (op >> 4));
        step(input, r, std::move(v), start,
             [tag](Writer& w, auto version) { mn::codec::write_header(w, tag, version); });
        break;
      }
    }
    MN_FUZZ_CHECK(r.position() <= input.size());
  }
  MN_FUZZ_CHECK(r.finish().is_ok() == r.at_end());
  return 0;
}
