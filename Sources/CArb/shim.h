#ifndef NNID_CARB_SHIM_H
#define NNID_CARB_SHIM_H
/* Arb (Debian's libflint-arb-dev: headers in /usr/include, library libflint-arb) on FLINT.
   GMP values cross this boundary as untyped pointers, so that this module and CGMP never
   disagree about the imported type of __mpq_struct. */
#include <gmp.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <arb.h>

/* A fresh vector of n exact zeros; free with nnid_arb_vec_free. */
static inline arb_ptr nnid_arb_vec_new(slong n) { return _arb_vec_init(n); }
static inline void nnid_arb_vec_free(arb_ptr v, slong n) { _arb_vec_clear(v, n); }
static inline arb_ptr nnid_arb_at(arb_ptr v, slong i) { return v + i; }

/* y = the ball around the rational q (an mpq_t) at prec bits: exact when q is a short dyadic. */
static inline void nnid_arb_set_mpq(arb_ptr y, const void *q, slong prec) {
    fmpq_t t;
    fmpq_init(t);
    fmpq_set_mpq(t, (const __mpq_struct *)q);
    arb_set_fmpq(y, t, prec);
    fmpq_clear(t);
}

/* y = p/q for 64-bit p and q > 0 at prec bits: exact (a shift) when q is a power of two, as for
   every float weight; otherwise one rounded division. */
static inline void nnid_arb_set_small(arb_ptr y, slong p, slong q, slong prec) {
    arb_set_si(y, p);
    if (q == 1) return;
    if ((q & (q - 1)) == 0) {
        arb_mul_2exp_si(y, y, -(slong)__builtin_ctzll((unsigned long long)q));
        arb_set_round(y, y, prec);
    } else {
        arb_div_si(y, y, q, prec);
    }
}

/* Writes an upper (upper != 0) or lower bound of the ball x as man·2^exp: man into the
   initialised mpz_t `man`, exp into *exp. Returns 0 if the bound is not finite or the exponent
   does not fit a long, 1 otherwise. The bound is exact: every point of x lies on its side. */
static inline int nnid_arb_bound(const arb_struct *x, int upper, void *man, long *exp) {
    arf_t b;
    fmpz_t m, e;
    int ok = 0;
    arf_init(b); fmpz_init(m); fmpz_init(e);
    if (upper) arb_get_ubound_arf(b, x, ARF_PREC_EXACT); else arb_get_lbound_arf(b, x, ARF_PREC_EXACT);
    if (arf_is_finite(b)) {
        arf_get_fmpz_2exp(m, e, b);
        if (fmpz_fits_si(e)) {
            fmpz_get_mpz((__mpz_struct *)man, m);
            *exp = fmpz_get_si(e);
            ok = 1;
        }
    }
    arf_clear(b); fmpz_clear(m); fmpz_clear(e);
    return ok;
}

/* y = act(z) for act(z) = a·z (z < 0), b·z (z ≥ 0), a and b exact balls: the union of a·z and
   b·z contains act(z) for every z in the ball. */
static inline void nnid_arb_piecewise_linear(arb_ptr y, const arb_struct *z, const arb_struct *a, const arb_struct *b, slong prec) {
    if (arb_is_nonnegative(z)) { arb_mul(y, z, b, prec); return; }
    if (arb_is_nonpositive(z)) { arb_mul(y, z, a, prec); return; }
    arb_t t;
    arb_init(t);
    arb_mul(t, z, a, prec);
    arb_mul(y, z, b, prec);
    arb_union(y, y, t, prec);
    arb_clear(t);
}

/* y = α + β·tanh(γ·z) at a point ball (α, β, γ exact balls). */
static inline void nnid_arb_tanh_form_point(arb_ptr y, const arb_struct *z, const arb_struct *alpha, const arb_struct *beta, const arb_struct *gamma, slong prec) {
    arb_t t;
    arb_init(t);
    arb_mul(t, z, gamma, prec);
    arb_tanh(t, t, prec);
    arb_mul(t, t, beta, prec);
    arb_add(y, t, alpha, prec);
    arb_clear(t);
}

/* The endpoints of the ball x as exact point balls lo, hi; 0 if x is unbounded. */
static inline int nnid_arb_endpoints(arb_ptr lo, arb_ptr hi, const arb_struct *x) {
    arf_t a, b;
    arf_init(a); arf_init(b);
    arb_get_interval_arf(a, b, x, ARF_PREC_EXACT);
    int finite = arf_is_finite(a) && arf_is_finite(b);
    if (finite) { arb_set_arf(lo, a); arb_set_arf(hi, b); }
    arf_clear(a); arf_clear(b);
    return finite;
}

