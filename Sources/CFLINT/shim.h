#ifndef NNID_CFLINT_SHIM_H
#define NNID_CFLINT_SHIM_H
/* FLINT (Fast Library for Number Theory, Debian's libflint-dev): dense matrices over Z/pZ. */
#include <flint/flint.h>
#include <flint/nmod_mat.h>

/* nmod_mat_entry is a macro; these give its row storage a callable name. */
static inline mp_limb_t *nnid_nmod_mat_row(nmod_mat_struct *m, long i) { return m->rows[i]; }
static inline const mp_limb_t *nnid_nmod_mat_row_const(const nmod_mat_struct *m, long i) { return m->rows[i]; }
#endif
