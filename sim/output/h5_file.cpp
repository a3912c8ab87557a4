#include "sim/output/h5_file.h"

#include <algorithm>
#include <cstring>

#include <hdf5.h>
#include <hdf5_hl.h>

namespace mn::sim {

namespace {

runtime::Status h5_error(const std::string& what) {
  return runtime::Status(runtime::ErrorCode::kIoError, "HDF5: " + what);
}

}  // namespace

runtime::Result<H5File> H5File::create(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (file < 0) return h5_error("cannot create " + path);
  return H5File(file, path);
}

H5File::H5File(H5File&& other) noexcept
    : m_handle(other.m_handle), m_path(std::move(other.m_path)) {
  other.m_handle = -1;
}

H5File::~H5File() {
  if (m_handle >= 0) H5Fclose(m_handle);
}

runtime::Status H5File::group(const std::string& path) {
  const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(lcpl, 1);
  const hid_t g = H5Gcreate2(m_handle, path.c_str(), lcpl, H5P_DEFAULT, H5P_DEFAULT);
  H5Pclose(lcpl);
  if (g < 0) return h5_error("cannot create group " + path + " in " + m_path);
  H5Gclose(g);
  return runtime::Status::ok();
}

runtime::Status H5File::numeric_column(const std::string& path, std::int64_t type,
                                       std::size_t count, const void* data) {
  const hsize_t dims[1] = {count};
  if (H5LTmake_dataset(m_handle, path.c_str(), 1, dims, type, data) < 0) {
    return h5_error("cannot write dataset " + path + " in " + m_path);
  }
  return runtime::Status::ok();
}

runtime::Status H5File::column(const std::string& path, const std::vector<std::int64_t>& values) {
  return numeric_column(path, H5T_NATIVE_INT64, values.size(), values.data());
}
runtime::Status H5File::column(const std::string& path, const std::vector<std::uint64_t>& values) {
  return numeric_column(path, H5T_NATIVE_UINT64, values.size(), values.data());
}
runtime::Status H5File::column(const std::string& path, const std::vector<std::uint32_t>& values) {
  return numeric_column(path, H5T_NATIVE_UINT32, values.size(), values.data());
}
runtime::Status H5File::column(const std::string& path, const std::vector<double>& values) {
  return numeric_column(path, H5T_NATIVE_DOUBLE, values.size(), values.data());
}

runtime::Status H5File::column(const std::string& path, const std::vector<std::string>& values) {
  std::size_t width = 1;
  for (const auto& v : values) width = std::max(width, v.size());
  std::vector<char> buffer(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::memcpy(buffer.data() + i * width, values[i].data(), values[i].size());
  }
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, width);
  H5Tset_strpad(type, H5T_STR_NULLPAD);
  runtime::Status status = numeric_column(path, type, values.size(), buffer.data());
  H5Tclose(type);
  return status;
}

runtime::Status H5File::attribute(const std::string& object, const std::string& name,
                                  const std::string& value) {
  if (H5LTset_attribute_string(m_handle, object.c_str(), name.c_str(), value.c_str()) < 0) {
    return h5_error("cannot set attribute " + name + " on " + object);
  }
  return runtime::Status::ok();
}

runtime::Status H5File::numeric_attribute(const std::string& object, const std::string& name,
                                          std::int64_t type, const void* value) {
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t target = H5Oopen(m_handle, object.c_str(), H5P_DEFAULT);
  hid_t attr = -1;
  if (target >= 0) attr = H5Acreate2(target, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
  const bool ok = attr >= 0 && H5Awrite(attr, type, value) >= 0;
  if (attr >= 0) H5Aclose(attr);
  if (target >= 0) H5Oclose(target);
  H5Sclose(space);
  if (!ok) return h5_error("cannot set attribute " + name + " on " + object);
  return runtime::Status::ok();
}

runtime::Status H5File::attribute(const std::string& object, const std::string& name,
                                  std::int64_t value) {
  return numeric_attribute(object, name, H5T_NATIVE_INT64, &value);
}
runtime::Status H5File::attribute(const std::string& object, const std::string& name,
                                  std::uint64_t value) {
  return numeric_attribute(object, name, H5T_NATIVE_UINT64, &value);
}
runtime::Status H5File::attribute(const std::string& object, const std::string& name,
                                  double value) {
  return numeric_attribute(object, name, H5T_NATIVE_DOUBLE, &value);
}

}  // namespace mn::sim
