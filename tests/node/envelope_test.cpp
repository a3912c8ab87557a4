#include "node/envelope.h"

#include <string>

#include <gtest/gtest.h>

namespace mn::node {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

TEST(EnvelopeTest, RoundTripsRouteKindAndPayloadAndRecomputesTheId) {
  const std::string text = "block bytes";
  const runtime::MessagePtr message =
      runtime::make_message(0x0104, Bytes(text.begin(), text.end()));
  for (const Route route : {Route::kDirect, Route::kGossip}) {
    const Bytes wire = encode_envelope(route, *message);
    EXPECT_EQ(wire.size(), kEnvelopeHeaderBytes + message->payload.size());
    EXPECT_EQ(wire[1], 0x04);  // kind, little-endian
    EXPECT_EQ(wire[2], 0x01);
    runtime::Result<Envelope> decoded = decode_envelope(wire);
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
    EXPECT_EQ(decoded->route, route);
    EXPECT_EQ(decoded->message->kind, message->kind);
    EXPECT_EQ(decoded->message->payload, message->payload);
    EXPECT_EQ(decoded->message->id(), message->id());
  }
}

TEST(EnvelopeTest, TheIdFollowsTheBytesNotTheSender) {
  const runtime::MessagePtr message = runtime::make_message(7, Bytes{1, 2, 3});
  Bytes wire = encode_envelope(Route::kGossip, *message);
  wire.back() ^= 1;
  runtime::Result<Envelope> decoded = decode_envelope(wire);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_NE(decoded->message->id(), message->id());
}

TEST(EnvelopeTest, ShortOrUnknownRouteIsRejected) {
  EXPECT_EQ(decode_envelope(Bytes{}).status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(decode_envelope(Bytes{1, 7}).status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(decode_envelope(Bytes{0, 7, 0}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(decode_envelope(Bytes{3, 7, 0}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(decode_envelope(Bytes{1, 7, 0}).is_ok());  // an empty payload is a message
}

}  // namespace
}  // namespace mn::node
