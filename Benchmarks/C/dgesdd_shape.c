/* Bare LAPACK baseline for the rank table: one LAPACKE_dgesdd (values only, jobz = 'N',
   row-major) of a random m x n matrix (SplitMix64, seed 7), the work a numeric rank of an m x n
   Jacobian needs. Usage: dgesdd_shape m n  (prints "RESULT dgesdd.<m>x<n> seconds 1"). */
#include <lapacke.h>
#include "benchmark_support.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: dgesdd_shape m n\n"); return 2; }
    long m = atol(argv[1]), n = atol(argv[2]);
    double *a = malloc(sizeof(double) * m * n), *s = malloc(sizeof(double) * (m < n ? m : n)), u[1], vt[1];
    if (!a || !s) { fprintf(stderr, "out of memory\n"); return 1; }
    state = 7;
    for (long i = 0; i < m * n; i++) a[i] = (double)(next() >> 11) * 0x1p-52 - 1;
    double start = now();
    int info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'N', m, n, a, n, s, u, 1, vt, n);
    double elapsed = now() - start;
    if (info != 0) { fprintf(stderr, "dgesdd info %d\n", info); return 1; }
    printf("RESULT dgesdd.%ldx%ld %.9g 1\n", m, n, elapsed);
    free(a); free(s);
    return 0;
}
