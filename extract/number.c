/* Numbers as written in Vietnamese reports: '.' groups thousands and ','
 * is the decimal mark (33.700,719). Malformed forms met in real reports get
 * their most plausible value and a note:
 *   46.929,385,459   a second comma inside the decimals -> 46929,385459
 *   7,383.915        English separators -> 7383.915
 *   1.8,0            a dot that does not group three digits -> 18,0
 *   10.726, 547      a space after the decimal comma (found by the scanner)
 *   2.5              a lone dot not followed by three digits -> 2.5
 * Parsing uses a cursor and checks the digit count before each step. */
#define _GNU_SOURCE
#include <string.h>

#include "common/i18n.h"   /* N_: the notes are translated in messages */
#include "extract/extract_internal.h"

/* Whether "X, Y" (X = s[a, c), Y = s[y, ye), one or two digits, X without
 * dots) is clearly one number with a space after its decimal comma
 * ("71, 4"): Y is smaller than X, as a list ("1, 2", "5, 10") counts up,
 * and X is not itself the item of a list ("3, 71, 4"). */
static bool spaced_fraction(const char *s, size_t a, size_t c, size_t y, size_t ye)
{
    if (ye - y > 2 || c - a > 9)
        return false;
    size_t k = a;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    if (k > 1 && s[k - 1] == ',' && vn_is_digit(s[k - 2]))
        return false;
    unsigned long x = 0, v = 0;
    for (size_t i = a; i < c; i++)
        x = x * 10 + (unsigned long)(s[i] - '0');
    for (size_t i = y; i < ye; i++)
        v = v * 10 + (unsigned long)(s[i] - '0');
    return v < x;
}

size_t vn_numtok_scan(const char *s, size_t len, size_t pos, struct vn_numtok *t)
{
    size_t i = pos;
    while (i < len && vn_is_digit(s[i]))
        i++;
    bool comma = false;
    for (;;) {
        if (i + 1 < len && (s[i] == '.' || s[i] == ',') && vn_is_digit(s[i + 1])) {
            comma |= s[i] == ',';
            i++;
        } else if (i + 2 < len && s[i] == '.' && s[i + 1] == '.' && vn_is_digit(s[i + 2]) && i > pos) {
            i += 2;     /* "1..250": a doubled dot, typed twice */
        } else {
            break;
        }
        while (i < len && vn_is_digit(s[i]))
            i++;
    }
    t->start = pos;
    t->end = i;
    t->spaced_decimal = false;
    t->spaced_end = i;
    /* "10.726, 547", "2.846, 75": comma, one space, then one to three digits
       (exactly three unless the part before has thousands dots or the
       part after is clearly its fraction), then no digit or separator. The caller accepts it only when a money unit
       follows. */
    if (!comma && i + 2 < len && s[i] == ',' && s[i + 1] == ' ' && vn_is_digit(s[i + 2])) {
        size_t j = i + 2;
        while (j < len && vn_is_digit(s[j]) && j - (i + 2) < 4)
            j++;
        size_t nd = j - (i + 2);
        bool dotted = memchr(s + pos, '.', i - pos) != NULL;
        bool ends = j == len || !(vn_is_digit(s[j]) || ((s[j] == '.' || s[j] == ',') && j + 1 < len &&
                                                         vn_is_digit(s[j + 1])));
        if (ends && (nd == 3 || (nd >= 1 && (dotted || spaced_fraction(s, pos, i, i + 2, j))))) {
            t->spaced_decimal = true;
            t->spaced_end = j;
        }
    }
    return i;
}

/* Appends digits of s[a..b) (skipping separators) to the mantissa. */
static vn_status push_digits(const char *s, size_t a, size_t b, struct vn_dec *d, int *ndig, bool frac)
{
    for (size_t i = a; i < b; i++) {
        if (!vn_is_digit(s[i]))
            continue;
        if (d->mant == 0 && s[i] == '0' && !frac) {
            continue;
        }
        if (++*ndig > VN_DEC_MAX_DIGITS)
            return VN_EOVERFLOW;
        d->mant = d->mant * 10 + (s[i] - '0');
        if (frac) {
            if (d->scale >= VN_DEC_MAX_SCALE)
                return VN_EOVERFLOW;
            d->scale++;
        }
    }
    return VN_OK;
}

