// Errors as values. External input (bytes from the network, a client, a file) is answered with a
// Status or Result<T> carrying a reason code the caller can act on; a broken internal invariant is
// an assertion (see MN_ASSERT in assert.h), never a Status.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace mn::runtime {

// Add a code only when some caller acts on it differently from the others.
enum class ErrorCode : std::uint8_t {
  kOk = 0,
  kInvalidArgument,  // malformed or out-of-range input
  kTruncated,        // input ended before a complete value was read
  kTrailingBytes,    // input continued after the complete value
  kBadVersion,       // an encoding version this build does not understand
  kNotFound,
  kBadSignature,
  kIoError,
};

const char* error_code_name(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : m_code(code), m_message(std::move(message)) {}

  static Status ok() { return {}; }

  bool is_ok() const { return m_code == ErrorCode::kOk; }
  ErrorCode code() const { return m_code; }
  const std::string& message() const { return m_message; }
  // "<code name>: <message>", for humans.
  std::string to_string() const;

 private:
  ErrorCode m_code = ErrorCode::kOk;
  std::string m_message;
};

// Either a value or a non-ok Status. REQUIRES: value() only when is_ok(), status() any time.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_state(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : m_state(std::move(status)) {}  // NOLINT(google-explicit-constructor)
  Result(ErrorCode code, std::string message) : m_state(Status(code, std::move(message))) {}

  bool is_ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return is_ok(); }

  const T& value() const& { return std::get<T>(m_state); }
  T& value() & { return std::get<T>(m_state); }
  T&& value() && { return std::get<T>(std::move(m_state)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(m_state); }

 private:
  std::variant<T, Status> m_state;
};

}  // namespace mn::runtime
