#include "core/runtime/message.h"

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

TEST(Message, WireSizeAddsTheFrameHeader) {
  EXPECT_EQ(make_message(1, Bytes(100))->wire_size(), 100 + Message::kWireHeaderBytes);
  EXPECT_EQ(make_message(1, Bytes{})->wire_size(), Message::kWireHeaderBytes);
}

}  // namespace
}  // namespace mn::runtime
