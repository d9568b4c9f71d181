/* Dates: "14/10/2021" (also with '.' or '-'), and "14 tháng 10 năm 2021".
 * A date whose day or month is out of range is still found (so the lint
 * step can flag it), with valid = false. */
#include "extract/extract_internal.h"

#include <string.h>

bool vn_date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return false;
    int lim = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        lim = 29;
    return d <= lim;
}

/* 1..maxd digits at s[*i]; returns the value or -1. */
static int read_int(const char *s, size_t len, size_t *i, int maxd)
{
    int v = 0, n = 0;
    while (*i < len && vn_is_digit(s[*i]) && n < maxd) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    if (n == 0 || (*i < len && vn_is_digit(s[*i])))
        return -1;
    return v;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static bool word_at(const char *s, size_t len, size_t i, const char *w)
{
    size_t n = strlen(w);
    return i + n <= len && memcmp(s + i, w, n) == 0;
}

size_t vn_date_scan(const char *s, size_t len, size_t pos, struct vn_date *d, bool *valid)
{
    size_t i = pos;
    int day = read_int(s, len, &i, 2);
    if (day < 0 || i >= len)
        return 0;
    int mon, year;
    char sep = s[i];
    if (sep == '/' || sep == '.' || sep == '-') {
        i++;
        mon = read_int(s, len, &i, 2);
        if (mon < 0 || i >= len || s[i] != sep)
            return 0;
        i++;
        size_t ys = i;
        year = read_int(s, len, &i, 4);
        if (year < 0 || i - ys != 4)
            return 0;
        /* "1.12.2023" is a date, but a dotted form must not be the start of
           a longer number */
        if (sep == '.' && i + 1 < len && (s[i] == '.' || s[i] == ',') && vn_is_digit(s[i + 1]))
            return 0;
    } else {
        i = skip_blanks(s, len, i);
        if (!word_at(s, len, i, "tháng"))
            return 0;
        i = skip_blanks(s, len, i + strlen("tháng"));
        mon = read_int(s, len, &i, 2);
        if (mon < 0)
            return 0;
        i = skip_blanks(s, len, i);
        if (!word_at(s, len, i, "năm"))
            return 0;
        i = skip_blanks(s, len, i + strlen("năm"));
        size_t ys = i;
        year = read_int(s, len, &i, 4);
        if (year < 0 || i - ys != 4)
            return 0;
    }
    if (year < 1900 || year > 2199)
        return 0;
    d->year = (int16_t)year;
    d->month = (int8_t)(mon > 99 ? 99 : mon);
    d->day = (int8_t)(day > 99 ? 99 : day);
    *valid = vn_date_valid(year, mon, day);
    return i;
}
