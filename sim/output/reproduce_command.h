// The command that reruns one run, printed by run, check, sweep and shrink and kept in
// summary.json and the sweep table, so that it runs as printed: it names the metasim binary as
// it was invoked (set_invoked_program: `build/sim/metasim` when started by that path, `metasim`
// when found on PATH) and quotes for a POSIX shell any argument that needs it. A path relative to
// the working directory stays relative, so run it from the same directory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mn::sim {

// Records how this process was started (argv[0]). Called once by main before any thread starts.
void set_invoked_program(std::string_view argv0);

// "<program> run <scenario_path> --seed <seed>", each part shell-quoted when needed.
std::string reproduce_command(std::string_view scenario_path, std::uint64_t seed);

// `text` as one POSIX shell word: unchanged when it holds only safe characters, else in single
// quotes (a single quote inside becomes '\'').
std::string shell_word(std::string_view text);

}  // namespace mn::sim
