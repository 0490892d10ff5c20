#ifndef NNID_CLAPACKE_SHIM_H
#define NNID_CLAPACKE_SHIM_H
#include <lapacke.h>
#include <cblas.h>
#endif
