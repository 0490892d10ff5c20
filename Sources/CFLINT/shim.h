#ifndef NNID_CFLINT_SHIM_H
#define NNID_CFLINT_SHIM_H
/* FLINT (Fast Library for Number Theory, Debian's libflint-dev): dense matrices over Z/pZ and
   over Z, integers (fmpz) and rational reconstruction. */
#include <flint/flint.h>
#include <flint/nmod_mat.h>
#include <flint/fmpz.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpq.h>

/* nmod_mat_entry and fmpz_mat_entry are macros; these give their row storage a callable name. */
static inline mp_limb_t *nnid_nmod_mat_row(nmod_mat_struct *m, long i) { return m->rows[i]; }
static inline const mp_limb_t *nnid_nmod_mat_row_const(const nmod_mat_struct *m, long i) { return m->rows[i]; }
static inline fmpz *nnid_fmpz_mat_entry(fmpz_mat_struct *m, long i, long j) { return m->rows[i] + j; }
static inline const fmpz *nnid_fmpz_mat_entry_const(const fmpz_mat_struct *m, long i, long j) { return m->rows[i] + j; }
static inline int nnid_fmpz_is_zero(const fmpz *f) { return fmpz_is_zero(f); }

/* mpz_t crosses the module boundary as an untyped pointer (GMP's own module declares the type). */
static inline void nnid_fmpz_set_mpz(fmpz *f, const void *z) { fmpz_set_mpz(f, (const __mpz_struct *)z); }
static inline void nnid_fmpz_get_mpz(void *z, const fmpz *f) { fmpz_get_mpz((__mpz_struct *)z, f); }
#endif
