// JsonLog writes one JSON object per line with ts, level and msg first, drops lines below its
// level, and never lets a field replace the fixed keys or break the line with bad UTF-8.
#include "node/json_log.h"

#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mn::node {
namespace {

constexpr std::int64_t kMay1Noon123 = 1'714'564'800'123;  // 2024-05-01T12:00:00.123Z

TEST(JsonLogTest, FormatsTimesAsIso8601UtcWithMilliseconds) {
  EXPECT_EQ(iso8601_utc_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_utc_ms(kMay1Noon123), "2024-05-01T12:00:00.123Z");
  EXPECT_EQ(iso8601_utc_ms(-1), "1969-12-31T23:59:59.999Z");
}

TEST(JsonLogTest, ParsesLevelsAndRejectsOthers) {
  EXPECT_EQ(*parse_log_level("debug"), LogLevel::kDebug);
  EXPECT_EQ(*parse_log_level("info"), LogLevel::kInfo);
  EXPECT_EQ(*parse_log_level("warn"), LogLevel::kWarn);
  EXPECT_EQ(*parse_log_level("error"), LogLevel::kError);
  EXPECT_FALSE(parse_log_level("INFO").is_ok());
  EXPECT_FALSE(parse_log_level("").is_ok());
  EXPECT_EQ(std::string(log_level_name(LogLevel::kWarn)), "warn");
}

TEST(JsonLogTest, WritesOneObjectPerLineWithFixedKeysFirst) {
  std::ostringstream out;
  JsonLog log(out, LogLevel::kInfo, [] { return kMay1Noon123; });
  log.info("block committed", {{"height", 7}, {"hash", "ab"}});
  log.error("failed");
  std::istringstream lines(out.str());
  std::string first;
  std::string second;
  ASSERT_TRUE(std::getline(lines, first));
  ASSERT_TRUE(std::getline(lines, second));
  EXPECT_EQ(first, R"({"ts":"2024-05-01T12:00:00.123Z","level":"info","msg":"block committed",)"
                   R"("height":7,"hash":"ab"})");
  const auto parsed = nlohmann::json::parse(second);
  EXPECT_EQ(parsed["level"], "error");
  EXPECT_EQ(parsed["msg"], "failed");
  EXPECT_EQ(parsed.size(), 3u);
}

TEST(JsonLogTest, DropsLinesBelowTheLevel) {
  std::ostringstream out;
  JsonLog log(out, LogLevel::kWarn, [] { return 0; });
  log.debug("d");
  log.info("i");
  EXPECT_TRUE(out.str().empty());
  log.warn("w");
  EXPECT_NE(out.str().find("\"msg\":\"w\""), std::string::npos);
  EXPECT_FALSE(log.enabled(LogLevel::kInfo));
  EXPECT_TRUE(log.enabled(LogLevel::kError));
}

TEST(JsonLogTest, FieldsCannotReplaceFixedKeysAndBadUtf8IsReplaced) {
  std::ostringstream out;
  JsonLog log(out, LogLevel::kDebug, [] { return 0; });
  log.info("real", {{"msg", "fake"}, {"level", "error"}, {"peer", std::string("\xff\xfe")}});
  const auto parsed = nlohmann::json::parse(out.str());
  EXPECT_EQ(parsed["msg"], "real");
  EXPECT_EQ(parsed["level"], "info");
  EXPECT_TRUE(parsed["peer"].is_string());
}

}  // namespace
}  // namespace mn::node
