#include "sim/memory_storage.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

runtime::Bytes b(const std::string& s) {
  return {s.begin(), s.end()};
}

TEST(MemoryStorage, ReadsSeeUnsyncedWrites) {
  MemoryStorage s;
  ASSERT_TRUE(s.put(b("k"), b("v")).is_ok());
  auto got = s.get(b("k"));
  ASSERT_TRUE(got.is_ok());
  EXPECT_EQ(*got, b("v"));
  EXPECT_EQ(s.get(b("missing")).status().code(), runtime::ErrorCode::kNotFound);
}

TEST(MemoryStorage, CrashLosesExactlyTheUnsyncedWrites) {
  MemoryStorage s;
  ASSERT_TRUE(s.put(b("a"), b("1")).is_ok());
  ASSERT_TRUE(s.put(b("b"), b("1")).is_ok());
  ASSERT_TRUE(s.sync().is_ok());
  ASSERT_TRUE(s.put(b("a"), b("2")).is_ok());  // overwrite, unsynced
  ASSERT_TRUE(s.erase(b("b")).is_ok());        // erase, unsynced
  ASSERT_TRUE(s.put(b("c"), b("3")).is_ok());  // new key, unsynced
  EXPECT_EQ(s.unsynced_writes(), 3u);
  s.crash();
  EXPECT_EQ(*s.get(b("a")), b("1"));
  EXPECT_EQ(*s.get(b("b")), b("1"));
  EXPECT_FALSE(s.get(b("c")).is_ok());
  EXPECT_EQ(s.unsynced_writes(), 0u);
}

TEST(MemoryStorage, SyncedEraseSurvivesCrash) {
  MemoryStorage s;
  ASSERT_TRUE(s.put(b("a"), b("1")).is_ok());
  ASSERT_TRUE(s.sync().is_ok());
  ASSERT_TRUE(s.erase(b("a")).is_ok());
  ASSERT_TRUE(s.sync().is_ok());
  s.crash();
  EXPECT_FALSE(s.get(b("a")).is_ok());
}

TEST(MemoryStorage, ScanVisitsPrefixInKeyOrder) {
  MemoryStorage s;
  for (const char* k : {"p/3", "p/1", "q/0", "p/2", "o/9"}) ASSERT_TRUE(s.put(b(k), b(k)).is_ok());
  std::vector<std::string> seen;
  ASSERT_TRUE(s.scan(b("p/"), [&](runtime::ByteView key, runtime::ByteView) {
                 seen.emplace_back(key.begin(), key.end());
                 return true;
               }).is_ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"p/1", "p/2", "p/3"}));
}

TEST(MemoryStorage, RepeatedUnsyncedWritesToOneKeyRollBackToTheSyncedValue) {
  MemoryStorage s;
  ASSERT_TRUE(s.put(b("k"), b("synced")).is_ok());
  ASSERT_TRUE(s.sync().is_ok());
  ASSERT_TRUE(s.put(b("k"), b("x")).is_ok());
  ASSERT_TRUE(s.erase(b("k")).is_ok());
  ASSERT_TRUE(s.put(b("k"), b("y")).is_ok());
  s.crash();
  EXPECT_EQ(*s.get(b("k")), b("synced"));
}

TEST(MemoryStorage, SharedValuesAreKeptWithoutCopyAndSurviveLikeAnyOther) {
  MemoryStorage s;
  auto value = std::make_shared<const runtime::Bytes>(b("block bytes"));
  ASSERT_TRUE(s.put_shared(b("a"), value).is_ok());
  EXPECT_EQ(value.use_count(), 2);  // the store holds the same buffer
  ASSERT_TRUE(s.sync().is_ok());
  ASSERT_TRUE(s.put_shared(b("b"), value).is_ok());
  s.crash();
  EXPECT_EQ(*s.get(b("a")), b("block bytes"));
  EXPECT_FALSE(s.get(b("b")).is_ok());
}

TEST(MemoryStorage, MatchesAnOrderedMapThroughMixedWritesSyncsAndCrashes) {
  // Keys in and out of order, short and long, overwrites, erases in the middle and crashes, against
  // a model; whole and prefix scans merge the appended keys with the scattered ones.
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  MemoryStorage s;
  std::map<std::string, std::string> synced;
  std::map<std::string, std::string> visible;
  std::uint64_t x = 12345;
  auto next = [&x](std::uint64_t bound) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return (x >> 33) % bound;
  };
  for (int step = 0; step < 3000; ++step) {
    const std::uint64_t n = next(step < 1500 ? 60 : 1000 + step);
    // Every fourth key is too long for an appended entry to hold inline, so it lives in the map.
    const std::string key =
        (n % 4 == 0 ? "k/long-enough-to-live-in-the-map/" : "k/") + std::to_string(n);
    switch (next(10)) {
      case 0:
        ASSERT_TRUE(s.sync().is_ok());
        synced = visible;
        break;
      case 1:
        s.crash();
        visible = synced;
        break;
      case 2:
      case 3:
        ASSERT_TRUE(s.erase(b(key)).is_ok());
        visible.erase(key);
        break;
      default:
        ASSERT_TRUE(s.put(b(key), b(std::to_string(step))).is_ok());
        visible[key] = std::to_string(step);
    }
    // Whole and prefix scans see exactly the model's entries under the prefix, in key order.
    for (const std::string prefix : {"", "k/1", "k/long"}) {
      Pairs scanned;
      ASSERT_TRUE(s.scan(b(prefix), [&](runtime::ByteView k, runtime::ByteView v) {
                     scanned.emplace_back(std::string(k.begin(), k.end()),
                                          std::string(v.begin(), v.end()));
                     return true;
                   }).is_ok());
      Pairs expected;
      for (const auto& [k, v] : visible)
        if (k.starts_with(prefix)) expected.emplace_back(k, v);
      ASSERT_EQ(scanned, expected) << "step " << step << ", prefix \"" << prefix << "\"";
    }
    const auto got = s.get(b(key));
    ASSERT_EQ(got.is_ok(), visible.contains(key)) << "step " << step;
  }
}

}  // namespace
}  // namespace mn::sim
