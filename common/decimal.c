/* Exact decimal arithmetic on __int128 mantissas. Every result is checked
 * against 10^VN_DEC_MAX_DIGITS; builtins catch overflow of the intermediate
 * products before the check. */
#include "vnaudit/decimal.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 10^0 .. 10^38, the powers a 128-bit mantissa can hold. */
#define E19 ((vn_int128)10000000000000000000u)
static const vn_int128 POW10[39] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
    1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000,
    1000000000000000000, E19, E19 * 10, E19 * 100, E19 * 1000, E19 * 10000, E19 * 100000, E19 * 1000000,
    E19 * 10000000, E19 * 100000000, E19 * 1000000000, E19 * 10000000000, E19 * 100000000000,
    E19 * 1000000000000, E19 * 10000000000000, E19 * 100000000000000, E19 * 1000000000000000,
    E19 * 10000000000000000, E19 * 100000000000000000, E19 * 1000000000000000000, E19 * E19};
#undef E19

static vn_int128 pow10_i128(int k)
{
    if (k >= 0 && k < 39)
        return POW10[k];
    vn_int128 p = 1;   /* (past 10^38 the product wraps, as it always did) */
    while (k-- > 0)
        p *= 10;
    return p;
}

static bool in_range(vn_int128 m)
{
    const vn_int128 lim = POW10[VN_DEC_MAX_DIGITS];
    return m < lim && m > -lim;
}

vn_status vn_dec_shift(struct vn_dec a, int k, struct vn_dec *out)
{
    if (k < 0 || k > VN_DEC_MAX_DIGITS)
        return VN_EOVERFLOW;
    vn_int128 r;
    if (a.mant >= INT64_MIN && a.mant <= INT64_MAX && k <= 18)
        r = a.mant * POW10[k];  /* below 2^63 * 10^18 < 2^123: cannot overflow */
    else if (__builtin_mul_overflow(a.mant, pow10_i128(k), &r))
        return VN_EOVERFLOW;
    if (!in_range(r))
        return VN_EOVERFLOW;
    out->mant = r;
    out->scale = a.scale;
    return VN_OK;
}

vn_status vn_dec_rescale(struct vn_dec a, int scale, struct vn_dec *out)
{
    if (scale < a.scale || scale > VN_DEC_MAX_SCALE)
        return VN_EOVERFLOW;
    struct vn_dec r;
    vn_status s = vn_dec_shift(a, scale - a.scale, &r);
    if (s)
        return s;
    r.scale = scale;
    *out = r;
    return VN_OK;
}

struct vn_dec vn_dec_reduce(struct vn_dec a)
{
    if (a.mant >= INT64_MIN && a.mant <= INT64_MAX) {
        /* 64-bit division: no library call (same results in this range) */
        int64_t m = (int64_t)a.mant;
        while (a.scale > 0 && m % 10 == 0) {
            m /= 10;
            a.scale--;
        }
        a.mant = m;
        return a;
    }
    while (a.scale > 0 && a.mant % 10 == 0) {
        a.mant /= 10;
        a.scale--;
    }
    return a;
}

static vn_status align(struct vn_dec *a, struct vn_dec *b)
{
    int s = a->scale > b->scale ? a->scale : b->scale;
    vn_status st = vn_dec_rescale(*a, s, a);
    if (st)
        return st;
    return vn_dec_rescale(*b, s, b);
}

vn_status vn_dec_add(struct vn_dec a, struct vn_dec b, struct vn_dec *out)
{
    vn_status s = align(&a, &b);
    if (s)
        return s;
    vn_int128 r;
    if (__builtin_add_overflow(a.mant, b.mant, &r) || !in_range(r))
        return VN_EOVERFLOW;
    out->mant = r;
    out->scale = a.scale;
    return VN_OK;
}

vn_status vn_dec_sub(struct vn_dec a, struct vn_dec b, struct vn_dec *out)
{
    b.mant = -b.mant;
    return vn_dec_add(a, b, out);
}

vn_status vn_dec_mul(struct vn_dec a, struct vn_dec b, struct vn_dec *out)
{
    vn_int128 r;
    if (__builtin_mul_overflow(a.mant, b.mant, &r) || !in_range(r))
        return VN_EOVERFLOW;
    struct vn_dec d = {r, a.scale + b.scale};
    d = vn_dec_reduce(d);
    if (d.scale > VN_DEC_MAX_SCALE)
        return VN_EOVERFLOW;
    *out = d;
    return VN_OK;
}

