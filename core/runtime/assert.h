// Loud invariant checks. MN_ASSERT is for broken internal invariants only: it stays on in release
// builds and aborts with the condition and location. Never use it on external input; return a
// Status for that.
#pragma once

namespace mn::runtime {
[[noreturn]] void assertion_failed(const char* condition, const char* file, int line,
                                   const char* message);
}  // namespace mn::runtime

#define MN_ASSERT(cond)                                                               \
  do {                                                                                \
    if (!(cond)) ::mn::runtime::assertion_failed(#cond, __FILE__, __LINE__, nullptr); \
  } while (0)
#define MN_ASSERT_MSG(cond, msg)                                                  \
  do {                                                                            \
    if (!(cond)) ::mn::runtime::assertion_failed(#cond, __FILE__, __LINE__, msg); \
  } while (0)
