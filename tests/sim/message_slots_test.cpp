#include "sim/message_slots.h"

#include <memory>
#include <vector>

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

runtime::MessagePtr message_with(std::uint8_t byte) {
  return runtime::make_message(1, runtime::Bytes{byte});
}

TEST(MessageSlots, CopiesHeldInARowShareASlotAndTheLastReleaseLetsGo) {
  MessageSlots slots;
  std::weak_ptr<const runtime::Message> watched;
  std::vector<std::uint32_t> held;
  {
    const runtime::MessagePtr message = message_with(1);
    watched = message;
    for (int i = 0; i < 1000; ++i) held.push_back(slots.hold(message));
  }
  for (const std::uint32_t slot : held) EXPECT_EQ(slot, held.front());
  EXPECT_EQ(slots.held(), 1U);
  for (std::size_t i = 0; i + 1 < held.size(); ++i) {
    slots.release(held[i]);
    ASSERT_FALSE(watched.expired()) << "released too early, after " << i + 1;
  }
  EXPECT_EQ(slots.message(held.back())->payload, runtime::Bytes{1});
  slots.release(held.back());
  EXPECT_TRUE(watched.expired());
  EXPECT_EQ(slots.held(), 0U);
}

TEST(MessageSlots, InterleavedMessagesKeepTheirOwnSlots) {
  MessageSlots slots;
  const runtime::MessagePtr a = message_with(1);
  const runtime::MessagePtr b = message_with(2);
  const std::uint32_t a1 = slots.hold(a);
  const std::uint32_t b1 = slots.hold(b);
  const std::uint32_t a2 = slots.hold(a);
  EXPECT_NE(a1, b1);
  EXPECT_EQ(slots.message(a1), a);
  EXPECT_EQ(slots.message(b1), b);
  EXPECT_EQ(slots.message(a2), a);
  slots.release(a1);
  slots.release(b1);
  EXPECT_EQ(slots.message(a2), a);
  slots.release(a2);
  EXPECT_EQ(slots.held(), 0U);
  // A freed slot is reused, and the slot held last no longer matches a message it let go of.
  const std::uint32_t c = slots.hold(b);
  EXPECT_EQ(slots.message(c), b);
  EXPECT_EQ(slots.held(), 1U);
}

TEST(MessageSlots, AHeldMessageStaysPutWhileMoreAreHeld) {
  MessageSlots slots;
  const std::uint32_t first = slots.hold(message_with(0));
  const runtime::MessagePtr& reading = slots.message(first);
  const runtime::Message* address = reading.get();
  for (int i = 1; i < 10'000; ++i) slots.hold(message_with(static_cast<std::uint8_t>(i)));
  EXPECT_EQ(reading.get(), address);
  EXPECT_EQ(reading->payload, runtime::Bytes{0});
}

TEST(MessageSlotsDeathTest, ASecondReleaseIsAnError) {
  MessageSlots slots;
  const std::uint32_t slot = slots.hold(message_with(1));
  slots.release(slot);
  EXPECT_DEATH(slots.release(slot), "released once");
}

}  // namespace
}  // namespace mn::sim
