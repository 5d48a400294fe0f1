/* What the C floors share: clocks, the median, and one step of the exact-result hash.
 *
 * The hash (harness.py's qhash): h = (h * 1000003 + r) mod (2^61 - 1) for each numerator,
 * then denominator, in order, where r is the value's residue mod 2^61 - 1 rounded towards
 * minus infinity (mpz_fdiv_ui), so a negative numerator hashes like Python's `%`. */
#ifndef JACOBI_PEERS_FLOORS_H
#define JACOBI_PEERS_FLOORS_H
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11; include this header first */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double wall_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* CPU time of the whole process: steadier than wall time on a shared machine. */
static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

/* The median of count values (sorts a copy). */
static double median_of(const double *values, int count) {
    double sorted[64];
    if (count > 64) count = 64;
    memcpy(sorted, values, sizeof(double) * (size_t)count);
    qsort(sorted, (size_t)count, sizeof(double), compare_doubles);
    return count % 2 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
}

#define MERSENNE_61 ((UINT64_C(1) << 61) - 1)

static inline uint64_t hash_step(uint64_t h, uint64_t residue) {
    return (uint64_t)(((unsigned __int128)h * 1000003u + residue) % MERSENNE_61);
}

/* Repetitions of an exact workload: at most 7, and no new one after 20 s in total. */
#define MAX_REPS 7
#define REP_BUDGET_S 20.0
#endif
