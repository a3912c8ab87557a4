#include "node/peer_frame.h"

#include <string>

#include <gtest/gtest.h>

namespace mn::node {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;

TEST(PeerFrameTest, HeartbeatsCarryTheirNonceBigEndian) {
  const Bytes ping = encode_heartbeat_frame(PeerFrameType::kPing, 0x0102030405060708ULL);
  EXPECT_EQ(ping, (Bytes{1, 1, 2, 3, 4, 5, 6, 7, 8}));
  runtime::Result<PeerFrame> parsed = parse_peer_frame(ping);
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(parsed->type, PeerFrameType::kPing);
  EXPECT_EQ(parsed->nonce, 0x0102030405060708ULL);

  parsed = parse_peer_frame(encode_heartbeat_frame(PeerFrameType::kPong, ~0ULL));
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(parsed->type, PeerFrameType::kPong);
  EXPECT_EQ(parsed->nonce, ~0ULL);
}

TEST(PeerFrameTest, DataFramesCarryAnyPayloadIncludingEmpty) {
  const std::string text = "hello";
  for (const Bytes& payload : {Bytes{}, Bytes(text.begin(), text.end()), Bytes(1000, 0)}) {
    const Bytes frame = encode_data_frame(payload);
    runtime::Result<PeerFrame> parsed = parse_peer_frame(frame);
    ASSERT_TRUE(parsed.is_ok());
    EXPECT_EQ(parsed->type, PeerFrameType::kData);
    EXPECT_EQ(Bytes(parsed->payload.begin(), parsed->payload.end()), payload);
  }
}

TEST(PeerFrameTest, MalformedFramesAreRejected) {
  Bytes short_pong = encode_heartbeat_frame(PeerFrameType::kPong, 1);
  short_pong.pop_back();
  Bytes long_ping = encode_heartbeat_frame(PeerFrameType::kPing, 1);
  long_ping.push_back(0);
  for (const Bytes& bad : {Bytes{}, Bytes{0}, Bytes{4, 1, 2}, Bytes{0xff}, short_pong, long_ping}) {
    EXPECT_EQ(parse_peer_frame(bad).status().code(), ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace mn::node
