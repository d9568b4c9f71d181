/* Markup left in reports by converters (pandoc, OCR tools):
 *   markdown emphasis   *Cây lúa*: ...   **Tổng cộng**   (*vốn đầu tư ...*)
 *   LaTeX math          $8614/8698 = 99,03\%$
 * Delimiters are removed; everything else on the line is kept. A run of
 * stars is an emphasis delimiter when it touches text on one side and, on
 * that side's opposite, is not glued to a letter or digit: "2*3" and a
 * bullet "* Dự án 1" are left alone. */
#include <string.h>

#include "common/utf8.h"
#include "normalize/normalize_internal.h"

static bool is_space_at(const char *s, size_t n, size_t i)
{
    return i >= n || s[i] == ' ' || s[i] == '\t';
}

static bool is_space_before(const char *s, size_t i)
{
    return i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t';
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

vn_status vn_markup_strip_line(const char *s, size_t n, struct vn_buf *out, size_t *removed)
{
    vn_status st = vn_buf_reserve(out, n);
    if (st)
        return st;
    size_t close = 0;   /* position of the '$' closing the open math span */
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '*') {
            size_t j = i;
            while (j < n && s[j] == '*')
                j++;
            bool left = !is_space_at(s, n, j);      /* opens: text follows */
            bool right = !is_space_before(s, i);    /* closes: text precedes */
            bool strip = (left && !vn_word_char_before(s, i)) || (right && !vn_word_char_at(s, n, j));
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
