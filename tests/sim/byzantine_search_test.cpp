// The short, CI-sized randomized Byzantine search: random adversaries under the one-third bound
// and random faults must never produce a safety or conservation violation. The long version (1,000
// seeds) is bench/byzantine_search_bench.
#include "sim/byzantine_search.h"

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

TEST(ByzantineSearch, NoViolationUnderTheFaultBound) {
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const SearchOutcome outcome = run_byzantine_search_case(seed);
    EXPECT_FALSE(outcome.violated) << outcome.summary;
  }
}

TEST(ByzantineSearch, ScenariosArePureFunctionsOfTheSeed) {
  const Scenario a = random_byzantine_scenario(42);
  const Scenario b = random_byzantine_scenario(42);
  EXPECT_EQ(a.validator_count, b.validator_count);
  EXPECT_EQ(a.adversaries.size(), b.adversaries.size());
  EXPECT_EQ(a.faults.size(), b.faults.size());
  EXPECT_EQ(run_byzantine_search_case(7).summary, run_byzantine_search_case(7).summary);
}

}  // namespace
}  // namespace mn::sim
