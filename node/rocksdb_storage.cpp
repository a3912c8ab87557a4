#include "node/rocksdb_storage.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>

namespace mn::node {

namespace {

rocksdb::Slice slice(runtime::ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

runtime::ByteView view(const rocksdb::Slice& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

runtime::Status io_error(const rocksdb::Status& status) {
  return runtime::Status(runtime::ErrorCode::kIoError, "rocksdb: " + status.ToString());
}

}  // namespace

runtime::Result<std::unique_ptr<RocksDbStorage>> RocksDbStorage::open(const std::string& path) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status status = rocksdb::DB::Open(options, path, &raw);
  if (!status.ok()) return io_error(status);
  return std::unique_ptr<RocksDbStorage>(new RocksDbStorage(std::unique_ptr<rocksdb::DB>(raw)));
}

RocksDbStorage::RocksDbStorage(std::unique_ptr<rocksdb::DB> db) : m_db(std::move(db)) {}

RocksDbStorage::~RocksDbStorage() = default;

runtime::Status RocksDbStorage::put(runtime::ByteView key, runtime::ByteView value) {
  const rocksdb::Status status = m_db->Put(rocksdb::WriteOptions(), slice(key), slice(value));
  return status.ok() ? runtime::Status::ok() : io_error(status);
}

runtime::Status RocksDbStorage::erase(runtime::ByteView key) {
  const rocksdb::Status status = m_db->Delete(rocksdb::WriteOptions(), slice(key));
  return status.ok() ? runtime::Status::ok() : io_error(status);
}

runtime::Result<runtime::Bytes> RocksDbStorage::get(runtime::ByteView key) const {
  std::string value;
  const rocksdb::Status status = m_db->Get(rocksdb::ReadOptions(), slice(key), &value);
  if (status.IsNotFound()) return runtime::Status(runtime::ErrorCode::kNotFound, "no such key");
  if (!status.ok()) return io_error(status);
  return runtime::Bytes(value.begin(), value.end());
}

runtime::Status RocksDbStorage::scan(
    runtime::ByteView prefix,
    const std::function<bool(runtime::ByteView, runtime::ByteView)>& visit) const {
  const std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(slice(prefix)); it->Valid() && it->key().starts_with(slice(prefix)); it->Next()) {
    if (!visit(view(it->key()), view(it->value()))) break;
  }
  return it->status().ok() ? runtime::Status::ok() : io_error(it->status());
}

runtime::Status RocksDbStorage::sync() {
  const rocksdb::Status status = m_db->SyncWAL();
  return status.ok() ? runtime::Status::ok() : io_error(status);
}

}  // namespace mn::node
