#include "core/codec/header.h"

#include <string>

#include "core/codec/limits.h"
#include "core/runtime/assert.h"

namespace mn::codec {

void write_header(Writer& writer, std::uint16_t type_tag, std::uint8_t version) {
  MN_ASSERT_MSG(version >= kMinVersion, "record versions start at kMinVersion");
  writer.write_u16(type_tag);
  writer.write_u8(version);
}

runtime::Result<std::uint8_t> read_header(Reader& reader, std::uint16_t expected_tag,
                                          std::uint8_t max_version) {
  // Check the whole header is present first, so a failed read leaves the position untouched.
  if (reader.remaining() < kHeaderBytes) {
    return runtime::Result<std::uint8_t>(runtime::ErrorCode::kTruncated,
                                         "record header needs " + std::to_string(kHeaderBytes) +
                                             " bytes, " + std::to_string(reader.remaining()) +
                                             " remain");
  }
  Reader probe = reader;
  const std::uint16_t tag = *probe.read_u16();
  const std::uint8_t version = *probe.read_u8();
  if (tag != expected_tag) {
    return runtime::Result<std::uint8_t>(
        runtime::ErrorCode::kInvalidArgument,
        "record type tag " + std::to_string(tag) + ", expected " + std::to_string(expected_tag));
  }
  if (version < kMinVersion || version > max_version) {
    return runtime::Result<std::uint8_t>(
        runtime::ErrorCode::kBadVersion,
        "record type " + std::to_string(tag) + " version " + std::to_string(version) + " not in [" +
            std::to_string(kMinVersion) + ", " + std::to_string(max_version) + "]");
  }
  reader = probe;
  return version;
}

}  // namespace mn::codec
