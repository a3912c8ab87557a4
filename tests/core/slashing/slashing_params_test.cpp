#include "core/slashing/slashing_params.h"

#include <gtest/gtest.h>

namespace mn::slashing {
namespace {

TEST(SlashingParamsTest, PenaltiesFollowTheRatesAndSplitIntoBurnAndPool) {
  const SlashingParams params;
  const Penalty double_sign = penalty(params, OffenceKind::kDoubleSign, 1'001);
  EXPECT_EQ(double_sign.slashed, 200u);  // 20 % of 1001, rounded down
  EXPECT_EQ(double_sign.burned, 100u);
  EXPECT_EQ(double_sign.to_pool, 100u);
  EXPECT_TRUE(double_sign.tombstone);
  const Penalty censorship = penalty(params, OffenceKind::kCensorship, 1'000);
  EXPECT_EQ(censorship.slashed, 100u);
  EXPECT_FALSE(censorship.tombstone);
  EXPECT_EQ(penalty(params, OffenceKind::kInvalidVote, 1'000).slashed, 50u);
  EXPECT_EQ(penalty(params, OffenceKind::kDoubleSign, UINT64_MAX).slashed, UINT64_MAX / 5);
}

TEST(SlashingParamsTest, RatesAboveTheWholeAreRefused) {
  SlashingParams params;
  params.burn_bps = 10'001;
  EXPECT_FALSE(params.check().is_ok());
}

TEST(OffenceTest, TheIdNamesTheOffenceNotTheEvidence) {
  Offence a{OffenceKind::kDoubleSign, {}, 5, 1, {}};
  Offence b = a;
  b.poe_id[0] = 1;  // not part of the identity
  EXPECT_EQ(a.id(), b.id());
  b.round = 2;
  EXPECT_NE(a.id(), b.id());
}

}  // namespace
}  // namespace mn::slashing