vn_status vn_dec_div(struct vn_dec a, struct vn_dec b, int scale, struct vn_dec *out)
{
    if (b.mant == 0)
        return VN_EINVAL;
    if (scale < 0 || scale > VN_DEC_MAX_SCALE)
        return VN_EOVERFLOW;
    /* a/b = (a.mant * 10^(scale + b.scale - a.scale)) / b.mant, at `scale`. */
    int k = scale + b.scale - a.scale;
    vn_int128 num = a.mant, den = b.mant;
    if (k >= 0) {
        struct vn_dec t;
        vn_status s = vn_dec_shift(a, k, &t);
        if (s)
            return s;
        num = t.mant;
    } else {
        struct vn_dec t;
        vn_status s = vn_dec_shift(b, -k, &t);
        if (s)
            return s;
        den = t.mant;
    }
    out->mant = num / den;
    out->scale = scale;
    return VN_OK;
}

int vn_dec_cmp(struct vn_dec a, struct vn_dec b)
{
    struct vn_dec d;
    if (vn_dec_sub(a, b, &d) != VN_OK) {
        /* Cannot align without overflow: compare integer parts first. */
        vn_int128 ia = a.mant / pow10_i128(a.scale), ib = b.mant / pow10_i128(b.scale);
        if (ia != ib)
            return ia < ib ? -1 : 1;
        return 0;
    }
    return d.mant < 0 ? -1 : d.mant > 0;
}

struct vn_dec vn_dec_round(struct vn_dec a, int scale, enum vn_round mode)
{
    if (scale >= a.scale)
        return a;
    vn_int128 p = pow10_i128(a.scale - scale);
    vn_int128 q = a.mant / p, r = a.mant % p;
    if (mode == VN_ROUND_HALF_UP) {
        vn_int128 ar = r < 0 ? -r : r;
        if (2 * ar >= p)
            q += a.mant < 0 ? -1 : 1;
    }
    struct vn_dec d = {q, scale};
    return d;
}

static size_t format_digits(vn_int128 m, int scale, bool trim, char *buf)
{
    char tmp[VN_DEC_STRLEN];
    size_t n = 0;
    bool neg = m < 0;
    unsigned __int128 u = neg ? (unsigned __int128)(-(m + 1)) + 1 : (unsigned __int128)m;
    /* 128-bit division is a library call: only for the digits above 2^64 */
    while (u > UINT64_MAX) {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    }
    uint64_t v = (uint64_t)u;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v && n < sizeof tmp - 2);
    while ((int)n <= scale)
        tmp[n++] = '0';
    /* tmp holds digits least significant first */
    int frac = scale;
    if (trim)
        while (frac > 0 && tmp[scale - frac] == '0')
            frac--;
    size_t o = 0;
    if (neg && !(n == 1 && tmp[0] == '0'))
        buf[o++] = '-';
    for (size_t i = n; i-- > (size_t)scale;)
        buf[o++] = tmp[i];
    if (frac > 0) {
        buf[o++] = '.';
        for (int i = scale - 1; i >= scale - frac; i--)
            buf[o++] = tmp[i];
    }
    buf[o] = '\0';
    return o;
}

size_t vn_dec_format(struct vn_dec d, char *buf)
{
    return format_digits(d.mant, d.scale, true, buf);
}

size_t vn_dec_format_fixed(struct vn_dec d, char *buf)
{
    return format_digits(d.mant, d.scale, false, buf);
}

vn_status vn_dec_parse(const char *s, size_t len, struct vn_dec *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    vn_int128 m = 0;
    int scale = 0, digits = 0;
    bool dot = false, any = false;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9')
            return VN_ESYNTAX;
        any = true;
        if (m == 0 && c == '0' && !dot)
            continue;   /* leading zeros do not count against the limit */
        if (++digits > VN_DEC_MAX_DIGITS || (dot && scale >= VN_DEC_MAX_SCALE))
            return VN_EOVERFLOW;
        m = m * 10 + (c - '0');
        if (dot)
            scale++;
    }
    if (!any)
        return VN_ESYNTAX;
    out->mant = neg ? -m : m;
    out->scale = scale;
    return VN_OK;
}

/* The public view of struct vn_dec (two 64-bit halves, include/vnaudit/decimal.h)
 * must have exactly this layout: 16 bytes of mantissa, then the scale, 8-byte aligned. */
_Static_assert(sizeof(vn_int128) == 16 && _Alignof(vn_int128) == 8, "vn_int128 is 16 bytes, 8-aligned");
_Static_assert(sizeof(struct vn_dec) == 24 && _Alignof(struct vn_dec) == 8, "struct vn_dec is 24 bytes");
_Static_assert(offsetof(struct vn_dec, scale) == 16, "the scale follows the mantissa");

vn_status vn_dec_from_i64(int64_t m, int scale, struct vn_dec *out)
{
    if (scale < 0 || scale > VN_DEC_MAX_SCALE)
        return VN_EINVAL;
    out->mant = m;
    out->scale = scale;
    return VN_OK;
}

vn_status vn_dec_to_i64(const struct vn_dec *d, int64_t *m)
{
    if (d->mant < INT64_MIN || d->mant > INT64_MAX)
        return VN_EOVERFLOW;
    *m = (int64_t)d->mant;
    return VN_OK;
}
