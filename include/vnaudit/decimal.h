/* Exact decimals: an integer mantissa and a scale (value = mant / 10^scale).
 * No floating point anywhere in vnaudit's arithmetic. Every operation checks
 * for overflow and says so instead of wrapping. */
#ifndef VNAUDIT_DECIMAL_H
#define VNAUDIT_DECIMAL_H

#include "vnaudit/common.h"

typedef __int128 vn_int128;

/* |mant| stays below 10^VN_DEC_MAX_DIGITS so that products of two values
 * with modest scales cannot overflow unnoticed. */
#define VN_DEC_MAX_DIGITS 36
#define VN_DEC_MAX_SCALE 30

struct vn_dec {
    vn_int128 mant;
    int scale;
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

#endif
