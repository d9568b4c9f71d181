/* Markup left in reports by converters (pandoc, OCR tools):
 *   markdown emphasis   *Cây lúa*: ...   **Tổng cộng**   (*vốn đầu tư ...*)   a**b** c
 *   LaTeX math          $8614/8698 = 99,03\%$
 * Delimiters are removed; everything else on the line is kept.
 *
 * Emphasis is removed only in pairs, as a reader sees it: a run of stars
 * may open when text follows it and may close when text precedes it, and a
 * closer removes the nearest open run of the same length. A star with no
 * partner is text: the footnote mark "(*)", "2*3", a bullet "* Dự án 1".
 * A run between '(' and ')' or between two digits is never a delimiter. */
#include <string.h>

#include "normalize/normalize_internal.h"

/* Star runs paired per line (later runs on a longer line are text): this
 * bounds the stack, and a closer's search down it. */
#define MAX_RUNS 256

struct star_run {
    size_t at, len;
    bool open, close, strip;
};

static bool is_space_at(const char *s, size_t n, size_t i)
{
    return i >= n || s[i] == ' ' || s[i] == '\t';
}

static bool is_space_before(const char *s, size_t i)
{
    return i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t';
}

static bool is_digit_at(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Finds the '$' closing a math span opened at s[open]; 0 if none. */
static size_t math_close(const char *s, size_t n, size_t open)
{
    if (open + 1 >= n || s[open + 1] == ' ' || s[open + 1] == '$')
        return 0;
    for (size_t j = open + 2; j < n; j++)
        if (s[j] == '$')
            return s[j - 1] != ' ' ? j : 0;
    return 0;
}

/* Finds the star runs of the line and decides which ones are emphasis
 * delimiters (strip = true). Returns the number of runs recorded. */
static size_t pair_stars(const char *s, size_t n, struct star_run *runs)
{
    size_t nr = 0;
    for (size_t i = 0; i < n && nr < MAX_RUNS;) {
        const char *star = memchr(s + i, '*', n - i);
        if (!star)
            break;
        i = (size_t)(star - s);
        size_t j = i;
        while (j < n && s[j] == '*')
            j++;
        struct star_run *r = &runs[nr++];
        r->at = i;
        r->len = j - i;
        r->strip = false;
        char before = i > 0 ? s[i - 1] : ' ', after = j < n ? s[j] : ' ';
        bool inert = (before == '(' && after == ')') || (i > 0 && is_digit_at(s, n, i - 1) && is_digit_at(s, n, j));
        r->open = !inert && !is_space_at(s, n, j) && after != ')' && after != ']';
        r->close = !inert && !is_space_before(s, i) && before != '(' && before != '[';
        i = j;
    }
    /* a closer takes the nearest open run of its length; the open runs
       above that one stay text (the stack is cut back to it) */
    size_t stack[MAX_RUNS], top = 0;
    for (size_t k = 0; k < nr; k++) {
        if (runs[k].close) {
            size_t o = top;
            while (o > 0 && runs[stack[o - 1]].len != runs[k].len)
                o--;
            if (o > 0) {
                runs[stack[o - 1]].strip = runs[k].strip = true;
                top = o - 1;
                continue;
            }
        }
        if (runs[k].open)
            stack[top++] = k;
    }
    return nr;
}

/* The first '*', '$' or '\\' in s[i .. n), or n: eight bytes at a time. */
static size_t next_special(const char *s, size_t i, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    for (; i + 8 <= n; i += 8) {
        uint64_t w, a, b, c;
        memcpy(&w, s + i, 8);
        a = w ^ (ones * '*');
        b = w ^ (ones * '$');
        c = w ^ (ones * '\\');
        /* a zero byte in a, b or c: one of the three is in the word (the
           loop below finds where) */
        if (((a - ones) & ~a & highs) | ((b - ones) & ~b & highs) | ((c - ones) & ~c & highs))
            break;
    }
    while (i < n && s[i] != '*' && s[i] != '$' && s[i] != '\\')
        i++;
    return i;
}

vn_status vn_markup_strip_line(const char *s, size_t n, struct vn_buf *out, size_t *removed)
{
    vn_status st = vn_buf_reserve(out, n);
    if (st)
        return st;
    struct star_run runs[MAX_RUNS];
    size_t nr = memchr(s, '*', n) ? pair_stars(s, n, runs) : 0, next_run = 0;
    size_t close = 0;   /* position of the '$' closing the open math span */
    for (size_t i = 0; i < n;) {
        /* the text up to the next byte that may be markup, as is */
        size_t j = next_special(s, i, n);
        memcpy(out->data + out->len, s + i, j - i);
        out->len += j - i;
        if ((i = j) >= n)
            break;
        char c = s[i];
        if (c == '*') {
            while (j < n && s[j] == '*')
                j++;
            bool strip = next_run < nr && runs[next_run].at == i && runs[next_run].strip;
            if (next_run < nr && runs[next_run].at == i)
                next_run++;
            if (strip) {
                ++*removed;
            } else {
                memcpy(out->data + out->len, s + i, j - i);
                out->len += j - i;
            }
            i = j;
            continue;
        }
        if (c == '$') {
            if (close && i == close) {
                close = 0;
                ++*removed;
                i++;
                continue;
            }
            size_t k = close ? 0 : math_close(s, n, i);
            if (k) {
                close = k;
                ++*removed;
                i++;
                continue;
            }
        }
        if (c == '\\' && i + 1 < n && (s[i + 1] == '%' || s[i + 1] == '$' || s[i + 1] == '&')) {
            out->data[out->len++] = s[i + 1];   /* \% -> % */
            i += 2;
            continue;
        }
        if (c == '\\' && close && i + 1 < n && (s[i + 1] == ',' || s[i + 1] == ';' || s[i + 1] == ' ')) {
            out->data[out->len++] = ' ';        /* LaTeX spacing inside math */
            i += 2;
            continue;
        }
        out->data[out->len++] = c;
        i++;
    }
    out->data[out->len] = '\0';
    return VN_OK;
}
