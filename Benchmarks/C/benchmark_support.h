/* Shared by the C baselines: the SplitMix64 generator (the same sequence as nnid's
   `SplitMix64`, so both sides of a benchmark see the same inputs) and a monotonic clock. */
#ifndef NNID_BENCHMARK_SUPPORT_H
#define NNID_BENCHMARK_SUPPORT_H
#include <stdint.h>
#include <time.h>

static uint64_t state;
static uint64_t next(void) {
    state += 0x9E3779B97F4A7C15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

#endif
