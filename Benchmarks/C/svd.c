/* LAPACKE baseline for SVDBenchmark: singular values of the same 1000x1000 matrix
   (SplitMix64, seed 7) with the same call, LAPACKE_dgesdd row-major, jobz = 'N'. The matrix is
   copied before each call (dgesdd overwrites it), as the Swift wrapper does. */
#include <lapacke.h>
#include "benchmark_support.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


int main(void) {
    const int n = 1000;
    double *a = malloc(sizeof(double) * n * n), *work = malloc(sizeof(double) * n * n);
    double *s = malloc(sizeof(double) * n), u[1], vt[1];
    state = 7;
    for (int i = 0; i < n * n; i++) a[i] = (double)(next() >> 11) * 0x1p-52 - 1;
    double best = 1e300;
    for (int rep = 0; rep < 3; rep++) {
        double start = now();
        memcpy(work, a, sizeof(double) * n * n);
        int info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'N', n, n, work, n, s, u, 1, vt, n);
        double elapsed = now() - start;
        if (info != 0) { fprintf(stderr, "dgesdd info %d\n", info); return 1; }
        if (elapsed < best) best = elapsed;
    }
    printf("RESULT svd.1000x1000 %.9g 1\n", best);
    printf("  sigma1 = %.17g\n", s[0]);
    free(a); free(work); free(s);
    return 0;
}
