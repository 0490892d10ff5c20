/* Bare LAPACK baseline for nnid's TiledPivotedCholesky: one LAPACKE_dpstrf (lower, column-major)
   of a random symmetric positive definite n x n matrix, with OpenBLAS pinned to 1 thread (as
   nnid runs every BLAS call) and then at 2 threads (OpenBLAS's own threaded dsyrk/dgemv).
   The matrix is the one Sources/PivotedCholeskyBenchmark factors: lower triangle filled column
   by column from SplitMix64 (seed 7), off-diagonal entries in [-1, 1), diagonal n + [-1, 1)
   (diagonally dominant: positive definite, so every one of the n steps is taken at cut 0).
   Usage: pivoted_cholesky [sizes, default 4000,8000] [repetitions, default 2]
   Prints "RESULT pstrf.<n>.1t <best s> <rank>" and the same with .2t (2 threads). */
#include <cblas.h>
#include <lapacke.h>
#include "benchmark_support.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>

/* OpenBLAS's thread setter, looked up at run time (libblas.so.3 is OpenBLAS through Debian's
   alternatives); without it the 2-thread figure would not mean anything. */
static void set_threads(int threads) {
    void (*set)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (!set) { fprintf(stderr, "the BLAS is not OpenBLAS: no openblas_set_num_threads\n"); exit(1); }
    set(threads);
}

static void fill(double *g, long n) {
    state = 7;
    for (long j = 0; j < n; j++)
        for (long i = j; i < n; i++) {
            double v = (double)(next() >> 11) * 0x1p-52 - 1;
            g[i + j * n] = i == j ? (double)n + v : v;
        }
}

int main(int argc, char **argv) {
    const char *sizes = argc > 1 ? argv[1] : "4000,8000";
    int repetitions = argc > 2 ? atoi(argv[2]) : 2;
    char *list = strdup(sizes);
    for (char *token = strtok(list, ","); token; token = strtok(NULL, ",")) {
        long n = atol(token);
        double *g = malloc(sizeof(double) * n * n), *a = malloc(sizeof(double) * n * n);
        lapack_int *piv = malloc(sizeof(lapack_int) * n), rank = 0;
        if (!g || !a || !piv) { fprintf(stderr, "out of memory\n"); return 1; }
        fill(g, n);
        for (int threads = 1; threads <= 2; threads++) {
            set_threads(threads);
            double best = 1e300, checksum = 0;
            for (int r = 0; r < repetitions; r++) {
                memcpy(a, g, sizeof(double) * n * n);
                double start = now();
                int info = LAPACKE_dpstrf(LAPACK_COL_MAJOR, 'L', n, a, n, piv, &rank, 0);
                double elapsed = now() - start;
                if (info < 0) { fprintf(stderr, "dpstrf info %d\n", info); return 1; }
                if (elapsed < best) best = elapsed;
                checksum = 0;
                for (long i = 0; i < rank; i++) checksum += a[i + i * n];
            }
            printf("RESULT pstrf.%ld.%dt %.9g %d\n", n, threads, best, (int)rank);
            printf("  dpstrf n = %ld, %d OpenBLAS thread%s: %.2f s best of %d, rank %d, first pivot %d, sum of L_jj %.17g\n", n,
                   threads, threads > 1 ? "s" : "", best, repetitions, (int)rank, (int)piv[0] - 1, checksum);
        }
        free(g); free(a); free(piv);
    }
    free(list);
    return 0;
}