/* Whether s[a..b) is groups "d{1,3}(SEP ddd)*" with the given separator. */
static bool grouped(const char *s, size_t a, size_t b, char sep)
{
    size_t run = 0, groups = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == sep) {
            if (run == 0 || (groups == 0 && run > 3) || (groups > 0 && run != 3))
                return false;
            groups++;
            run = 0;
        } else if (vn_is_digit(s[i])) {
            run++;
        } else {
            return false;
        }
    }
    return run > 0 && (groups == 0 ? true : run == 3);
}

vn_status vn_number_parse(const char *s, size_t len, struct vn_number *out)
{
    memset(out, 0, sizeof *out);
    out->span.len = (uint32_t)len;
    if (len == 0 || !vn_is_digit(s[0]))
        return VN_ESYNTAX;
    /* digits only, at most 18: the value fits 64 bits (most figures) */
    if (len <= 18) {
        uint64_t v = 0;
        size_t i = 0;
        while (i < len && vn_is_digit(s[i]))
            v = v * 10 + (uint64_t)(s[i++] - '0');
        if (i == len) {
            out->value.mant = (vn_int128)v;
            return VN_OK;
        }
    }
    /* one look at every byte: spaces, doubled dots, other bytes, and the
       separators' counts and places */
    bool space = false, dotdot = false, other = false;
    size_t ncomma = 0, ndot = 0, c1 = SIZE_MAX, d1 = SIZE_MAX, dlast = SIZE_MAX;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (vn_is_digit(c))
            continue;
        if (c == '.') {
            dotdot |= i + 1 < len && s[i + 1] == '.';
            if (!ndot++)
                d1 = i;
            dlast = i;
        } else if (c == ',') {
            if (!ncomma++)
                c1 = i;
        } else {
            space |= c == ' ';
            other = true;
        }
    }
    /* a space after a comma ("10.726, 547") or a doubled dot ("1..250"):
       parse without it */
    char buf[128];
    if (space || dotdot) {
        size_t o = 0;
        for (size_t i = 0; i < len; i++)
            if (s[i] != ' ' && !(s[i] == '.' && i + 1 < len && s[i + 1] == '.')) {
                if (o >= sizeof buf)
                    return VN_EOVERFLOW;
                buf[o++] = s[i];
            }
        vn_status st = vn_number_parse(buf, o, out);
        out->span.len = (uint32_t)len;
        if (st == VN_OK) {
            out->ambiguous = true;
            out->note = space ? N_("a space follows the decimal comma; read as one number")
                                            : N_("a doubled dot; read as one thousands separator");
        }
        return st;
    }
    if (other || !vn_is_digit(s[len - 1]))
        return VN_ESYNTAX;

    struct vn_dec d = {0, 0};
    int nd = 0;
    vn_status st;
    if (ncomma == 0 && ndot == 0) {
        st = push_digits(s, 0, len, &d, &nd, false);
    } else if (ncomma == 0) {
        if (grouped(s, 0, len, '.')) {
            st = push_digits(s, 0, len, &d, &nd, false);
        } else if (ndot == 1) {
            size_t dot = d1;
            st = push_digits(s, 0, dot, &d, &nd, false);
            if (!st)
                st = push_digits(s, dot + 1, len, &d, &nd, true);
            out->ambiguous = true;
            out->note = N_("'.' read as a decimal mark (it does not group three digits)");
        } else {
            st = push_digits(s, 0, len, &d, &nd, false);
            out->ambiguous = true;
            out->note = N_("dots that do not group thousands; digits read as one integer");
        }
    } else {
        if (ndot && dlast > c1) {
            /* a '.' after a ',': English style when the commas group
               thousands ("7,383.915") */
            size_t ld = dlast;
            st = push_digits(s, 0, ld, &d, &nd, false);
            if (!st)
                st = push_digits(s, ld + 1, len, &d, &nd, true);
            out->ambiguous = true;
            out->note = grouped(s, 0, ld, ',')
                            ? N_("English separators (',' groups thousands, '.' is the decimal mark)")
                            : N_("mixed separators; the last '.' read as the decimal mark");
        } else {
            st = push_digits(s, 0, c1, &d, &nd, false);
            if (!st)
                st = push_digits(s, c1 + 1, len, &d, &nd, true);
            if (ncomma > 1) {
                out->ambiguous = true;
                out->note = N_("more than one decimal comma; the digits after the first read as decimals");
            } else if (ndot && !grouped(s, 0, c1, '.')) {
                out->ambiguous = true;
                out->note = N_("a '.' that does not group three digits before the decimal comma");
            }
        }
    }
    if (st)
        return st;
    out->value = d;
    return VN_OK;
}
