// The node's RocksDB store keeps the Storage contract: reads see every write, scans run in key
// order within a prefix, and what was synced survives the process being killed.
#include "node/rocksdb_storage.h"

#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mn::node {
namespace {

runtime::Bytes b(const std::string& s) {
  return {s.begin(), s.end()};
}

class RocksDbStorageTest : public ::testing::Test {
 protected:
  RocksDbStorageTest()
      : m_path(std::filesystem::path(::testing::TempDir()) /
               ("rocksdb_storage_test_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(m_path);
  }
  ~RocksDbStorageTest() override { std::filesystem::remove_all(m_path); }

  std::unique_ptr<RocksDbStorage> open() {
    auto db = RocksDbStorage::open(m_path.string());
    EXPECT_TRUE(db) << db.status().to_string();
    return db ? std::move(db).value() : nullptr;
  }

  std::filesystem::path m_path;
};

TEST_F(RocksDbStorageTest, ReadsSeeWritesAndErases) {
  auto db = open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->put(b("k"), b("v1")).is_ok());
  ASSERT_TRUE(db->put(b("k"), b("v2")).is_ok());
  EXPECT_EQ(*db->get(b("k")), b("v2"));
  ASSERT_TRUE(db->erase(b("k")).is_ok());
  EXPECT_EQ(db->get(b("k")).status().code(), runtime::ErrorCode::kNotFound);
  // Binary keys and values, including zero bytes.
  const runtime::Bytes key = {0, 1, 0, 255};
  const runtime::Bytes value = {0, 0, 7};
  ASSERT_TRUE(db->put(key, value).is_ok());
  EXPECT_EQ(*db->get(key), value);
}

TEST_F(RocksDbStorageTest, ScanVisitsThePrefixInKeyOrderAndStopsWhenAsked) {
  auto db = open();
  ASSERT_NE(db, nullptr);
  for (const char* k : {"p/3", "p/1", "q/0", "p/2", "o/9"})
    ASSERT_TRUE(db->put(b(k), b(k)).is_ok());
  std::vector<std::string> seen;
  ASSERT_TRUE(db->scan(b("p/"), [&](runtime::ByteView key, runtime::ByteView value) {
                  seen.emplace_back(key.begin(), key.end());
                  EXPECT_TRUE(std::equal(key.begin(), key.end(), value.begin(), value.end()));
                  return true;
                }).is_ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"p/1", "p/2", "p/3"}));
  seen.clear();
  ASSERT_TRUE(db->scan(b("p/"), [&](runtime::ByteView key, runtime::ByteView) {
                  seen.emplace_back(key.begin(), key.end());
                  return false;
                }).is_ok());
  EXPECT_EQ(seen.size(), 1u);
}

TEST_F(RocksDbStorageTest, WritesSurviveReopening) {
  {
    auto db = open();
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->put(b("height"), b("42")).is_ok());
    ASSERT_TRUE(db->sync().is_ok());
  }
  auto db = open();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(*db->get(b("height")), b("42"));
}

TEST_F(RocksDbStorageTest, SyncedWritesSurviveSigkill) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto db = RocksDbStorage::open(m_path.string());
    if (!db || !(*db)->put(b("signed"), b("h=7 r=0")).is_ok() || !(*db)->sync().is_ok()) _exit(1);
    ::raise(SIGKILL);
    _exit(2);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child status " << status;
  auto db = open();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(*db->get(b("signed")), b("h=7 r=0"));
}

TEST_F(RocksDbStorageTest, ASecondOpenOfTheSameDirectoryIsAClearError) {
  auto first = open();
  ASSERT_NE(first, nullptr);
  auto second = RocksDbStorage::open(m_path.string());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.status().code(), runtime::ErrorCode::kIoError);
  EXPECT_NE(second.status().message().find("rocksdb"), std::string::npos);
}

}  // namespace
}  // namespace mn::node
