#include "core/runtime/result.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace mn::runtime {
namespace {

TEST(Status, DefaultIsOk) {
  const Status status;
  EXPECT_TRUE(status.is_ok());
  EXPECT_EQ(status.code(), ErrorCode::kOk);
  EXPECT_EQ(status.to_string(), "ok");
  EXPECT_TRUE(Status::ok().is_ok());
}

TEST(Status, CarriesCodeAndMessage) {
  const Status status(ErrorCode::kTruncated, "u32 at offset 3");
  EXPECT_FALSE(status.is_ok());
  EXPECT_EQ(status.code(), ErrorCode::kTruncated);
  EXPECT_EQ(status.message(), "u32 at offset 3");
  EXPECT_EQ(status.to_string(), "truncated: u32 at offset 3");
}

TEST(Status, EveryCodeHasAName) {
  EXPECT_STREQ(error_code_name(ErrorCode::kOk), "ok");
  EXPECT_STREQ(error_code_name(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_STREQ(error_code_name(ErrorCode::kTruncated), "truncated");
  EXPECT_STREQ(error_code_name(ErrorCode::kTrailingBytes), "trailing_bytes");
  EXPECT_STREQ(error_code_name(ErrorCode::kBadVersion), "bad_version");
  EXPECT_STREQ(error_code_name(ErrorCode::kNotFound), "not_found");
  EXPECT_STREQ(error_code_name(ErrorCode::kBadSignature), "bad_signature");
  EXPECT_STREQ(error_code_name(ErrorCode::kIoError), "io_error");
}

TEST(Result, HoldsAValue) {
  Result<int> result(7);
  ASSERT_TRUE(result.is_ok());
  EXPECT_TRUE(static_cast<bool>(result));
  EXPECT_EQ(*result, 7);
  EXPECT_EQ(result.value(), 7);
  EXPECT_TRUE(result.status().is_ok());
}

TEST(Result, HoldsAnError) {
  Result<int> result(ErrorCode::kNotFound, "no such block");
  EXPECT_FALSE(result.is_ok());
  EXPECT_FALSE(static_cast<bool>(result));
  EXPECT_EQ(result.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(result.status().message(), "no such block");
}

TEST(Result, PropagatesAStatus) {
  const auto fails = []() -> Result<std::string> { return Status(ErrorCode::kIoError, "disk"); };
  const Result<std::string> result = fails();
  EXPECT_EQ(result.status().to_string(), "io_error: disk");
}

TEST(Result, SupportsMoveOnlyValues) {
  Result<std::unique_ptr<int>> result(std::make_unique<int>(5));
  ASSERT_TRUE(result);
  std::unique_ptr<int> owned = std::move(result).value();
  ASSERT_NE(owned, nullptr);
  EXPECT_EQ(*owned, 5);
}

TEST(Result, ArrowReachesMembers) {
  Result<std::string> result(std::string("abc"));
  EXPECT_EQ(result->size(), 3u);
  result->push_back('d');
  EXPECT_EQ(*result, "abcd");
}

}  // namespace
}  // namespace mn::runtime
