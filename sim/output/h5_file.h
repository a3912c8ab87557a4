// A small RAII writer over the HDF5 C API for the column-oriented files metasim writes: groups
// of equal-length 1-D datasets (one per column, so pandas/h5py read them directly) plus scalar
// attributes. Errors are values; the HDF5 library's own error printing is silenced.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/runtime/result.h"

namespace mn::sim {

class H5File {
 public:
  // Creates (truncates) `path`.
  static runtime::Result<H5File> create(const std::string& path);
  H5File(H5File&& other) noexcept;
  H5File& operator=(H5File&&) = delete;
  H5File(const H5File&) = delete;
  ~H5File();

  // Creates group `path` (e.g. "/nodes") and any missing parents.
  runtime::Status group(const std::string& path);
  runtime::Status column(const std::string& path, const std::vector<std::int64_t>& values);
  runtime::Status column(const std::string& path, const std::vector<std::uint64_t>& values);
  runtime::Status column(const std::string& path, const std::vector<std::uint32_t>& values);
  runtime::Status column(const std::string& path, const std::vector<double>& values);
  // Fixed-width, NUL-padded strings (so h5py returns bytes and pandas can decode them).
  runtime::Status column(const std::string& path, const std::vector<std::string>& values);

  runtime::Status attribute(const std::string& object, const std::string& name,
                            const std::string& value);
  runtime::Status attribute(const std::string& object, const std::string& name, std::int64_t value);
  runtime::Status attribute(const std::string& object, const std::string& name,
                            std::uint64_t value);
  runtime::Status attribute(const std::string& object, const std::string& name, double value);

 private:
  explicit H5File(std::int64_t handle, std::string path)
      : m_handle(handle), m_path(std::move(path)) {}
  runtime::Status numeric_column(const std::string& path, std::int64_t type, std::size_t count,
                                 const void* data);
  runtime::Status numeric_attribute(const std::string& object, const std::string& name,
                                    std::int64_t type, const void* value);

  std::int64_t m_handle = -1;
  std::string m_path;
};

}  // namespace mn::sim
