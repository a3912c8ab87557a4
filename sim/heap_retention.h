// Keeps the memory a simulation frees inside the process for its next allocations.
//
// glibc's malloc, left to its defaults, returns memory to the kernel whenever more than 128 KiB
// lies free at the top of its heap, and maps each block above an adaptive threshold afresh. A large
// run frees and reallocates hundreds of MiB per simulated second (a 1,000-validator run's vote
// tallies, about 120 KiB per node, step and height), so the same memory went back and forth, and
// every trip back cost page faults that zero whole (huge) pages: a fifth of ibft_1000's wall time
// (docs/PERFORMANCE.md). Peak memory is unchanged; what is freed stays for reuse.
//
// Call once at the start of a program that runs simulations (metasim, the benches), before other
// threads start. A no-op where the C library is not glibc. Never changes a result.
#pragma once

namespace mn::sim {

void retain_freed_heap_memory();

}  // namespace mn::sim
