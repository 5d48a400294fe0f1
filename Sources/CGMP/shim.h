// GMP's function-like macros are not imported by Swift; these static inline wrappers are.
// Plain functions (mpz_add, ...) are called by their real names (__gmpz_add, ...).
#ifndef JACOBI_CGMP_SHIM_H
#define JACOBI_CGMP_SHIM_H
#include <gmp.h>

static inline int jc_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline int jc_mpz_odd_p(mpz_srcptr z) { return mpz_odd_p(z); }
static inline int jc_mpz_cmp_si(mpz_srcptr z, long v) { return mpz_cmp_si(z, v); }
static inline int jc_mpq_sgn(mpq_srcptr q) { return mpq_sgn(q); }
static inline mpz_ptr jc_mpq_numref(mpq_ptr q) { return mpq_numref(q); }
static inline mpz_ptr jc_mpq_denref(mpq_ptr q) { return mpq_denref(q); }
static inline mpz_srcptr jc_mpq_numref_const(mpq_srcptr q) { return mpq_numref(q); }
static inline mpz_srcptr jc_mpq_denref_const(mpq_srcptr q) { return mpq_denref(q); }
/// Number of limbs in use (absolute value of _mp_size).
static inline long jc_mpz_limb_count(mpz_srcptr z) { return z->_mp_size < 0 ? -(long)z->_mp_size : (long)z->_mp_size; }
static inline const mp_limb_t *jc_mpz_limbs(mpz_srcptr z) { return z->_mp_d; }
/// A read-only mpz over one caller-owned limb: `limb` holds |v|, `sign` is -1, 0 or 1.
/// Valid only while `limb` lives; must never be written to or cleared (mpz_roinit_n's contract).
static inline void jc_mpz_roinit_small(mpz_ptr z, mp_limb_t *limb, int sign) {
    mpz_roinit_n(z, limb, sign == 0 ? 0 : (sign < 0 ? -1 : 1));
}
#endif
