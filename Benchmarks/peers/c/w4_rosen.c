/* W4, W5, W9 floor: extended Rosenbrock in double precision, by hand,
 *   f(x) = sum_{i=0}^{n-2} 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2,
 * at x[i] = ((i mod 13) - 6)/7 with direction v[i] = ((i mod 5) - 2)/3:
 *   w4_rosen f|grad|hvp|hess N [WORKLOAD]
 * f, the gradient, H v, or the tridiagonal Hessian (diagonal d[0..n-1], off-diagonal
 * o[0..n-2], H[i][i+1] = H[i+1][i] = o[i]). One JSON line: the median time per call over 7
 * samples, each an inner loop of at least 0.05 s, and the checksums of rosenbrock.py
 * (hess: check1 = every nonzero of H summed, check2 weighted by index). WORKLOAD defaults
 * to W4 (W5 for hvp, W9 for hess). */
#include "floors.h"
#include <math.h>

static double f(const double *x, long n) {
    double sum = 0;
    for (long i = 0; i + 1 < n; i++) {
        double t = x[i + 1] - x[i] * x[i], u = 1.0 - x[i];
        sum += 100.0 * t * t + u * u;
    }
    return sum;
}

/* d/dx[i] of term i: -400 x[i] t - 2 (1 - x[i]); d/dx[i+1]: 200 t, with t = x[i+1] - x[i]^2 */
static void gradient(const double *x, double *g, long n) {
    memset(g, 0, sizeof(double) * (size_t)n);
    for (long i = 0; i + 1 < n; i++) {
        double t = x[i + 1] - x[i] * x[i];
        g[i] += -400.0 * x[i] * t - 2.0 * (1.0 - x[i]);
        g[i + 1] += 200.0 * t;
    }
}

/* term i's 2x2 Hessian block in (x[i], x[i+1]): [[1200 a^2 - 400 b + 2, -400 a], [-400 a, 200]] */
static void hessian_times(const double *x, const double *v, double *h, long n) {
    memset(h, 0, sizeof(double) * (size_t)n);
    for (long i = 0; i + 1 < n; i++) {
        double a = x[i], b = x[i + 1];
        double aa = 1200.0 * a * a - 400.0 * b + 2.0, ab = -400.0 * a;
        h[i] += aa * v[i] + ab * v[i + 1];
        h[i + 1] += ab * v[i] + 200.0 * v[i + 1];
    }
}

static void hessian(const double *x, double *d, double *o, long n) {
    memset(d, 0, sizeof(double) * (size_t)n);
    for (long i = 0; i + 1 < n; i++) {
        double a = x[i], b = x[i + 1];
        d[i] += 1200.0 * a * a - 400.0 * b + 2.0;
        d[i + 1] += 200.0;
        o[i] = -400.0 * a;
    }
}

enum mode { F, GRAD, HVP, HESS };
static volatile double keep;  /* results the optimiser may not drop */

static void call(enum mode m, const double *x, const double *v, double *out, double *off, long n) {
    switch (m) {
    case F: keep = f(x, n); break;
    case GRAD: gradient(x, out, n); keep = out[n / 2]; break;
    case HVP: hessian_times(x, v, out, n); keep = out[n / 2]; break;
    case HESS: hessian(x, out, off, n); keep = out[n / 2] + off[n / 3]; break;
    }
}

int main(int argc, char **argv) {
    static const char *names[] = {"f", "grad", "hvp", "hess"};
    static const char *workloads[] = {"W4", "W4", "W5", "W9"};
    if (argc < 3) {
        fprintf(stderr, "usage: w4_rosen f|grad|hvp|hess N [WORKLOAD]\n");
        return 2;
    }
    int m = -1;
    for (int k = 0; k < 4; k++)
        if (!strcmp(argv[1], names[k])) m = k;
    long n = atol(argv[2]);
    if (m < 0 || n < 2) {
        fprintf(stderr, "w4_rosen: expected f|grad|hvp|hess and N >= 2\n");
        return 2;
    }
    double *x = malloc(sizeof(double) * (size_t)n), *v = malloc(sizeof(double) * (size_t)n);
    double *out = malloc(sizeof(double) * (size_t)n), *off = malloc(sizeof(double) * (size_t)n);
    for (long i = 0; i < n; i++) {
        x[i] = (double)((i % 13) - 6) / 7.0;
        v[i] = (double)((i % 5) - 2) / 3.0;
    }
    double t0 = wall_seconds();
    call((enum mode)m, x, v, out, off, n);
    double first = wall_seconds() - t0;
    long inner = first > 0 ? (long)(0.05 / first) : 1000000;
    if (inner < 1) inner = 1;
    double walls[7], cpus[7];
    for (int s = 0; s < 7; s++) {
        double c0 = cpu_seconds();
        t0 = wall_seconds();
        for (long k = 0; k < inner; k++) call((enum mode)m, x, v, out, off, n);
        walls[s] = (wall_seconds() - t0) / (double)inner;
        cpus[s] = (cpu_seconds() - c0) / (double)inner;
    }
    double check1 = 0, check2 = 0;
    if (m == F) {
        check1 = f(x, n);
    } else if (m == HESS) {
        hessian(x, out, off, n);
        for (long i = 0; i < n; i++) { check1 += out[i]; check2 += out[i] * (double)(i % 7); }
        for (long i = 0; i + 1 < n; i++) {
            check1 += 2 * off[i];
            check2 += off[i] * (double)((i % 7) + ((i + 1) % 7));
        }
    } else {
        call((enum mode)m, x, v, out, off, n);
        for (long i = 0; i < n; i++) { check1 += out[i]; check2 += out[i] * (double)(i % 7); }
    }
    printf("{\"workload\": \"%s\", \"system\": \"c-hand\", \"n\": %ld, \"median_s\": %.9g, \"extra\": "
           "{\"median_cpu_s\": %.9g, \"what\": \"%s\", \"inner\": %ld, \"check1\": %.17g, \"check2\": %.17g}}\n",
           argc > 3 ? argv[3] : workloads[m], n, median_of(walls, 7), median_of(cpus, 7), names[m], inner,
           check1, check2);
    free(x); free(v); free(out); free(off);
    return 0;
}
