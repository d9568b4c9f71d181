/* Amounts written out in words, as reports repeat a figure in parentheses:
 * "85.000.000đ (Tám mươi lăm triệu đồng)". Found from the word "đồng",
 * walking back over number words of vocab/numerals.tsv. The last scale word
 * goes with the unit as a report writes it ("triệu đồng"). */
#define _GNU_SOURCE
#include <string.h>

#include "common/utf8.h"
#include "extract/bytescan.h"
#include "extract/chars.h"
#include "extract/extract_internal.h"

#define MAX_WORDS 24

struct word {
    size_t start, end;
    int role, value;
};

/* The word ending at s[end] (letters only); returns its start or end. */
static size_t word_start(const char *s, size_t end)
{
    size_t i = end;
    while (i > 0) {
        size_t p = vn_ch_prev(s, i);
        uint32_t cp;
        if (!vn_ch_decode((const unsigned char *)s + p, i - p, &cp) || !vn_ch_letter(cp))
            break;
        i = p;
    }
    return i;
}

/* Value of number words, in đồng units of the last scale. A scale word
 * larger than every scale before it multiplies all that precedes it
 * ("ba nghìn bảy trăm chín mươi tỷ" = 3.790 tỷ); a smaller one adds its
 * section ("bảy nghìn không trăm chín mươi ba tỷ, tám trăm triệu" =
 * 7.093 tỷ + 800 triệu). Returns false when the words do not form a number
 * (or it is too large). */
static bool words_value(const struct word *w, size_t n, int64_t *out)
{
    int64_t total = 0, group = 0, pending = 0;
    int top = 0;    /* the largest scale applied so far */
    bool have_digit = false, digit = false;    /* digit: pending was written */
    for (size_t i = 0; i < n; i++) {
        switch (w[i].role) {
        case VN_NUM_DIGIT:
            if (digit)
                return false;   /* two digits in a row: not a number */
            pending = w[i].value;
            have_digit = digit = true;
            break;
        case VN_NUM_TEN:
            group += 10;
            pending = 0;
            digit = false;
            have_digit = true;
            break;
        case VN_NUM_TENS:
            group += pending * 10;
            pending = 0;
            digit = false;
            break;
        case VN_NUM_HUNDRED:
            group += (digit ? pending : 1) * 100;    /* "không trăm" = 0 */
            pending = 0;
            digit = false;
            break;
        case VN_NUM_FILLER:
            break;
        case VN_NUM_SCALE: {
            int64_t m = 1;
            for (int k = 0; k < w[i].value; k++)
                m *= 10;
            int64_t sec = group + pending;
            if (w[i].value > top) {
                /* everything so far is counted in this scale */
                if (total == 0 && sec == 0)
                    return false;
                if (total > INT64_MAX - sec || total + sec > INT64_MAX / m)
                    return false;
                total = (total + sec) * m;
                top = w[i].value;
            } else {
                if (sec == 0 || sec > INT64_MAX / m || total > INT64_MAX - sec * m)
                    return false;
                total += sec * m;
            }
            group = pending = 0;
            digit = false;
            break;
        }
        }
    }
    total += group + pending;
    *out = total;
    return have_digit && total > 0;
}

static vn_status try_dong(struct vn_scan *sc, size_t h, size_t hend)
{
    const char *s = sc->s;
    const struct vn_vocab *v = sc->x->vocab;
    struct word w[MAX_WORDS];
    size_t n = 0, cur = h;
    while (n < MAX_WORDS) {
        size_t j = cur;
        while (j > 0 && vn_is_blank(s[j - 1]) && cur - j < 2)
            j--;
        if (j == cur)
            break;
        /* a comma after a scale word goes on with the same number:
           "... chín mươi ba tỷ, tám trăm triệu đồng" */
        bool comma = n > 0 && j > 0 && s[j - 1] == ',';
        if (comma)
            j--;
        size_t ws = word_start(s, j);
        struct vn_vocab_match m;
        if (ws == j || !vn_vocab_match_at(&v->numerals, s, sc->len, ws, &m) || m.end != j)
            break;
        if (comma && v->numerals.e[m.index].flags != VN_NUM_SCALE)
            break;
        w[n].start = ws;
        w[n].end = j;
        w[n].role = (int)v->numerals.e[m.index].flags;
        w[n].value = v->numerals.e[m.index].value;
        n++;
        cur = ws;
    }
    if (n < 2)
        return VN_OK;
    /* w[] runs backwards: reverse into text order */
    for (size_t i = 0; i < n / 2; i++) {
        struct word t = w[i];
        w[i] = w[n - 1 - i];
        w[n - 1 - i] = t;
    }
    int64_t total;
    if (!words_value(w, n, &total))
        return VN_OK;
    int pow10 = 0;
    size_t num_end = w[n - 1].end, unit_start = h;
    if (w[n - 1].role == VN_NUM_SCALE) {
        pow10 = w[n - 1].value;
        num_end = w[n - 2].end;
        unit_start = w[n - 1].start;
    }
    struct vn_number num;
    memset(&num, 0, sizeof num);
    num.span.off = (uint32_t)w[0].start;
    num.span.len = (uint32_t)(num_end - w[0].start);
    num.value.mant = total;
    num.value.scale = pow10;
    num.value = vn_dec_reduce(num.value);
    struct vn_span unit = {(uint32_t)unit_start, (uint32_t)(hend - unit_start)};
    return vn_scan_push_amount(sc, &num, hend, unit, pow10, false, -1);
}

vn_status vn_words_scan(struct vn_scan *sc)
{
    static const char dong[] = "đồng";
    const size_t dl = sizeof dong - 1;
    const struct vn_vocab *v = sc->x->vocab;
    size_t i = 0;
    while (i < sc->len) {
        /* by its bytes "\x93n" (the end of 'ồ', then 'n'): rarer than any
           other pair of "đồng" */
        size_t h = vn_find_word(sc->s, i, sc->len, dong, dl, 4);
        if (h == SIZE_MAX)
            break;
        size_t e = h + dl;
        i = e;
        if (h == 0 || !vn_is_blank(sc->s[h - 1]) || vn_ch_word_at(sc->s, sc->len, e))
            continue;
        size_t j = e;
        while (j < sc->len && vn_is_blank(sc->s[j]) && j - e < 2)
            j++;
        struct vn_vocab_match m;
        if (j > e && vn_vocab_match_at(&v->not_money, sc->s, sc->len, j, &m) &&
            !vn_ch_word_at(sc->s, sc->len, m.end))
            continue;   /* "hai đồng chí" */
        vn_status st = try_dong(sc, h, e);
        if (st)
            return st;
    }
    return VN_OK;
}
