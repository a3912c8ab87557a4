#include "sim/output/reproduce_command.h"

#include <string>

#include <fmt/format.h>

namespace mn::sim {
namespace {

// Written once by main before threads start, read after: no synchronisation needed.
std::string& invoked_program() {
  static std::string program = "metasim";
  return program;
}

bool safe_in_shell(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("_-./=:,+@%").find(c) != std::string_view::npos;
}

}  // namespace

void set_invoked_program(std::string_view argv0) {
  // Without a slash the shell found it on PATH, and will again by that name.
  invoked_program() = argv0.find('/') == std::string_view::npos ? "metasim" : std::string(argv0);
}

std::string shell_word(std::string_view text) {
  bool safe = !text.empty();
  for (char c : text) safe = safe && safe_in_shell(c);
  if (safe) return std::string(text);
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string reproduce_command(std::string_view scenario_path, std::uint64_t seed) {
  return fmt::format("{} run {} --seed {}", shell_word(invoked_program()),
                     shell_word(scenario_path), seed);
}

}  // namespace mn::sim
