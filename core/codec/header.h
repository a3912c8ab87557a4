// The versioned envelope of every top-level encoded record: a u16 type tag (little-endian) naming
// the record type, then a u8 version of its layout. A decoder checks both before reading fields, so
// bytes of one type are never parsed as another, and a record from a newer build is refused as
// kBadVersion instead of being misread. Versions start at kMinVersion; a type's decoder supports
// kMinVersion..its current version.
#pragma once

#include <cstdint>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/runtime/result.h"

namespace mn::codec {

// REQUIRES: version >= kMinVersion.
void write_header(Writer& writer, std::uint16_t type_tag, std::uint8_t version);

// Reads a header and returns its version. A tag other than `expected_tag` is kInvalidArgument; a
// version outside [kMinVersion, max_version] is kBadVersion; short input is kTruncated. On error
// the reader's position is unchanged.
runtime::Result<std::uint8_t> read_header(Reader& reader, std::uint16_t expected_tag,
                                          std::uint8_t max_version);

}  // namespace mn::codec
