// The reproduce command runs as printed: it names the binary as invoked and quotes what a shell
// would split or expand.
#include "sim/output/reproduce_command.h"

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

TEST(ReproduceCommand, QuotesOnlyWhatTheShellWouldChange) {
  EXPECT_EQ(shell_word("scenarios/byzantine/a-b_c.json"), "scenarios/byzantine/a-b_c.json");
  EXPECT_EQ(shell_word("my runs/x.json"), "'my runs/x.json'");
  EXPECT_EQ(shell_word("it's$HOME*.json"), "'it'\\''s$HOME*.json'");
  EXPECT_EQ(shell_word(""), "''");
}

TEST(ReproduceCommand, NamesTheBinaryAsInvoked) {
  set_invoked_program("build/sim/metasim");
  EXPECT_EQ(reproduce_command("out/x y.json", 7), "build/sim/metasim run 'out/x y.json' --seed 7");
  set_invoked_program("metasim");
  EXPECT_EQ(reproduce_command("s.json", 3), "metasim run s.json --seed 3");
}

}  // namespace
}  // namespace mn::sim
