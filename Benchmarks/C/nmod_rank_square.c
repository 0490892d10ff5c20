/* Bare FLINT baseline for the exact certificate at a given P (Benchmarks/README.md, "The exact
   certificate at P = 2,328"): nmod_mat_rank of a random m x n matrix mod 2^31 - 1 (the largest
   prime below 2^31, the first prime nnid's exact rank uses), best of two, entries from
   SplitMix64 (seed 2024).
       gcc -O2 nmod_rank_square.c -o nmod_rank_square -lflint -lgmp && ./nmod_rank_square 2328 2328 */
#include <flint/flint.h>
#include <flint/nmod_mat.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned long long state = 2024;

static unsigned long long next(void) {
    unsigned long long z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s columns rows\n", argv[0]); return 2; }
    long n = atol(argv[1]), m = atol(argv[2]);
    if (n <= 0 || m <= 0 || n > 100000 || m > 100000) { fprintf(stderr, "sizes must be in 1...100000\n"); return 2; }
    const mp_limb_t p = 2147483647UL;
    nmod_mat_t a;
    nmod_mat_init(a, m, n, p);
    for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) nmod_mat_entry(a, i, j) = next() % p;
    double best = 1e300;
    long rank = 0;
    for (int rep = 0; rep < 2; rep++) {
        nmod_mat_t work;
        nmod_mat_init_set(work, a);
        double start = now();
        rank = nmod_mat_rank(work);
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
        nmod_mat_clear(work);
    }
    printf("nmod_mat_rank %ldx%ld rank %ld best %.2f s\n", m, n, rank, best);
    nmod_mat_clear(a);
    return 0;
}
