#ifndef NNID_CGMP_SHIM_H
#define NNID_CGMP_SHIM_H
#include <gmp.h>

/* GMP exposes several of its accessors as function-like macros, which Swift cannot import.
   These static inline wrappers give them callable names. */
static inline int nnid_mpq_sgn(const __mpq_struct *q) { return mpq_sgn(q); }
static inline int nnid_mpz_sgn(const __mpz_struct *z) { return mpz_sgn(z); }
static inline __mpz_struct *nnid_mpq_numref(__mpq_struct *q) { return mpq_numref(q); }
static inline __mpz_struct *nnid_mpq_denref(__mpq_struct *q) { return mpq_denref(q); }
static inline const __mpz_struct *nnid_mpq_numref_const(const __mpq_struct *q) { return mpq_numref(q); }
static inline const __mpz_struct *nnid_mpq_denref_const(const __mpq_struct *q) { return mpq_denref(q); }
static inline int nnid_mpz_odd_p(const __mpz_struct *z) { return mpz_odd_p(z); }
static inline long nnid_mpz_limb_count(const __mpz_struct *z) { return (long)z->_mp_size; }
static inline mp_limb_t nnid_mpz_limb(const __mpz_struct *z, long i) { return z->_mp_d[i]; }
static inline int nnid_mpz_fits_slong(const __mpz_struct *z) { return mpz_fits_slong_p(z); }
#endif
