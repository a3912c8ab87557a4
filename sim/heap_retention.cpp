#include "sim/heap_retention.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace mn::sim {

void retain_freed_heap_memory() {
#if defined(__GLIBC__)
  // Blocks up to 32 MiB (glibc's largest mmap threshold on 64-bit) come from the heap, which is
  // trimmed only when 1 GiB lies free at its top, and grows 64 MiB beyond each request. Setting
  // these also stops glibc from adapting them.
  constexpr int kMiB = 1 << 20;
  mallopt(M_MMAP_THRESHOLD, 32 * kMiB);
  mallopt(M_TRIM_THRESHOLD, 1024 * kMiB);
  mallopt(M_TOP_PAD, 64 * kMiB);
#endif
}

}  // namespace mn::sim
