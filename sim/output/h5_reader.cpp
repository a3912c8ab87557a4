#include "sim/output/h5_reader.h"

#include <hdf5.h>
#include <hdf5_hl.h>

namespace mn::sim {

namespace {

using runtime::ErrorCode;

runtime::Status h5_error(ErrorCode code, const std::string& what) {
  return {code, "HDF5: " + what};
}

// Closes an HDF5 identifier of any kind when it leaves scope.
class Handle {
 public:
  explicit Handle(hid_t id) : m_id(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (m_id >= 0) H5Idec_ref(m_id);
  }
  hid_t get() const { return m_id; }
  bool valid() const { return m_id >= 0; }

 private:
  hid_t m_id;
};

H5Reader::ColumnType classify(hid_t type) {
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return H5Reader::ColumnType::kInteger;
    case H5T_FLOAT:
      return H5Reader::ColumnType::kFloat;
    case H5T_STRING:
      return H5Reader::ColumnType::kString;
    default:
      return H5Reader::ColumnType::kOther;
  }
}

std::string strip_padding(const char* data, std::size_t width) {
  std::size_t end = 0;
  while (end < width && data[end] != '\0') ++end;
  while (end > 0 && data[end - 1] == ' ') --end;
  return {data, end};
}

// The row count of a 1-D dataset.
runtime::Result<std::size_t> rows_of(hid_t dataset, const std::string& where) {
  const Handle space(H5Dget_space(dataset));
  if (!space.valid() || H5Sget_simple_extent_ndims(space.get()) != 1) {
    return h5_error(ErrorCode::kInvalidArgument, where + " is not a 1-D dataset");
  }
  hsize_t dims[1] = {0};
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  return static_cast<std::size_t>(dims[0]);
}

template <class T>
runtime::Result<std::vector<T>> read_numeric(hid_t file, const std::string& path,
                                             const std::string& where, hid_t memory_type,
                                             bool integers_only) {
  const Handle dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
  if (!dataset.valid()) return h5_error(ErrorCode::kNotFound, "no dataset " + where);
  const Handle type(H5Dget_type(dataset.get()));
  const H5Reader::ColumnType kind = classify(type.get());
  const bool accepted = kind == H5Reader::ColumnType::kInteger ||
                        (!integers_only && kind == H5Reader::ColumnType::kFloat);
  if (!accepted) {
    return h5_error(ErrorCode::kInvalidArgument,
                    where + (integers_only ? " is not an integer column" : " is not numeric"));
  }
  auto rows = rows_of(dataset.get(), where);
  if (!rows) return rows.status();
  std::vector<T> values(*rows);
  if (!values.empty() &&
      H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    return h5_error(ErrorCode::kIoError, "cannot read " + where);
  }
  return values;
}

}  // namespace

runtime::Result<H5Reader> H5Reader::open(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    return h5_error(ErrorCode::kIoError, "cannot open " + path + " (missing or not HDF5)");
  }
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) return h5_error(ErrorCode::kIoError, "cannot open " + path);
  return H5Reader(file, path);
}

H5Reader::H5Reader(H5Reader&& other) noexcept
    : m_handle(other.m_handle), m_path(std::move(other.m_path)) {
  other.m_handle = -1;
}

H5Reader::~H5Reader() {
  if (m_handle >= 0) H5Fclose(m_handle);
}

