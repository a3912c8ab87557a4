// A small RAII reader over the HDF5 C API for the column files H5File writes: scalar attributes,
// the members of a group and whole 1-D columns. Read-only; errors are values and the HDF5
// library's own error printing is silenced. Not thread-safe (the HDF5 library is built without
// its thread-safe option): use one reader from one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/runtime/result.h"

namespace mn::sim {

class H5Reader {
 public:
  enum class ColumnType : std::uint8_t { kInteger, kFloat, kString, kOther };

  // Opens `path` read-only; kIoError if it is missing or not an HDF5 file.
  static runtime::Result<H5Reader> open(const std::string& path);
  H5Reader(H5Reader&& other) noexcept;
  H5Reader& operator=(H5Reader&&) = delete;
  H5Reader(const H5Reader&) = delete;
  ~H5Reader();

  const std::string& path() const { return m_path; }

  // kNotFound if `object` has no attribute `name`; kInvalidArgument if it has another type.
  runtime::Result<std::string> string_attribute(const std::string& object,
                                                const std::string& name) const;
  runtime::Result<std::uint64_t> u64_attribute(const std::string& object,
                                               const std::string& name) const;

  // The names of the links in `group`, sorted by name; kNotFound if it does not exist.
  runtime::Result<std::vector<std::string>> members(const std::string& group) const;
  bool exists(const std::string& path) const;

  runtime::Result<ColumnType> column_type(const std::string& path) const;
  // Whole 1-D datasets, converted by HDF5 to the requested type; kInvalidArgument if the
  // dataset is not 1-D or holds another class of values.
  runtime::Result<std::vector<std::uint64_t>> u64_column(const std::string& path) const;
  runtime::Result<std::vector<double>> f64_column(const std::string& path) const;
  // Fixed-width or variable-length strings; fixed-width padding (NUL or spaces) is removed.
  runtime::Result<std::vector<std::string>> string_column(const std::string& path) const;

 private:
  H5Reader(std::int64_t handle, std::string path) : m_handle(handle), m_path(std::move(path)) {}

  std::int64_t m_handle = -1;
  std::string m_path;
};

}  // namespace mn::sim
