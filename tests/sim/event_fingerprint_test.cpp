#include "sim/event_fingerprint.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <xxhash.h>

#include "core/codec/hex.h"

namespace mn::sim {
namespace {

struct Record {
  runtime::TimeNs time;
  EventKind kind;
  runtime::NodeId node;
  runtime::NodeId from;
  std::uint64_t detail;
};

std::vector<Record> records(std::size_t n) {
  std::vector<Record> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back({static_cast<runtime::TimeNs>(1'000'000 * i + 7), static_cast<EventKind>(i % 3),
                   static_cast<runtime::NodeId>(i % 1000),
                   static_cast<runtime::NodeId>((i * 7) % 1000), 0x0123'4567'89ab'cdefULL ^ i});
  }
  return out;
}

std::string fingerprint_of(const std::vector<Record>& stream) {
  EventFingerprint fingerprint;
  for (const Record& r : stream) fingerprint.add(r.time, r.kind, r.node, r.from, r.detail);
  return fingerprint.hex();
}

// The documented definition, byte by byte: little-endian records, XXH3-128 per batch of 160 in
// canonical (big-endian) form, BLAKE2b-256 over the checksums.
std::string by_definition(const std::vector<Record>& stream) {
  std::vector<std::uint8_t> bytes;
  const auto le = [&bytes](std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  };
  for (const Record& r : stream) {
    le(static_cast<std::uint64_t>(r.time), 8);
    bytes.push_back(static_cast<std::uint8_t>(r.kind));
    le(r.node, 4);
    le(r.from, 4);
    le(r.detail, 8);
  }
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  constexpr std::size_t kBatch = std::size_t{160} * 25;
  for (std::size_t at = 0; at < bytes.size(); at += kBatch) {
    const std::size_t n = std::min(kBatch, bytes.size() - at);
    const XXH128_hash_t h = XXH3_128bits(bytes.data() + at, n);
    std::uint8_t canonical[16];
    for (int i = 0; i < 8; ++i) {
      canonical[i] = static_cast<std::uint8_t>(h.high64 >> (56 - 8 * i));
      canonical[8 + i] = static_cast<std::uint8_t>(h.low64 >> (56 - 8 * i));
    }
    crypto_generichash_update(&state, canonical, sizeof canonical);
  }
  runtime::Hash32 digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  return codec::to_hex(digest);
}

TEST(EventFingerprint, MatchesItsDefinitionAcrossBatchBoundaries) {
  for (const std::size_t n : {0, 1, 3, 159, 160, 161, 320, 1000}) {
    EXPECT_EQ(fingerprint_of(records(n)), by_definition(records(n))) << n << " records";
  }
}

TEST(EventFingerprint, ReadingItDoesNotChangeIt) {
  EventFingerprint fingerprint;
  for (const Record& r : records(170)) {
    fingerprint.add(r.time, r.kind, r.node, r.from, r.detail);
    EXPECT_EQ(fingerprint.hex(), fingerprint.hex());
  }
  EXPECT_EQ(fingerprint.hex(), fingerprint_of(records(170)));
}

TEST(EventFingerprint, EveryFieldAndTheOrderCount) {
  const std::vector<Record> base = records(400);
  const std::string reference = fingerprint_of(base);
  for (const std::size_t at : {0, 159, 160, 399}) {
    for (int field = 0; field < 5; ++field) {
      std::vector<Record> changed = base;
      Record& r = changed[at];
      switch (field) {
        case 0:
          r.time += 1;
          break;
        case 1:
          r.kind = static_cast<EventKind>((static_cast<int>(r.kind) + 1) % 4);
          break;
        case 2:
          r.node ^= 1u << 31;
          break;
        case 3:
          r.from += 1;
          break;
        default:
          r.detail ^= 1ULL << 63;
          break;
      }
      EXPECT_NE(fingerprint_of(changed), reference) << "record " << at << " field " << field;
    }
  }
  std::vector<Record> swapped = base;
  std::swap(swapped[10], swapped[11]);
  EXPECT_NE(fingerprint_of(swapped), reference);
  EXPECT_NE(fingerprint_of(records(399)), reference);
}

}  // namespace
}  // namespace mn::sim
