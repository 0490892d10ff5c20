#ifndef NNID_CLAPACKE_SHIM_H
#define NNID_CLAPACKE_SHIM_H
#include <lapacke.h>
#include <cblas.h>

/// LAPACK's triangular-pentagonal LQ factorisation (`dtplqt`), which LAPACKE does not wrap.
/// Column-major; the caller validates every argument first (LAPACK's `xerbla` prints on stdout).
static inline lapack_int nnid_dtplqt(lapack_int m, lapack_int n, lapack_int l, lapack_int mb,
                                     double *a, lapack_int lda, double *b, lapack_int ldb,
                                     double *t, lapack_int ldt, double *work) {
    lapack_int info = 0;
    LAPACK_dtplqt(&m, &n, &l, &mb, a, &lda, b, &ldb, t, &ldt, work, &info);
    return info;
}
#endif
