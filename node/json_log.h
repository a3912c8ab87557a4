// The node's structured log: one JSON object per line, {"ts", "level", "msg", ...fields}, with
// "ts" the UTC wall-clock time as ISO-8601 with milliseconds ("2024-05-01T12:00:00.123Z").
// Lines below the configured level are not written. Each line is flushed at once, so a node
// killed mid-run leaves whole lines behind. Field values that are not valid UTF-8 are written
// with U+FFFD replacements rather than failing.
// Threading: not thread-safe; the node logs from its one io thread.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/runtime/result.h"

namespace mn::node {

enum class LogLevel : std::uint8_t { kDebug = 0, kInfo, kWarn, kError };

// "debug", "info", "warn" or "error" (any other text is kInvalidArgument).
runtime::Result<LogLevel> parse_log_level(std::string_view text);
const char* log_level_name(LogLevel level);

// Unix time in milliseconds as ISO-8601 UTC with milliseconds.
std::string iso8601_utc_ms(std::int64_t unix_ms);

// Fields in the order given.
using LogFields = nlohmann::ordered_json;

class JsonLog {
 public:
  // Unix time in milliseconds; the system clock unless a test injects one.
  using WallClockMs = std::function<std::int64_t()>;

  // `out` must outlive the log.
  JsonLog(std::ostream& out, LogLevel min_level, WallClockMs clock = system_clock_ms);

  bool enabled(LogLevel level) const { return level >= m_min_level; }
  // `fields` is a JSON object (or null for none); its keys follow "ts", "level" and "msg".
  void log(LogLevel level, std::string_view msg, const LogFields& fields = {});
  void debug(std::string_view msg, const LogFields& fields = {}) {
    log(LogLevel::kDebug, msg, fields);
  }
  void info(std::string_view msg, const LogFields& fields = {}) {
    log(LogLevel::kInfo, msg, fields);
  }
  void warn(std::string_view msg, const LogFields& fields = {}) {
    log(LogLevel::kWarn, msg, fields);
  }
  void error(std::string_view msg, const LogFields& fields = {}) {
    log(LogLevel::kError, msg, fields);
  }

  static std::int64_t system_clock_ms();

 private:
  std::ostream& m_out;
  LogLevel m_min_level;
  WallClockMs m_clock;
};

}  // namespace mn::node
