/* FLINT baseline for ExactRankBenchmark: nmod_mat_rank of a random ceil(1.2 P) x P matrix mod
   the largest prime below 2^31 (the first prime nnid's exact rank uses), for the P of the
   benchmark's default networks. Entries from SplitMix64 (seed 2024). */
#include <flint/flint.h>
#include <flint/nmod_mat.h>
#include "benchmark_support.h"
#include <stdio.h>

/* nmod_mat_rank of the n x n matrix of ExactRankBenchmark's square(n): entries next() % p. */
static void square(long n, mp_limb_t p) {
    nmod_mat_t a;
    nmod_mat_init(a, n, n, p);
    state = 2024;
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) nmod_mat_entry(a, i, j) = next() % p;
    double start = now();
    long rank = nmod_mat_rank(a);
    printf("RESULT exactrank.square%ld %.9g %ld\n", n, now() - start, n * n);
    printf("  nmod_mat_rank %ldx%ld: rank %ld\n", n, n, rank);
    nmod_mat_clear(a);
}

int main(void) {
    square(1000, 2147483647UL);
    const long sizes[] = {477, 2017};
    const mp_limb_t p = 2147483647UL;
    for (int s = 0; s < 2; s++) {
        long n = sizes[s], m = (n * 6 + 4) / 5;
        nmod_mat_t a, work;
        nmod_mat_init(a, m, n, p);
        nmod_mat_init(work, m, n, p);
        state = 2024;
        for (long i = 0; i < m; i++)
            for (long j = 0; j < n; j++) nmod_mat_entry(a, i, j) = next() % p;
        double best = 1e300;
        long rank = 0;
        for (int rep = 0; rep < 3; rep++) {
            nmod_mat_set(work, a);
            double start = now();
            rank = nmod_mat_rank(work);
            double elapsed = now() - start;
            if (elapsed < best) best = elapsed;
        }
        printf("RESULT exactrank.P%ld.rank %.9g %ld\n", n, best, m * n);
        printf("  nmod_mat_rank %ldx%ld: rank %ld\n", m, n, rank);
        nmod_mat_clear(a);
        nmod_mat_clear(work);
    }
    return 0;
}