/* y ⊇ {α + β·tanh(γz) : z ∈ Z}: the function is monotone, so for a ball of positive radius the
   union of its values at the two endpoints (each a rigorous ball) encloses the image; an
   unbounded Z gives a ball containing the range α ± |β|. */
static inline void nnid_arb_tanh_form(arb_ptr y, const arb_struct *z, const arb_struct *alpha, const arb_struct *beta, const arb_struct *gamma, slong prec) {
    if (mag_is_zero(arb_radref(z))) { nnid_arb_tanh_form_point(y, z, alpha, beta, gamma, prec); return; }
    arb_t lo, hi, u;
    arb_init(lo); arb_init(hi); arb_init(u);
    if (nnid_arb_endpoints(lo, hi, z)) {
        nnid_arb_tanh_form_point(u, lo, alpha, beta, gamma, prec);
        nnid_arb_tanh_form_point(y, hi, alpha, beta, gamma, prec);
        arb_union(y, y, u, prec);
    } else {
        arb_abs(u, beta);
        arb_set(y, alpha);
        arb_add_error(y, u);
    }
    arb_clear(lo); arb_clear(hi); arb_clear(u);
}

/* act′(h) = βγ(1 − tanh²(γh)) at a point ball h. */
static inline void nnid_arb_tanh_form_slope_point(arb_ptr s, const arb_struct *h, const arb_struct *beta, const arb_struct *gamma, slong prec) {
    arb_t t;
    arb_init(t);
    arb_mul(t, h, gamma, prec);
    arb_tanh(t, t, prec);
    arb_sqr(t, t, prec);
    arb_sub_ui(t, t, 1, prec);
    arb_neg(t, t);
    arb_mul(s, t, beta, prec);
    arb_mul(s, s, gamma, prec);
    arb_clear(t);
}

/* s ⊇ {act′(h) : h ∈ H} for act(z) = α + β·tanh(γz). act′ is unimodal with its extreme βγ at 0,
   so its range on [lo, hi] is the hull of act′(lo), act′(hi) and, when 0 ∈ H, βγ; an unbounded
   H gives the hull of 0 and βγ. */
static inline void nnid_arb_tanh_form_slope(arb_ptr s, const arb_struct *h, const arb_struct *beta, const arb_struct *gamma, slong prec) {
    arb_t lo, hi, u, bg;
    arb_init(lo); arb_init(hi); arb_init(u); arb_init(bg);
    arb_mul(bg, beta, gamma, prec);
    if (nnid_arb_endpoints(lo, hi, h)) {
        nnid_arb_tanh_form_slope_point(s, lo, beta, gamma, prec);
        nnid_arb_tanh_form_slope_point(u, hi, beta, gamma, prec);
        arb_union(s, s, u, prec);
        if (arb_contains_zero(h)) arb_union(s, s, bg, prec);
    } else {
        arb_zero(u);
        arb_union(s, bg, u, prec);
    }
    arb_clear(lo); arb_clear(hi); arb_clear(u); arb_clear(bg);
}

/* s ⊇ the divided differences (act(x) − act(y))/(x − y), x ∈ X, y ∈ Y, for act(z) = a·z (z < 0),
   b·z (z ≥ 0): b if X, Y ≥ 0; a if X, Y ≤ 0; else the hull of a and b. */
static inline void nnid_arb_piecewise_linear_slope(arb_ptr s, const arb_struct *x, const arb_struct *y, const arb_struct *a, const arb_struct *b, slong prec) {
    if (arb_is_nonnegative(x) && arb_is_nonnegative(y)) { arb_set(s, b); return; }
    if (arb_is_nonpositive(x) && arb_is_nonpositive(y)) { arb_set(s, a); return; }
    arb_union(s, a, b, prec);
}

/* An upper bound of |x| as a double rounded upward (+inf if unbounded). */
static inline double nnid_arb_abs_upper(const arb_struct *x) {
    arf_t u;
    arf_init(u);
    arb_get_abs_ubound_arf(u, x, 53);
    double d = arf_get_d(u, ARF_RND_UP);
    arf_clear(u);
    return d;
}

/* The ball x as decimal text "mid +/- rad" with `digits` significant digits. Free with flint_free. */
static inline char *nnid_arb_text(const arb_struct *x, slong digits) { return arb_get_str(x, digits, 0); }
static inline void nnid_free_text(char *s) { flint_free(s); }
#endif
