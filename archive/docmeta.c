/* The head of a report says who wrote it and on what: the issuer in
 * capitals at the top ("ỦY BAN NHÂN DÂN" / "HUYỆN ..."), "Số: 118/BC-UBND",
 * "..., ngày 05 tháng 7 năm 2024", then a title naming the programme and
 * the period ("6 tháng đầu năm 2024"). The crosscheck compares figures only
 * between documents whose issuer and period are both read here, so every
 * field is left NULL rather than guessed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "archive/archive_internal.h"
#include "common/utf8.h"

#define HEAD_LINES 16u      /* the head: issuer, number, date, title */
#define LINE_MAX_BYTES 600u /* longer lines are prose, not a head */

/* Programmes named in a title, by a word of their name (folded). */
static const struct {
    const char *word, *program;
} programs[] = {
    {"giảm nghèo", "giảm nghèo bền vững"},
    {"nông thôn mới", "xây dựng nông thôn mới"},
    {"dân tộc thiểu số", "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"},
    {"vùng đồng bào", "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"},
};

/* Administrative units that name a locality in an issuer line. */
static const char *const localities[] = {"TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "THỊ XÃ ", "QUẬN ", "XÃ ", "PHƯỜNG "};

size_t vn_archive_fold(const char *s, size_t n, char *out, size_t out_cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!k) {
            cp = '?';
            k = 1;
        }
        i += k;
        char b[4];
        size_t m = vn_utf8_encode((uint32_t)u_tolower((UChar32)cp), b);
        if (o + m >= out_cap)
            break;
        memcpy(out + o, b, m);
        o += m;
    }
    out[o] = '\0';
    return o;
}

/* True when s[0..n) has two letters or more and none in lower case. */
static bool all_caps(const char *s, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!k)
            return false;
        i += k;
        if (u_islower((UChar32)cp))
            return false;
        letters += u_isalpha((UChar32)cp) != 0;
    }
    return letters >= 2;
}

/* The first cell of a line, without the emphasis marks and spaces around it. */
static void trim(const char **s, size_t *n)
{
    const char *tab = memchr(*s, '\t', *n);
    if (tab)
        *n = (size_t)(tab - *s);
    while (*n && strchr(" *#_|>", (*s)[0]))
        (*s)++, (*n)--;
    while (*n && strchr(" *#_|", (*s)[*n - 1]))
        (*n)--;
}

static bool starts(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* A year 1990..2100 written after "năm " in folded text; 0 if none. */
static int year_after_nam(const char *f, const char **where)
{
    for (const char *p = strstr(f, "năm "); p; p = strstr(p + 1, "năm ")) {
        const char *q = p + strlen("năm ");
        if (q[0] >= '1' && q[0] <= '2' && q[1] >= '0' && q[1] <= '9' && q[2] >= '0' && q[2] <= '9' &&
            q[3] >= '0' && q[3] <= '9' && !(q[4] >= '0' && q[4] <= '9')) {
            int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
            if (y >= 1990 && y <= 2100) {
                *where = p;
                return y;
            }
        }
    }
    return 0;
}

/* "..., ngày 05 tháng 7 năm 2024" -> 2024-07-05 (folded line). */
static bool date_line(const char *f, char out[16])
{
    const char *p = strstr(f, "ngày ");
    int d, m, y;
    if (!p || sscanf(p, "ngày %d tháng %d năm %d", &d, &m, &y) != 3)
        return false;
    if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1990 || y > 2100)
        return false;
    snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
    return true;
}

/* The period a title names, as "2024" (a year), "2024-H1" (six months),
 * "2024-9M", "2024-Q1".."2024-Q4". */
static void period_of(const char *title, int year, const char *at, char out[16])
{
    const char *kind = "";
    if (strstr(title, "6 tháng đầu năm") || strstr(title, "sáu tháng đầu năm"))
        kind = "-H1";
    else if (strstr(title, "9 tháng"))
        kind = "-9M";
    else {
        static const char *const q[] = {"quý iv", "quý iii", "quý ii", "quý i"};
        static const char *const qn[] = {"-Q4", "-Q3", "-Q2", "-Q1"};
        for (size_t i = 0; i < 4 && !kind[0]; i++) {
            const char *p = strstr(title, q[i]);
            if (p && p < at)
                kind = qn[i];
        }
    }
    snprintf(out, 16, "%d%s", year, kind);
}

