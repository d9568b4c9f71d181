/* Exact decimals: an integer mantissa and a scale (value = mant / 10^scale).
 * No floating point anywhere in vnaudit's arithmetic. Every operation checks
 * for overflow and says so instead of wrapping. */
#ifndef VNAUDIT_DECIMAL_H
#define VNAUDIT_DECIMAL_H

#include "vnaudit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The mantissa is a 128-bit two's-complement integer. Seen from outside the
 * library it is two 64-bit halves (standard C and C++, no compiler
 * extension): use vn_dec_format() / vn_dec_parse() / vn_dec_from_i64() /
 * vn_dec_to_i64() rather than the halves. The library itself, built with
 * VNAUDIT_INT128_INTERNAL, sees the same 16 bytes as one __int128 whose
 * alignment is lowered to 8, so both views have the same size, alignment
 * and layout (checked in common/decimal.c and by the consumer test). */
#if defined(VNAUDIT_INT128_INTERNAL)
typedef __int128 vn_int128 __attribute__((aligned(8)));
#elif defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
typedef struct vn_int128 { int64_t hi; uint64_t lo; } vn_int128;
#else
typedef struct vn_int128 { uint64_t lo; int64_t hi; } vn_int128;
#endif

/* |mant| stays below 10^VN_DEC_MAX_DIGITS so that products of two values
 * with modest scales cannot overflow unnoticed. */
#define VN_DEC_MAX_DIGITS 36
#define VN_DEC_MAX_SCALE 30

struct vn_dec {
    vn_int128 mant;
    int32_t scale;
};

/* Parses "-123.4500" (C-locale form: '.' decimal mark). */
VN_API VN_NODISCARD vn_status vn_dec_parse(const char *s, size_t len, struct vn_dec *out);
/* Writes the canonical form ("12.5", "-3", "0.001"); trailing zeros of the
 * fraction are dropped. Returns the length; buf needs VN_DEC_STRLEN bytes. */
#define VN_DEC_STRLEN 80
VN_API size_t vn_dec_format(struct vn_dec d, char *buf);
/* As vn_dec_format but keeps exactly d.scale fraction digits. */
VN_API size_t vn_dec_format_fixed(struct vn_dec d, char *buf);

VN_API VN_NODISCARD vn_status vn_dec_add(struct vn_dec a, struct vn_dec b, struct vn_dec *out);
VN_API VN_NODISCARD vn_status vn_dec_sub(struct vn_dec a, struct vn_dec b, struct vn_dec *out);
VN_API VN_NODISCARD vn_status vn_dec_mul(struct vn_dec a, struct vn_dec b, struct vn_dec *out);
/* a / b computed to `scale` fraction digits, truncated toward zero. */
VN_API VN_NODISCARD vn_status vn_dec_div(struct vn_dec a, struct vn_dec b, int scale, struct vn_dec *out);
/* Multiplies by 10^k (k >= 0) without changing the scale. */
VN_API VN_NODISCARD vn_status vn_dec_shift(struct vn_dec a, int k, struct vn_dec *out);
/* Same value at a larger scale (exact). */
VN_API VN_NODISCARD vn_status vn_dec_rescale(struct vn_dec a, int scale, struct vn_dec *out);
/* Removes trailing fraction zeros. */
VN_API struct vn_dec vn_dec_reduce(struct vn_dec a);
/* -1, 0, 1; values at different scales compare exactly. */
VN_API int vn_dec_cmp(struct vn_dec a, struct vn_dec b);

enum vn_round { VN_ROUND_HALF_UP, VN_ROUND_TRUNCATE };
/* Value rounded to `scale` digits (scale <= a.scale). */
VN_API struct vn_dec vn_dec_round(struct vn_dec a, int scale, enum vn_round mode);

/* For callers without a 128-bit integer: value = m / 10^scale (0 <= scale
 * <= VN_DEC_MAX_SCALE, else VN_EINVAL); and the value as m / 10^d->scale
 * when the mantissa fits in 64 bits (VN_EOVERFLOW otherwise). */
VN_API VN_NODISCARD vn_status vn_dec_from_i64(int64_t m, int scale, struct vn_dec *out);
VN_API VN_NODISCARD vn_status vn_dec_to_i64(const struct vn_dec *d, int64_t *m);

#ifdef __cplusplus
}
#endif

#endif
