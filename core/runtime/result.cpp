#include "core/runtime/result.h"

namespace mn::runtime {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kTruncated:
      return "truncated";
    case ErrorCode::kTrailingBytes:
      return "trailing_bytes";
    case ErrorCode::kBadVersion:
      return "bad_version";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kBadSignature:
      return "bad_signature";
    case ErrorCode::kIoError:
      return "io_error";
  }
  return "unknown";
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  return std::string(error_code_name(m_code)) + ": " + m_message;
}

}  // namespace mn::runtime
