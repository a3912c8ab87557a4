// QLock commit-reveal windows: the schedule's phases, the commitment's binding, every refusal
// reason of commit and reveal, and settlement (refunds to revealers, forfeits for the rest, every
// unit accounted for, also as a RapidCheck property).
#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/auction/qlock_book.h"
#include "core/auction/qlock_commitment.h"
#include "tests/core/auction/auction_test_util.h"

namespace mn::auction {
namespace {

// Window w: commit [10 + 4w, 14 + 4w), reveal 3 heights, seal 2 heights.
QLockParams params() {
  QLockParams p;
  p.chain_id = "test-chain";
  p.schedule = WindowSchedule{10, 4, 3, 2};
  p.min_bond = 100;
  p.max_tx_core_bytes = 64;
  return p;
}

runtime::Bytes bytes(const std::string& text) {
  return runtime::Bytes(text.begin(), text.end());
}

const runtime::Bytes kSalt = bytes("sixteen-byte-slt");

runtime::Hash32 commitment_of(std::uint64_t window, const runtime::Hash32& sender,
                              const runtime::Bytes& tx, const runtime::Bytes& salt = kSalt) {
  return qlock_commitment("test-chain", window, sender, tx, salt);
}

TEST(WindowSchedule, PhasesArePipelinedByHeight) {
  const WindowSchedule s{10, 4, 3, 2};
  ASSERT_TRUE(s.valid());
  EXPECT_EQ(s.window_of(9), std::nullopt);
  EXPECT_EQ(s.window_of(10), 0u);
  EXPECT_EQ(s.window_of(13), 0u);
  EXPECT_EQ(s.window_of(14), 1u);
  EXPECT_EQ(s.phase(0, 9), WindowPhase::kNotOpen);
  EXPECT_EQ(s.phase(0, 10), WindowPhase::kCommit);
  EXPECT_EQ(s.phase(0, 14), WindowPhase::kReveal);
  EXPECT_EQ(s.phase(0, 16), WindowPhase::kReveal);
  EXPECT_EQ(s.phase(0, 17), WindowPhase::kSeal);
  EXPECT_EQ(s.phase(0, 18), WindowPhase::kSeal);
  EXPECT_EQ(s.phase(0, 19), WindowPhase::kClosed);
  EXPECT_EQ(s.phase(1, 14), WindowPhase::kCommit);
  EXPECT_EQ(s.close_height(1), 23u);
  EXPECT_EQ(s.phase(UINT64_MAX, UINT64_MAX), WindowPhase::kNotOpen);
  EXPECT_FALSE((WindowSchedule{10, 0, 3, 2}.valid()));
  EXPECT_FALSE((WindowSchedule{10, 4, 0, 2}.valid()));
  EXPECT_FALSE((WindowSchedule{10, 4, 3, 0}.valid()));
}

TEST(QLockCommitment, BindsEveryInput) {
  const runtime::Hash32 alice = test::id_of("sender", 1);
  const runtime::Bytes tx = bytes("tx");
  const runtime::Hash32 base = commitment_of(3, alice, tx);
  EXPECT_EQ(base, commitment_of(3, alice, tx));
  EXPECT_NE(base, qlock_commitment("other-chain", 3, alice, tx, kSalt));
  EXPECT_NE(base, commitment_of(4, alice, tx));
  EXPECT_NE(base, commitment_of(3, test::id_of("sender", 2), tx));
  EXPECT_NE(base, commitment_of(3, alice, bytes("tx2")));
  EXPECT_NE(base, commitment_of(3, alice, tx, bytes("sixteen-byte-slu")));
  // The length prefixes keep the split between tx_core and salt unambiguous.
  EXPECT_NE(commitment_of(3, alice, bytes("ab"), bytes("cdefghijklmnopqrs")),
            commitment_of(3, alice, bytes("abc"), bytes("defghijklmnopqrs")));
}

TEST(QLockBook, CommitRefusals) {
  QLockBook book(params());
  const runtime::Hash32 alice = test::id_of("sender", 1);
  const runtime::Hash32 c = commitment_of(0, alice, bytes("tx"));
  EXPECT_EQ(book.commit(alice, 0, c, 100, 9), QLockRefusal::kTooEarly);
  EXPECT_EQ(book.commit(alice, 0, c, 100, 14), QLockRefusal::kTooLate);
  EXPECT_EQ(book.commit(alice, 0, c, 99, 10), QLockRefusal::kBondTooLow);
  EXPECT_EQ(book.commit(alice, 0, c, 100, 10), QLockRefusal::kNone);
  EXPECT_EQ(book.commit(alice, 0, c, 100, 11), QLockRefusal::kDuplicateCommit);
  EXPECT_EQ(book.commit_count(0), 1u);

  QLockParams small = params();
  small.max_commits_per_window = 1;
  QLockBook full(small);
  EXPECT_EQ(full.commit(alice, 0, c, 100, 10), QLockRefusal::kNone);
  EXPECT_EQ(full.commit(alice, 0, commitment_of(0, alice, bytes("tx2")), 100, 10),
            QLockRefusal::kWindowFull);
  QLockBook overflow(params());
  EXPECT_EQ(overflow.commit(alice, 0, c, UINT64_MAX, 10), QLockRefusal::kNone);
  EXPECT_EQ(overflow.commit(alice, 0, commitment_of(0, alice, bytes("tx2")), 100, 10),
            QLockRefusal::kWindowFull);
}

TEST(QLockBook, RevealRefusals) {
  QLockBook book(params());
  const runtime::Hash32 alice = test::id_of("sender", 1);
  const runtime::Hash32 bob = test::id_of("sender", 2);
  const runtime::Bytes tx = bytes("tx");
  ASSERT_EQ(book.commit(alice, 0, commitment_of(0, alice, tx), 100, 10), QLockRefusal::kNone);
  EXPECT_EQ(book.reveal(alice, 0, tx, bytes("fifteen-bytes!!"), 14), QLockRefusal::kSaltTooShort);
  EXPECT_EQ(book.reveal(alice, 0, runtime::Bytes(65, 1), kSalt, 14), QLockRefusal::kTxCoreTooLarge);
  EXPECT_EQ(book.reveal(alice, 0, tx, kSalt, 13), QLockRefusal::kTooEarly);
  EXPECT_EQ(book.reveal(alice, 0, tx, kSalt, 17), QLockRefusal::kTooLate);
  // Mismatches: another tx_core, another salt, another sender.
  EXPECT_EQ(book.reveal(alice, 0, bytes("tx!"), kSalt, 14), QLockRefusal::kUnknownCommitment);
  EXPECT_EQ(book.reveal(alice, 0, tx, bytes("sixteen-byte-slu"), 14),
            QLockRefusal::kUnknownCommitment);
  EXPECT_EQ(book.reveal(bob, 0, tx, kSalt, 14), QLockRefusal::kUnknownCommitment);
  EXPECT_EQ(book.reveal(alice, 0, tx, kSalt, 14), QLockRefusal::kNone);
  EXPECT_EQ(book.reveal(alice, 0, tx, kSalt, 15), QLockRefusal::kDuplicateReveal);
  ASSERT_EQ(book.reveals(0).size(), 1u);
  EXPECT_EQ(book.reveals(0)[0].tx_core, tx);
  EXPECT_EQ(book.reveals(0)[0].height, 14u);
}

TEST(QLockBook, ACommitPostedUnderAnotherSendersKeyDoesNotReveal) {
  QLockBook book(params());
  const runtime::Hash32 alice = test::id_of("sender", 1);
  const runtime::Hash32 bob = test::id_of("sender", 2);
  const runtime::Bytes tx = bytes("tx");
  // Bob posts Alice's commitment as his own: neither can reveal it.
  ASSERT_EQ(book.commit(bob, 0, commitment_of(0, alice, tx), 100, 10), QLockRefusal::kNone);
  EXPECT_EQ(book.reveal(alice, 0, tx, kSalt, 14), QLockRefusal::kUnknownCommitment);
  EXPECT_EQ(book.reveal(bob, 0, tx, kSalt, 14), QLockRefusal::kUnknownCommitment);
}

TEST(QLockBook, ReplayOfAnotherWindowsCommitIsRefused) {
  QLockBook book(params());
  const runtime::Hash32 alice = test::id_of("sender", 1);
  const runtime::Bytes tx = bytes("tx");
  // Committed (naming window 1) in window 1; revealed as if for window 0.
  ASSERT_EQ(book.commit(alice, 0, commitment_of(0, alice, bytes("other")), 100, 10),
            QLockRefusal::kNone);
  ASSERT_EQ(book.commit(alice, 1, commitment_of(1, alice, tx), 100, 14), QLockRefusal::kNone);
  EXPECT_EQ(book.reveal(alice, 0, tx, kSalt, 14), QLockRefusal::kReplayOtherWindow);
  // The window-0 commitment copied into window 1 does not open there either.
  ASSERT_EQ(book.commit(alice, 1, commitment_of(0, alice, bytes("other")), 100, 15),
            QLockRefusal::kNone);
  EXPECT_EQ(book.reveal(alice, 1, bytes("other"), kSalt, 18), QLockRefusal::kReplayOtherWindow);
  EXPECT_EQ(book.reveal(alice, 1, tx, kSalt, 18), QLockRefusal::kNone);
}

TEST(QLockBook, ACommitmentNamingAnotherWindowPostedHereIsAReplay) {
  QLockBook book(params());
  const runtime::Hash32 alice = test::id_of("sender", 1);
  const runtime::Bytes tx = bytes("tx");
  // Window 1 holds a commit naming window 2 (copied ahead); window 2 is live in the book too.
  ASSERT_EQ(book.commit(alice, 1, commitment_of(2, alice, tx), 100, 14), QLockRefusal::kNone);
  ASSERT_EQ(book.commit(alice, 2, commitment_of(2, alice, bytes("x")), 100, 18),
            QLockRefusal::kNone);
  EXPECT_EQ(book.reveal(alice, 1, tx, kSalt, 18), QLockRefusal::kReplayOtherWindow);
}

TEST(QLockBook, SettleRefundsRevealersAndForfeitsTheRest) {
  QLockBook book(params());
  const runtime::Hash32 alice = test::id_of("sender", 1);
  const runtime::Hash32 bob = test::id_of("sender", 2);
  ASSERT_EQ(book.commit(alice, 0, commitment_of(0, alice, bytes("a")), 150, 10),
            QLockRefusal::kNone);
  ASSERT_EQ(book.commit(bob, 0, commitment_of(0, bob, bytes("b")), 400, 11), QLockRefusal::kNone);
  ASSERT_EQ(book.reveal(alice, 0, bytes("a"), kSalt, 15), QLockRefusal::kNone);
  EXPECT_EQ(book.settle(0, 18).refusal, QLockRefusal::kTooEarly);
  const QLockSettlement s = book.settle(0, 19);
  ASSERT_TRUE(s.is_ok());
  ASSERT_EQ(s.refunds.size(), 1u);
  EXPECT_EQ(s.refunds[0].sender, alice);
  EXPECT_EQ(s.refunds[0].amount, 150u);
  ASSERT_EQ(s.forfeits.size(), 1u);
  EXPECT_EQ(s.forfeits[0].sender, bob);
  EXPECT_EQ(s.forfeited, 400u);
  EXPECT_EQ(s.total_bonded, 550u);
  EXPECT_EQ(book.window_count(), 0u);
  // Settled once: a second settlement moves nothing.
  EXPECT_EQ(book.settle(0, 19).total_bonded, 0u);
}

RC_GTEST_PROP(QLockBook, SettlementConservesEveryUnit, ()) {
  QLockBook book(params());
  const auto commits = *rc::gen::inRange<std::size_t>(0, 30);
  std::uint64_t bonded = 0;
  for (std::size_t i = 0; i < commits; ++i) {
    const runtime::Hash32 sender = test::id_of("sender", i % 5);
    const runtime::Bytes tx = {static_cast<std::uint8_t>(i)};
    const auto bond = *rc::gen::inRange<std::uint64_t>(0, 1'000'000'000'000);
    const auto height = *rc::gen::inRange<std::uint64_t>(8, 16);
    if (book.commit(sender, 0, commitment_of(0, sender, tx), bond, height) == QLockRefusal::kNone)
      bonded += bond;
    if (*rc::gen::arbitrary<bool>())
      static_cast<void>(
          book.reveal(sender, 0, tx, kSalt, *rc::gen::inRange<std::uint64_t>(12, 20)));
  }
  const std::size_t revealed = book.reveals(0).size();
  const QLockSettlement s = book.settle(0, 19);
  RC_ASSERT(s.is_ok());
  RC_ASSERT(s.refunds.size() == revealed);
  std::uint64_t refunded = 0;
  std::uint64_t forfeited = 0;
  for (const BondRefund& r : s.refunds) refunded += r.amount;
  for (const BondRefund& r : s.forfeits) forfeited += r.amount;
  RC_ASSERT(refunded == s.refunded);
  RC_ASSERT(forfeited == s.forfeited);
  RC_ASSERT(refunded + forfeited == bonded);
  RC_ASSERT(s.total_bonded == bonded);
}

}  // namespace
}  // namespace mn::auction
