#include "node/json_log.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace mn::node {

runtime::Result<LogLevel> parse_log_level(std::string_view text) {
  if (text == "debug") return LogLevel::kDebug;
  if (text == "info") return LogLevel::kInfo;
  if (text == "warn") return LogLevel::kWarn;
  if (text == "error") return LogLevel::kError;
  return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                         "expected debug, info, warn or error, got '" + std::string(text) + "'");
}

const char* log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "error";
}

std::string iso8601_utc_ms(std::int64_t unix_ms) {
  // Floor division, so times before the epoch still get a millisecond field in [0, 999].
  std::int64_t seconds = unix_ms / 1000;
  std::int64_t millis = unix_ms % 1000;
  if (millis < 0) {
    millis += 1000;
    seconds -= 1;
  }
  const auto time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[80];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

JsonLog::JsonLog(std::ostream& out, LogLevel min_level, WallClockMs clock)
    : m_out(out), m_min_level(min_level), m_clock(std::move(clock)) {}

void JsonLog::log(LogLevel level, std::string_view msg, const LogFields& fields) {
  if (!enabled(level)) return;
  LogFields line;
  line["ts"] = iso8601_utc_ms(m_clock());
  line["level"] = log_level_name(level);
  line["msg"] = std::string(msg);
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      // The fixed keys stay what they are; a field cannot impersonate them.
      if (key != "ts" && key != "level" && key != "msg") line[key] = value;
    }
  }
  m_out << line.dump(-1, ' ', false, LogFields::error_handler_t::replace) << '\n';
  m_out.flush();
}

std::int64_t JsonLog::system_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace mn::node
