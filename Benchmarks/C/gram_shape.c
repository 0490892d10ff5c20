/* Bare LAPACK baseline for the Gram engine's rows of the rank table: G = AᵀA of a random m x n
   matrix (SplitMix64, seed 7) accumulated by cblas_dsyrk over blocks of 2048 rows (the matrix is
   never held whole, as nnid streams the Jacobian), then one LAPACKE_dpstrf of G -- the work of
   `nnid check --factorization gram` without the Jacobian evaluation and the evidence.
   OpenBLAS at its default thread count. Usage: gram_shape m n
   (prints "RESULT gram.<m>x<n> seconds rank" and the two phases). */
#include <cblas.h>
#include <lapacke.h>
#include "benchmark_support.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: gram_shape m n\n"); return 2; }
    long m = atol(argv[1]), n = atol(argv[2]), block = 2048;
    double *g = calloc((size_t)n * n, sizeof(double)), *a = malloc(sizeof(double) * block * n);
    lapack_int *piv = malloc(sizeof(lapack_int) * n), rank = 0;
    if (!g || !a || !piv) { fprintf(stderr, "out of memory\n"); return 1; }
    state = 7;
    double start = now();
    for (long done = 0; done < m; done += block) {
        long b = m - done < block ? m - done : block;
        for (long i = 0; i < b * n; i++) a[i] = (double)(next() >> 11) * 0x1p-52 - 1;
        /* Row-major b x n block read column-major is its transpose: G += (Aᵀ)(Aᵀ)ᵀ. */
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, n, b, 1, a, n, 1, g, n);
    }
    double gram = now() - start;
    int info = LAPACKE_dpstrf(LAPACK_COL_MAJOR, 'U', n, g, n, piv, &rank, -1);
    double elapsed = now() - start;
    if (info < 0) { fprintf(stderr, "dpstrf info %d\n", info); return 1; }
    printf("RESULT gram.%ldx%ld %.9g %d\n", m, n, elapsed, (int)rank);
    printf("  dsyrk %.1f s, dpstrf %.1f s, rank %d\n", gram, elapsed - gram, (int)rank);
    free(g); free(a); free(piv);
    return 0;
}