void vn_docmeta_read(struct vn_archive_entry *e, const char *text, size_t len, bool *oom)
{
    char issuer[512] = "", locality[256] = "", number[128] = "", date[16] = "", title[2048] = "";
    size_t issuer_lines = 0, tlen = 0;
    bool issuer_done = false;
    size_t at = 0;
    for (unsigned ln = 0; ln < HEAD_LINES && at < len; ln++) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + at;
        size_t n = end - at;
        at = end + 1;
        if (n > LINE_MAX_BYTES)
            continue;
        trim(&s, &n);
        if (!n)
            continue;
        char f[LINE_MAX_BYTES * 2 + 8];
        vn_archive_fold(s, n, f, sizeof f);
        if (starts(f, strlen(f), "căn cứ") || starts(f, strlen(f), "i.") || starts(f, strlen(f), "1."))
            break;      /* the body starts */
        if (starts(f, strlen(f), "số:") || starts(f, strlen(f), "số ")) {
            const char *p = f + (f[4] == ':' ? 5 : 4);
            while (*p == ' ' || *p == ':')
                p++;
            size_t k = strcspn(p, " ,;");
            /* the number as written, from the unfolded line */
            if (k && memchr(p, '/', k) && k < sizeof number) {
                size_t off = (size_t)(p - f);
                /* folding keeps byte lengths of the ASCII prefix "số: " only:
                   find the same token in the original by its position from
                   the end of "Số" */
                const char *o = s + (off <= n ? off : n);
                size_t ok = strcspn(o, " ,;");
                ok = ok < n - (size_t)(o - s) ? ok : n - (size_t)(o - s);
                if (ok < sizeof number) {
                    memcpy(number, o, ok);
                    number[ok] = '\0';
                }
            }
            issuer_done = true;
            continue;
        }
        if (!date[0] && date_line(f, date)) {
            issuer_done = true;
            continue;
        }
        bool caps = all_caps(s, n) && memchr(s, ' ', n);   /* a name, not a column heading */
        if (!issuer_done && caps && !starts(f, strlen(f), "cộng hòa") && !starts(f, strlen(f), "cộng hoà") &&
            !starts(f, strlen(f), "độc lập")) {
            if (issuer_lines < 2 && strlen(issuer) + n + 2 < sizeof issuer) {
                if (issuer[0])
                    strcat(issuer, " ");
                strncat(issuer, s, n);
                issuer_lines++;
                for (size_t i = 0; !locality[0] && i < sizeof localities / sizeof *localities; i++) {
                    const char *p = NULL;
                    size_t k = strlen(localities[i]);
                    for (size_t j = 0; j + k <= n; j++)
                        if (memcmp(s + j, localities[i], k) == 0 && (j == 0 || s[j - 1] == ' ')) {
                            p = s + j;
                            break;
                        }
                    if (p && (size_t)(s + n - p) < sizeof locality) {
                        memcpy(locality, p, (size_t)(s + n - p));
                        locality[s + n - p] = '\0';
                    }
                }
            }
            continue;
        }
        if (issuer[0])
            issuer_done = true;
        if (starts(f, strlen(f), "cộng hòa") || starts(f, strlen(f), "cộng hoà") || starts(f, strlen(f), "độc lập"))
            continue;
        size_t fl = strlen(f);
        if (tlen + fl + 2 < sizeof title) {
            memcpy(title + tlen, f, fl);
            tlen += fl;
            title[tlen++] = ' ';
            title[tlen] = '\0';
        }
    }
    /* a head has a number or a date: without either, capitals at the top
       are not known to be an issuer */
    if (!number[0] && !date[0])
        issuer[0] = locality[0] = '\0';
    /* one spelling for the people's committee, however the head wrote it */
    char canon[600];
    const char *iss = issuer;
    if (starts(issuer, strlen(issuer), "UBND ")) {
        snprintf(canon, sizeof canon, "ỦY BAN NHÂN DÂN %s", issuer + 5);
        iss = canon;
    } else if (starts(issuer, strlen(issuer), "UỶ BAN")) {
        snprintf(canon, sizeof canon, "ỦY BAN%s", issuer + strlen("UỶ BAN"));
        iss = canon;
    }
    e->meta.issuer = iss[0] ? vn_entry_put(e, iss, strlen(iss), oom) : 0;
    e->meta.locality = locality[0] ? vn_entry_put(e, locality, strlen(locality), oom) : 0;
    e->meta.doc_number = number[0] ? vn_entry_put(e, number, strlen(number), oom) : 0;
    e->meta.doc_date = date[0] ? vn_entry_put(e, date, strlen(date), oom) : 0;
    const char *where = NULL;
    int year = year_after_nam(title, &where);
    if (year) {
        char period[16];
        period_of(title, year, where, period);
        e->meta.year = year;
        e->meta.period = vn_entry_put(e, period, strlen(period), oom);
    }
    for (size_t i = 0; i < sizeof programs / sizeof *programs; i++)
        if (strstr(title, "chương trình") && strstr(title, programs[i].word)) {
            e->meta.program = vn_entry_put(e, programs[i].program, strlen(programs[i].program), oom);
            break;
        }
}
