/* W6 floor: the exact gradient of f(x) = sum_{i=1}^{n-1} x_i^2 / (1 + x_(i+1)^2) at
 * x_i = i/7 from the hand-derived formula, with GMP's mpq_t:
 *   g_k = 2 x_k / (1 + x_(k+1)^2)            if k < n
 *       - 2 x_k x_(k-1)^2 / (1 + x_k^2)^2     if k > 1
 *   w6_gmp N   -> one JSON line: the median over the repetitions, the hash of g. */
#include "floors.h"
#include <gmp.h>

static uint64_t exact_gradient(long n) {
    mpq_t *x = malloc(sizeof(mpq_t) * (size_t)(n + 2)), *s = malloc(sizeof(mpq_t) * (size_t)(n + 2));
    mpq_t g, t, u;
    mpq_inits(g, t, u, NULL);
    for (long i = 1; i <= n; i++) {
        mpq_inits(x[i], s[i], NULL);
        mpq_set_ui(x[i], (unsigned long)i, 7);
        mpq_canonicalize(x[i]);
        mpq_mul(s[i], x[i], x[i]);                  /* s_i = 1 + x_i^2 */
        mpq_set_ui(t, 1, 1);
        mpq_add(s[i], s[i], t);
    }
    uint64_t h = 0;
    for (long k = 1; k <= n; k++) {
        mpq_set_ui(g, 0, 1);
        if (k < n) {
            mpq_add(t, x[k], x[k]);
            mpq_div(t, t, s[k + 1]);
            mpq_add(g, g, t);
        }
        if (k > 1) {
            mpq_mul(t, x[k - 1], x[k - 1]);
            mpq_mul(t, t, x[k]);
            mpq_add(t, t, t);
            mpq_mul(u, s[k], s[k]);
            mpq_div(t, t, u);
            mpq_sub(g, g, t);
        }
        h = hash_step(h, mpz_fdiv_ui(mpq_numref(g), MERSENNE_61));
        h = hash_step(h, mpz_fdiv_ui(mpq_denref(g), MERSENNE_61));
    }
    for (long i = 1; i <= n; i++) mpq_clears(x[i], s[i], NULL);
    free(x);
    free(s);
    mpq_clears(g, t, u, NULL);
    return h;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100;
    if (n < 1) {
        fprintf(stderr, "usage: w6_gmp N (N >= 1)\n");
        return 2;
    }
    double walls[MAX_REPS], cpus[MAX_REPS], spent = 0;
    int reps = 0;
    uint64_t h = 0;
    while (reps < MAX_REPS && (reps == 0 || spent < REP_BUDGET_S)) {
        double c0 = cpu_seconds(), t0 = wall_seconds();
        h = exact_gradient(n);
        walls[reps] = wall_seconds() - t0;
        cpus[reps] = cpu_seconds() - c0;
        spent += walls[reps++];
    }
    printf("{\"workload\": \"W6\", \"system\": \"c-gmp-hand\", \"n\": %ld, \"median_s\": %.9g, \"extra\": "
           "{\"median_cpu_s\": %.9g, \"reps\": %d, \"hash\": \"%016llx\"}}\n",
           n, median_of(walls, reps), median_of(cpus, reps), reps, (unsigned long long)h);
    return 0;
}
