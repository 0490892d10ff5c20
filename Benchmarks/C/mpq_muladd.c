/* GMP baseline for RationalBenchmark: the same inputs (SplitMix64, seed 42) and the same loops,
   calling mpq_mul and mpq_add directly. Prints RESULT lines in the format of run.sh. */
#include <gmp.h>
#include "benchmark_support.h"
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static double signed_unit(void) { return (double)(next() >> 11) * 0x1p-52 - 1; }

#define N 4096
#define M 1024
#define ROUNDS 20
#define BLOCK 8

static void random_large(mpq_t out) {
    mpz_t p, q;
    mpz_inits(p, q, NULL);
    for (int i = 0; i < 4; i++) { mpz_mul_2exp(p, p, 64); mpz_add_ui(p, p, next()); }
    for (int i = 0; i < 4; i++) { mpz_mul_2exp(q, q, 64); mpz_add_ui(q, q, next()); }
    int negative = next() & 1;
    if (mpz_sgn(q) == 0) mpz_set_ui(q, 1);
    mpq_set_num(out, p);
    mpq_set_den(out, q);
    mpq_canonicalize(out);
    if (negative) mpq_neg(out, out);
    mpz_clears(p, q, NULL);
}

static size_t bits(const mpq_t x) {
    return mpz_sizeinbase(mpq_numref(x), 2) + mpz_sizeinbase(mpq_denref(x), 2);
}

/* Sums of products x[i]·y[i] over consecutive blocks of `block` terms, `rounds` times over the
   first `count` pairs; prints the best of 7 runs as the RESULT line `key` (rounds·count operations). */
static void time_muladd(const char *key, mpq_t *xs, mpq_t *ys, int count, int block, int rounds) {
    mpq_t acc, t;
    mpq_inits(acc, t, NULL);
    double best = 1e300;
    size_t checksum = 0;
    for (int rep = 0; rep < 7; rep++) {
        double start = now();
        checksum = 0;
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < count; s += block) {
                mpq_set_ui(acc, 0, 1);
                for (int i = s; i < s + block; i++) { mpq_mul(t, xs[i], ys[i]); mpq_add(acc, acc, t); }
                checksum += bits(acc);
            }
        }
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
    }
    printf("RESULT %s %.9g %d\n", key, best, rounds * count);
    printf("  checksum %zu\n", checksum);
    mpq_clears(acc, t, NULL);
}

int main(void) {
    static mpq_t xs[N], ys[N], bs[M], cs[M], fs[N], gs[N];
    state = 42;
    for (int i = 0; i < N; i++) { mpq_init(xs[i]); mpq_set_d(xs[i], signed_unit()); }  /* exact */
    for (int i = 0; i < N; i++) { mpq_init(ys[i]); mpq_set_d(ys[i], signed_unit()); }
    for (int i = 0; i < M; i++) { mpq_init(bs[i]); random_large(bs[i]); }
    for (int i = 0; i < M; i++) { mpq_init(cs[i]); random_large(cs[i]); }
    for (int i = 0; i < N; i++) { mpq_init(fs[i]); mpq_set_d(fs[i], (double)(float)signed_unit()); }
    for (int i = 0; i < N; i++) { mpq_init(gs[i]); mpq_set_d(gs[i], (double)(float)signed_unit()); }

    time_muladd("rational.muladd.small", xs, ys, N, N, ROUNDS);
    time_muladd("rational.muladd.large", bs, cs, M, BLOCK, 1);
    time_muladd("rational.muladd.float32", fs, gs, N, N, ROUNDS);
    return 0;
}
