#include "core/runtime/assert.h"

#include <cstdio>
#include <cstdlib>

namespace mn::runtime {

void assertion_failed(const char* condition, const char* file, int line, const char* message) {
  std::fprintf(stderr, "invariant violated: %s at %s:%d%s%s\n", condition, file, line,
               message ? ": " : "", message ? message : "");
  std::abort();
}

}  // namespace mn::runtime
