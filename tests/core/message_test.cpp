#include "core/runtime/message.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto/hash.h"

namespace mn::runtime {
namespace {

TEST(Message, IdIsBlake2bOfKindLittleEndianThenPayload) {
  const MessagePtr message = make_message(0x0102, Bytes{9, 8, 7});
  const Bytes preimage = {0x02, 0x01, 9, 8, 7};
  EXPECT_EQ(message->id(), crypto::blake2b_256(preimage));
  EXPECT_EQ(message->kind, 0x0102);
  EXPECT_EQ(message->payload, (Bytes{9, 8, 7}));
}

TEST(Message, SameKindAndPayloadGiveTheSameId) {
  EXPECT_EQ(make_message(5, Bytes{1, 2})->id(), make_message(5, Bytes{1, 2})->id());
}

TEST(Message, IdDependsOnKind) {
  EXPECT_NE(make_message(5, Bytes{1, 2})->id(), make_message(6, Bytes{1, 2})->id());
  EXPECT_NE(make_message(0x0100, Bytes{})->id(), make_message(0x0001, Bytes{})->id());
}

TEST(Message, IdDependsOnPayload) {
  EXPECT_NE(make_message(5, Bytes{1, 2})->id(), make_message(5, Bytes{1, 3})->id());
  EXPECT_NE(make_message(5, Bytes{1, 2})->id(), make_message(5, Bytes{1, 2, 0})->id());
  EXPECT_NE(make_message(5, Bytes{})->id(), make_message(5, Bytes{0})->id());
}

TEST(Message, IdIsTheSameFromEveryThreadThatAsksFirst) {
  const MessagePtr message = make_message(7, Bytes(4096, 3));
  std::vector<Hash32> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] { seen[i] = message->id(); });
  for (auto& thread : threads) thread.join();
  Bytes preimage = {7, 0};
  preimage.insert(preimage.end(), 4096, 3);
  for (const Hash32& id : seen) EXPECT_EQ(id, crypto::blake2b_256(preimage));
}

// Reads the payload as its byte sum, failing on an empty payload; counts its calls.
struct CountingDecoder {
  int calls = 0;
  Result<std::uint64_t> operator()(ByteView bytes) {
    ++calls;
    if (bytes.empty()) return Status(ErrorCode::kTruncated, "empty");
    std::uint64_t sum = 0;
    for (const std::uint8_t b : bytes) sum += b;
    return sum;
  }
};

TEST(Message, DecodedOnceAndSharedByEveryCaller) {
  const MessagePtr message = make_message(3, Bytes{1, 2, 3});
  CountingDecoder decoder;
  const auto first = message->decoded<std::uint64_t>(decoder);
  const auto second = message->decoded<std::uint64_t>(decoder);
  ASSERT_TRUE(first.is_ok());
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(**first, 6u);
  EXPECT_EQ(*first, *second) << "both callers read the one kept decoding";
  EXPECT_EQ(decoder.calls, 1);
}

TEST(Message, AFailedDecodingIsNotKept) {
  const MessagePtr message = make_message(3, Bytes{});
  CountingDecoder decoder;
  for (int i = 0; i < 3; ++i) {
    const auto result = message->decoded<std::uint64_t>(decoder);
    ASSERT_FALSE(result.is_ok());
    EXPECT_EQ(result.status().code(), ErrorCode::kTruncated);
  }
  EXPECT_EQ(decoder.calls, 3);
}

TEST(Message, DecodedOnceWhenManyThreadsAskFirst) {
  const MessagePtr message = make_message(3, Bytes(4096, 1));
  std::atomic<int> calls{0};
  const auto decode = [&calls](ByteView bytes) -> Result<std::uint64_t> {
    ++calls;
    return static_cast<std::uint64_t>(bytes.size());
  };
  std::vector<const std::uint64_t*> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] { seen[i] = *message->decoded<std::uint64_t>(decode); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(calls.load(), 1);
  for (const std::uint64_t* value : seen) {
    EXPECT_EQ(value, seen.front());
    EXPECT_EQ(*value, 4096u);
  }
}

TEST(Message, WireSizeAddsTheFrameHeader) {
  EXPECT_EQ(make_message(1, Bytes(100))->wire_size(), 100 + Message::kWireHeaderBytes);
  EXPECT_EQ(make_message(1, Bytes{})->wire_size(), Message::kWireHeaderBytes);
}

}  // namespace
}  // namespace mn::runtime