bool H5Reader::exists(const std::string& path) const {
  if (path == "/") return true;
  // Every intermediate link must exist before H5Lexists may be asked about the next one.
  std::size_t slash = 0;
  while ((slash = path.find('/', slash + 1)) != std::string::npos) {
    if (H5Lexists(m_handle, path.substr(0, slash).c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return H5Lexists(m_handle, path.c_str(), H5P_DEFAULT) > 0;
}

runtime::Result<std::string> H5Reader::string_attribute(const std::string& object,
                                                        const std::string& name) const {
  const std::string where = object + " attribute " + name + " in " + m_path;
  if (!exists(object) ||
      H5Aexists_by_name(m_handle, object.c_str(), name.c_str(), H5P_DEFAULT) <= 0) {
    return h5_error(ErrorCode::kNotFound, "no " + where);
  }
  const Handle attr(
      H5Aopen_by_name(m_handle, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
  const Handle type(H5Aget_type(attr.get()));
  if (!attr.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING) {
    return h5_error(ErrorCode::kInvalidArgument, where + " is not a string");
  }
  if (H5Tis_variable_str(type.get()) > 0) {
    const Handle memory(H5Tcopy(H5T_C_S1));
    H5Tset_size(memory.get(), H5T_VARIABLE);
    char* text = nullptr;
    if (H5Aread(attr.get(), memory.get(), static_cast<void*>(&text)) < 0 || text == nullptr) {
      return h5_error(ErrorCode::kIoError, "cannot read " + where);
    }
    std::string value(text);
    H5free_memory(text);
    return value;
  }
  const std::size_t width = H5Tget_size(type.get());
  const Handle fixed(H5Tcopy(type.get()));
  std::string buffer(width, '\0');
  if (H5Aread(attr.get(), fixed.get(), buffer.data()) < 0) {
    return h5_error(ErrorCode::kIoError, "cannot read " + where);
  }
  return strip_padding(buffer.data(), width);
}

runtime::Result<std::uint64_t> H5Reader::u64_attribute(const std::string& object,
                                                       const std::string& name) const {
  const std::string where = object + " attribute " + name + " in " + m_path;
  if (!exists(object) ||
      H5Aexists_by_name(m_handle, object.c_str(), name.c_str(), H5P_DEFAULT) <= 0) {
    return h5_error(ErrorCode::kNotFound, "no " + where);
  }
  const Handle attr(
      H5Aopen_by_name(m_handle, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
  const Handle type(H5Aget_type(attr.get()));
  if (!attr.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_INTEGER) {
    return h5_error(ErrorCode::kInvalidArgument, where + " is not an integer");
  }
  std::uint64_t value = 0;
  if (H5Aread(attr.get(), H5T_NATIVE_UINT64, &value) < 0) {
    return h5_error(ErrorCode::kIoError, "cannot read " + where);
  }
  return value;
}

runtime::Result<std::vector<std::string>> H5Reader::members(const std::string& group) const {
  if (!exists(group)) return h5_error(ErrorCode::kNotFound, "no group " + group + " in " + m_path);
  const Handle g(H5Gopen2(m_handle, group.c_str(), H5P_DEFAULT));
  H5G_info_t info{};
  if (!g.valid() || H5Gget_info(g.get(), &info) < 0) {
    return h5_error(ErrorCode::kInvalidArgument, group + " in " + m_path + " is not a group");
  }
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t size =
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (size < 0) return h5_error(ErrorCode::kIoError, "cannot list " + group + " in " + m_path);
    std::string name(static_cast<std::size_t>(size) + 1, '\0');
    H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                       H5P_DEFAULT);
    name.resize(static_cast<std::size_t>(size));
    names.push_back(std::move(name));
  }
  return names;
}

runtime::Result<H5Reader::ColumnType> H5Reader::column_type(const std::string& path) const {
  if (!exists(path)) return h5_error(ErrorCode::kNotFound, "no dataset " + path + " in " + m_path);
  const Handle dataset(H5Dopen2(m_handle, path.c_str(), H5P_DEFAULT));
  if (!dataset.valid()) {
    return h5_error(ErrorCode::kInvalidArgument, path + " in " + m_path + " is not a dataset");
  }
  const Handle type(H5Dget_type(dataset.get()));
  return classify(type.get());
}

runtime::Result<std::vector<std::uint64_t>> H5Reader::u64_column(const std::string& path) const {
  if (!exists(path)) return h5_error(ErrorCode::kNotFound, "no dataset " + path + " in " + m_path);
  return read_numeric<std::uint64_t>(m_handle, path, path + " in " + m_path, H5T_NATIVE_UINT64,
                                     true);
}

runtime::Result<std::vector<double>> H5Reader::f64_column(const std::string& path) const {
  if (!exists(path)) return h5_error(ErrorCode::kNotFound, "no dataset " + path + " in " + m_path);
  return read_numeric<double>(m_handle, path, path + " in " + m_path, H5T_NATIVE_DOUBLE, false);
}

runtime::Result<std::vector<std::string>> H5Reader::string_column(const std::string& path) const {
  const std::string where = path + " in " + m_path;
  if (!exists(path)) return h5_error(ErrorCode::kNotFound, "no dataset " + where);
  const Handle dataset(H5Dopen2(m_handle, path.c_str(), H5P_DEFAULT));
  const Handle type(H5Dget_type(dataset.get()));
  if (!dataset.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING) {
    return h5_error(ErrorCode::kInvalidArgument, where + " is not a string column");
  }
  auto rows = rows_of(dataset.get(), where);
  if (!rows) return rows.status();
  std::vector<std::string> values;
  values.reserve(*rows);
  if (*rows == 0) return values;
  if (H5Tis_variable_str(type.get()) > 0) {
    const Handle memory(H5Tcopy(H5T_C_S1));
    H5Tset_size(memory.get(), H5T_VARIABLE);
    std::vector<char*> pointers(*rows, nullptr);
    if (H5Dread(dataset.get(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0) {
      return h5_error(ErrorCode::kIoError, "cannot read " + where);
    }
    for (char* p : pointers) values.emplace_back(p == nullptr ? "" : p);
    const Handle space(H5Dget_space(dataset.get()));
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memory.get(), space.get(), H5P_DEFAULT, pointers.data());
#else
    H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, pointers.data());
#endif
    return values;
  }
  // Read with the file's own width and padding, so no conversion drops a character.
  const std::size_t width = H5Tget_size(type.get());
  const Handle fixed(H5Tcopy(type.get()));
  std::vector<char> buffer(*rows * width, '\0');
  if (H5Dread(dataset.get(), fixed.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0) {
    return h5_error(ErrorCode::kIoError, "cannot read " + where);
  }
  for (std::size_t i = 0; i < *rows; ++i)
    values.push_back(strip_padding(buffer.data() + i * width, width));
  return values;
}

}  // namespace mn::sim
