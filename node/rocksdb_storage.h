// The node's durable Storage: RocksDB. A write goes to RocksDB's write-ahead log at once, so it
// survives the process being killed (SIGKILL); sync() fsyncs the log, so what was written before
// a successful sync() also survives a power loss — the guarantee runtime::Storage promises and the
// consensus sign guard relies on. Keys order bytewise (RocksDB's default comparator).
// Single-threaded use, like every Storage.
#pragma once

#include <memory>
#include <string>

#include "core/runtime/storage.h"

namespace rocksdb {
class DB;
}

namespace mn::node {

class RocksDbStorage final : public runtime::Storage {
 public:
  // Opens (creating if missing) the database in directory `path`; kIoError with RocksDB's reason
  // if it cannot (e.g. another process holds it).
  static runtime::Result<std::unique_ptr<RocksDbStorage>> open(const std::string& path);
  ~RocksDbStorage() override;
  RocksDbStorage(const RocksDbStorage&) = delete;
  RocksDbStorage& operator=(const RocksDbStorage&) = delete;

  runtime::Status put(runtime::ByteView key, runtime::ByteView value) override;
  runtime::Status erase(runtime::ByteView key) override;
  runtime::Result<runtime::Bytes> get(runtime::ByteView key) const override;
  runtime::Status scan(
      runtime::ByteView prefix,
      const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const override;
  runtime::Status sync() override;

 private:
  explicit RocksDbStorage(std::unique_ptr<rocksdb::DB> db);

  std::unique_ptr<rocksdb::DB> m_db;
};

}  // namespace mn::node
