/* W3 floor: the three exact-rational tasks of w3_rational.py with GMP's mpq_t, nothing
 * in between:
 *   w3_gmp harmonic N    1/1 + ... + 1/N, one mpq_add per term
 *   w3_gmp muladd S      S steps of acc = acc*p + q over the period-8 table
 *   w3_gmp hilbert n     Gauss-Jordan inverse of the n x n Hilbert matrix
 * One JSON line: the median over the repetitions and the hash of the exact result. */
#include "floors.h"
#include <gmp.h>

static uint64_t hash_mpq(uint64_t h, mpq_srcptr q) {
    h = hash_step(h, mpz_fdiv_ui(mpq_numref(q), MERSENNE_61));
    return hash_step(h, mpz_fdiv_ui(mpq_denref(q), MERSENNE_61));
}

static uint64_t harmonic(long count) {
    mpq_t sum, term;
    mpq_inits(sum, term, NULL);
    for (long k = 1; k <= count; k++) {
        mpq_set_ui(term, 1, (unsigned long)k);       /* 1/k is already in lowest terms */
        mpq_add(sum, sum, term);
    }
    uint64_t h = hash_mpq(0, sum);
    mpq_clears(sum, term, NULL);
    return h;
}

static const long P[8][2] = {{3, 5}, {-7, 4}, {5, 6}, {2, 7}, {7, 2}, {6, 5}, {-4, 7}, {5, 3}};
static const long Q[8][2] = {{1, 2}, {-2, 3}, {3, 4}, {-1, 5}, {7, 10}, {-9, 10}, {-8, 21}, {-5, 6}};

static uint64_t muladd(long steps) {
    mpq_t p[8], q[8], acc;
    for (int i = 0; i < 8; i++) {
        mpq_init(p[i]);
        mpq_set_si(p[i], P[i][0], (unsigned long)P[i][1]);
        mpq_init(q[i]);
        mpq_set_si(q[i], Q[i][0], (unsigned long)Q[i][1]);
    }
    mpq_init(acc);
    mpq_set_si(acc, 1, 3);
    for (long s = 0; s < steps; s++) {
        mpq_mul(acc, acc, p[s % 8]);
        mpq_add(acc, acc, q[s % 8]);
    }
    uint64_t h = hash_mpq(0, acc);
    for (int i = 0; i < 8; i++) mpq_clears(p[i], q[i], NULL);
    mpq_clear(acc);
    return h;
}

/* [H | I] reduced to [I | H^-1]; the hash runs over H^-1 row by row. */
static uint64_t hilbert(int n) {
    int width = 2 * n;
    mpq_t *a = malloc(sizeof(mpq_t) * (size_t)(n * width));
    mpq_t scale, product;
    mpq_inits(scale, product, NULL);
#define A(i, j) a[(i) * width + (j)]
    for (int i = 0; i < n; i++)
        for (int j = 0; j < width; j++) {
            mpq_init(A(i, j));
            if (j < n) mpq_set_ui(A(i, j), 1, (unsigned long)(i + j + 1));
            else if (j - n == i) mpq_set_ui(A(i, j), 1, 1);
        }
    for (int c = 0; c < n; c++) {
        int pivot = c;
        while (pivot < n && mpq_sgn(A(pivot, c)) == 0) pivot++;
        if (pivot == n) { fprintf(stderr, "w3_gmp: singular matrix\n"); exit(1); }
        for (int j = 0; pivot != c && j < width; j++) mpq_swap(A(pivot, j), A(c, j));
        mpq_inv(scale, A(c, c));
        for (int j = c; j < width; j++) mpq_mul(A(c, j), A(c, j), scale);
        for (int r = 0; r < n; r++) {
            if (r == c || mpq_sgn(A(r, c)) == 0) continue;
            mpq_set(scale, A(r, c));
            for (int j = c; j < width; j++) {
                mpq_mul(product, scale, A(c, j));
                mpq_sub(A(r, j), A(r, j), product);
            }
        }
    }
    uint64_t h = 0;
    for (int i = 0; i < n; i++)
        for (int j = n; j < width; j++) h = hash_mpq(h, A(i, j));
    for (int i = 0; i < n * width; i++) mpq_clear(a[i]);
#undef A
    free(a);
    mpq_clears(scale, product, NULL);
    return h;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: w3_gmp harmonic|muladd|hilbert N\n");
        return 2;
    }
    const char *task = argv[1];
    long n = atol(argv[2]);
    if (strcmp(task, "harmonic") && strcmp(task, "muladd") && strcmp(task, "hilbert")) {
        fprintf(stderr, "w3_gmp: unknown task %s\n", task);
        return 2;
    }
    double walls[MAX_REPS], cpus[MAX_REPS], spent = 0;
    int reps = 0;
    uint64_t h = 0;
    while (reps < MAX_REPS && (reps == 0 || spent < REP_BUDGET_S)) {
        double c0 = cpu_seconds(), t0 = wall_seconds();
        h = task[1] == 'a' ? harmonic(n) : task[0] == 'm' ? muladd(n) : hilbert((int)n);
        walls[reps] = wall_seconds() - t0;
        cpus[reps] = cpu_seconds() - c0;
        spent += walls[reps++];
    }
    printf("{\"workload\": \"W3\", \"system\": \"c-gmp-mpq\", \"n\": %ld, \"median_s\": %.9g, \"extra\": "
           "{\"median_cpu_s\": %.9g, \"task\": \"%s\", \"reps\": %d, \"hash\": \"%016llx\", \"gmp\": \"%s\"}}\n",
           n, median_of(walls, reps), median_of(cpus, reps), task, reps, (unsigned long long)h, gmp_version);
    return 0;
}
