/* The format of Nghị định 30/2020/NĐ-CP (Phụ lục I, III): lint rules on the
 * header of a document and on its citations, off unless selected
 * (vn_extractor_set_nd30). Each rule has its id; the messages are in one
 * table (so they can be translated as a whole). The vocabulary -- the
 * kinds of documents and their abbreviations -- is vocab/nd30_kinds.tsv.
 *
 * The header is the first HEADER_LINES lines; in a DOCX it is often a
 * table, so each TAB-separated cell is read on its own. */
#define _GNU_SOURCE     /* memmem */
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "extract/extract_internal.h"
#include "extract/vocab.h"
#include "vnaudit/normalize.h"

#define HEADER_LINES 30u
#define CITE_REACH 160u         /* bytes after a citation's number where its date and issuer are looked for */
#define MAX_FINDINGS 1000u      /* of the nd30 rules in one document */

enum msg {
    M_COLON,
    M_LEADING_ZERO,
    M_SPACES,
    M_SYMBOL_KIND,
    M_DATE_WORDS,
    M_DATE_COMMA,
    M_DAY_ZERO,
    M_MONTH_ZERO,
    M_MONTH_NO_ZERO,
    M_DATE_BEFORE_NUMBER,
    M_ISSUER_BEFORE_DATE,
    M_YEAR,
    M_HEADER_YEAR,
};

/* The messages, in English with the Vietnamese forms they ask for; %1, %2,
 * %3 are replaced by the words of the finding (positional, as translators
 * need); translated in say() (po/vi.po). */
static const struct {
    const char *rule, *text;
} MSG[] = {
    [M_COLON] = {"nd30-number-format",
     /* xgettext:no-c-format */ N_("'Số' is followed by a colon: 'Số: %1'")},
    [M_LEADING_ZERO] = {"nd30-number-format",
     /* xgettext:no-c-format */ N_("a number below 10 is written with a leading zero: 'Số: 0%1'")},
    [M_SPACES] = {"nd30-number-format",
     /* xgettext:no-c-format */ N_("no spaces around '/' and '-' in the number and symbol: '%1'")},
    [M_SYMBOL_KIND] = {"nd30-symbol-kind",
     /* xgettext:no-c-format */ N_("the symbol starts with '%1', but the document is a %2, whose symbol starts with '%3'")},
    [M_DATE_WORDS] = {"nd30-date-format",
     /* xgettext:no-c-format */ N_("the date of the document is written in words ('ngày 05 tháng 3 năm 2024'), not as 'ngày %1'")},
    [M_DATE_COMMA] = {"nd30-date-format",
     /* xgettext:no-c-format */ N_("a comma separates the place from the date: '%1, ngày ...'")},
    [M_DAY_ZERO] = {"nd30-date-format",
     /* xgettext:no-c-format */ N_("a day below 10 is written with a leading zero: 'ngày 0%1'")},
    [M_MONTH_ZERO] = {"nd30-date-format",
     /* xgettext:no-c-format */ N_("the months 1 and 2 are written with a leading zero: 'tháng 0%1'")},
    [M_MONTH_NO_ZERO] = {"nd30-date-format",
     /* xgettext:no-c-format */ N_("the months 3 to 12 are written without a leading zero: 'tháng %1'")},
    [M_DATE_BEFORE_NUMBER] = {"nd30-citation-order",
     /* xgettext:no-c-format */ N_("the date of '%1' comes before its number: write the kind, the number, then 'ngày ...'")},
    [M_ISSUER_BEFORE_DATE] = {"nd30-citation-order",
     /* xgettext:no-c-format */ N_("the issuer of '%1' comes before its date: write the number, 'ngày ...', then 'của ...'")},
    [M_YEAR] = {"nd30-number-year",
     /* xgettext:no-c-format */ N_("'%1': the number holds the year %2, but the date that follows is of %3")},
    [M_HEADER_YEAR] = {"nd30-number-year",
     /* xgettext:no-c-format */ N_("'%1': the number holds the year %2, but the document is dated in %3")},
};

struct nd30 {
    const struct vn_extractor *x;
    const struct vn_normtext *t;
    struct vn_records *r;
    size_t found;
    /* the header, once read */
    struct vn_span number_cell;     /* "Số: 12/BC-UBND", len 0 if none */
    int number_year;                /* "Số: 12/2024/QĐ-UBND": 2024 */
    int date_year;                  /* of the place-and-date line, 0 if none */
    bool header_year_told;          /* nd30-number-year said of the number line */
};

/* tmpl with %1..%3 replaced by args, into out (cut to cap) */
static void fill(char *out, size_t cap, const char *tmpl, const char *const args[3])
{
    size_t o = 0;
    for (const char *p = tmpl; *p && o + 1 < cap; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '3') {
            const char *a = args[p[1] - '1'] ? args[p[1] - '1'] : "";
            size_t n = strlen(a) < cap - 1 - o ? strlen(a) : cap - 1 - o;
            memcpy(out + o, a, n);
            o += n;
            p++;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

static vn_status say(struct nd30 *n, struct vn_span at, enum msg m, const char *a, const char *b, const char *c)
{
    if (n->found++ >= MAX_FINDINGS)
        return VN_OK;
    char text[400];
    const char *const args[3] = {a, b, c};
    fill(text, sizeof text, vn_tr(n->x->cat, MSG[m].text), args);
    return vn_records_add_diagnostic(n->r, at, MSG[m].rule, VN_SEV_WARNING, text);
}

/* a year as text, for a message */
struct year_text {
    char s[12];
};
static struct year_text year_text(int y)
{
    struct year_text t;
    snprintf(t.s, sizeof t.s, "%d", y);
    return t;
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool blank(char c)
{
    return c == ' ';
}

/* A run of digits at s[i]: its value (at most 6 digits read) and end. */
static size_t digits(const char *s, size_t i, size_t end, int *value)
{
    int v = 0;
    size_t j = i;
    while (j < end && digit(s[j])) {
        if (j - i < 6)
            v = v * 10 + (s[j] - '0');
        j++;
    }
    *value = v;
    return j;
}

static bool starts(const char *s, size_t i, size_t end, const char *w)
{
    size_t n = strlen(w);
    return end - i >= n && !memcmp(s + i, w, n);
}

/* A lowercase letter (Latin, with the Vietnamese ones). */
static bool is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp >= 0xDF && cp <= 0xFF)
        return cp != 0xF7;
    return cp >= 0x100 && cp <= 0x1EF9 && vn_fold_cp(cp - 1) == cp;
}

static bool has_lower(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        uint32_t cp;
        size_t l = vn_utf8_decode((const unsigned char *)s + i, b - i, &cp);
        if (!l)
            return false;
        if (is_lower(cp))
            return true;
        i += l;
    }
    return false;
}

/* ---- the number and symbol line ----------------------------------------- */

/* "Số: 12/BC-UBND" in the cell [a, b). */
static vn_status number_line(struct nd30 *n, size_t a, size_t b, const struct vn_vocab_table *title_kind,
                             int title_index)
{
    const char *s = n->t->data;
    size_t i = a + strlen("Số");
    bool colon = i < b && s[i] == ':';
    size_t j = i + colon;
    while (j < b && blank(s[j]))
        j++;
    if (j == b || !digit(s[j]))
        return VN_OK;   /* not a number yet: an unfilled placeholder, told by its own rule */
    int num;
    size_t ne = digits(s, j, b, &num);
    struct vn_span at = {(uint32_t)a, (uint32_t)(b - a)};
    n->number_cell = at;
    char rest[160];
    snprintf(rest, sizeof rest, "%.*s", (int)(b - j), s + j);
    vn_status st = VN_OK;
    if (!colon)
        st = say(n, at, M_COLON, rest, NULL, NULL);
    if (!st && ne - j == 1)
        st = say(n, at, M_LEADING_ZERO, rest, NULL, NULL);
    /* the symbol: up to the end of the cell */
    bool spaced = false;
    for (size_t k = ne; k < b; k++)
        if ((s[k] == '/' || s[k] == '-') && ((k > ne && blank(s[k - 1])) || (k + 1 < b && blank(s[k + 1]))))
            spaced = true;
    if (!st && spaced)
        st = say(n, at, M_SPACES, rest, NULL, NULL);
    /* the groups after the number: an optional year, then the kind */
    size_t k = ne;
    while (k < b && blank(s[k]))
        k++;
    if (k >= b || s[k] != '/')
        return st;
    k++;
    while (k < b && blank(s[k]))
        k++;
    if (k + 4 <= b && digit(s[k]) && digits(s, k, b, &n->number_year) == k + 4 && k + 4 < b && s[k + 4] == '/') {
        k += 5;
    } else {
        n->number_year = 0;
    }
    size_t ke = k;
    while (ke < b && s[ke] != '-' && !blank(s[ke]))
        ke++;
    if (!st && title_index >= 0 && ke > k) {
        const char *want = title_kind->e[title_index].canon;
        if (strlen(want) != ke - k || memcmp(want, s + k, ke - k) != 0) {
            char got[64];
            snprintf(got, sizeof got, "%.*s", (int)(ke - k), s + k);
            st = say(n, at, M_SYMBOL_KIND, got, title_kind->e[title_index].written, want);
        }
    }
    return st;
}

/* ---- the place-and-date line -------------------------------------------- */

/* "Hà Nội, ngày 05 tháng 3 năm 2024" in the cell [a, b), "ngày" at p. */
static vn_status date_line(struct nd30 *n, size_t a, size_t b, size_t p)
{
    const char *s = n->t->data;
    struct vn_span at = {(uint32_t)a, (uint32_t)(b - a)};
    size_t pe = p;   /* the end of the place */
    while (pe > a && blank(s[pe - 1]))
        pe--;
    vn_status st = VN_OK;
    if (pe > a && s[pe - 1] != ',') {
        char place[120];
        snprintf(place, sizeof place, "%.*s", (int)(pe - a), s + a);
        st = say(n, at, M_DATE_COMMA, place, NULL, NULL);
    }
    size_t i = p + strlen("ngày");
    while (i < b && blank(s[i]))
        i++;
    int day, month, year;
    size_t de = digits(s, i, b, &day);
    if (de == i || st)
        return st;
    char day_s[8], month_s[8];
    snprintf(day_s, sizeof day_s, "%.*s", (int)(de - i < 6 ? de - i : 6), s + i);
    if (de < b && (s[de] == '/' || s[de] == '-' || s[de] == '.')) {
        char tail[64];
        snprintf(tail, sizeof tail, "%.*s", (int)(b - i < 40 ? b - i : 40), s + i);
        int m2;
        size_t me2 = digits(s, de + 1, b, &m2);
        if (me2 < b && s[me2] == s[de] && digits(s, me2 + 1, b, &year) == me2 + 5)
            n->date_year = year;
        return say(n, at, M_DATE_WORDS, tail, NULL, NULL);
    }
    size_t j = de;
    while (j < b && blank(s[j]))
        j++;
    if (!starts(s, j, b, "tháng"))
        return VN_OK;
    j += strlen("tháng");
    while (j < b && blank(s[j]))
        j++;
    size_t me = digits(s, j, b, &month);
    if (me == j)
        return VN_OK;
    snprintf(month_s, sizeof month_s, "%.*s", (int)(me - j < 6 ? me - j : 6), s + j);
    size_t y = me;
    while (y < b && blank(s[y]))
        y++;
    if (starts(s, y, b, "năm")) {
        y += strlen("năm");
        while (y < b && blank(s[y]))
            y++;
        if (digits(s, y, b, &year) == y + 4)
            n->date_year = year;
    }
    if (day < 10 && de - i == 1)
        st = say(n, at, M_DAY_ZERO, day_s, NULL, NULL);
    if (!st && month >= 1 && month <= 2 && me - j == 1)
        st = say(n, at, M_MONTH_ZERO, month_s, NULL, NULL);
    if (!st && month >= 3 && month <= 12 && s[j] == '0') {
        char m[8];
        snprintf(m, sizeof m, "%d", month);
        st = say(n, at, M_MONTH_NO_ZERO, m, NULL, NULL);
    }
    return st;
}

/* The title: a line of capitals that starts with a kind of document. */
static int find_title(struct nd30 *n, size_t lines)
{
    const struct vn_normtext *t = n->t;
    const struct vn_vocab_table *k = &n->x->vocab->nd30_kinds;
    for (size_t l = 1; l <= lines; l++) {
        size_t a = t->line_start[l - 1];
        size_t b = l < t->n_lines ? t->line_start[l] : t->len;
        while (b > a && (t->data[b - 1] == '\n' || blank(t->data[b - 1])))
            b--;
        while (a < b && blank(t->data[a]))
            a++;
        struct vn_vocab_match m;
        if (a == b || memchr(t->data + a, '\t', b - a) || has_lower(t->data, a, b) ||
            !vn_vocab_match_at(k, t->data, b, a, &m))
            continue;
        if (m.end == b || blank(t->data[m.end]))
            return m.index;
    }
    return -1;
}

static vn_status header(struct nd30 *n)
{
    const struct vn_normtext *t = n->t;
    const char *s = t->data;
    size_t lines = t->n_lines < HEADER_LINES ? t->n_lines : HEADER_LINES;
    int title = find_title(n, lines);
    bool number_seen = false, date_seen = false;
    vn_status st = VN_OK;
    for (size_t l = 1; l <= lines && !st; l++) {
        size_t ls = t->line_start[l - 1];
        size_t le = l < t->n_lines ? t->line_start[l] : t->len;
        while (le > ls && s[le - 1] == '\n')
            le--;
        for (size_t a = ls; a <= le && !st;) {   /* each cell */
            const char *tab = memchr(s + a, '\t', le - a);
            size_t b = tab ? (size_t)(tab - s) : le, next = b + 1;
            while (a < b && blank(s[a]))
                a++;
            while (b > a && blank(s[b - 1]))
                b--;
            if (!number_seen && starts(s, a, b, "Số") && (a + 4 >= b || !((unsigned char)s[a + 4] >= 0x80 ||
                                                                            (s[a + 4] | 0x20) >= 'a')))
                number_seen = true, st = number_line(n, a, b, &n->x->vocab->nd30_kinds, title);
            else if (!date_seen && b > a && !has_lower(s, a, a + 1)) {
                /* the place (no digit in it, not too long), then "ngày" */
                const char *p = memmem(s + a, b - a, "ngày", strlen("ngày"));
                size_t pi = p ? (size_t)(p - s) : 0;
                bool digits_before = false;
                for (size_t k = a; p && k < pi; k++)
                    digits_before |= digit(s[k]);
                if (p && pi > a && pi - a <= 80 && !digits_before && pi + 6 < b) {
                    date_seen = true;
                    st = date_line(n, a, b, pi);
                }
            }
            a = next;
        }
    }
    if (!st && n->number_cell.len && n->number_year && n->date_year && n->number_year != n->date_year) {
        char num[120];
        snprintf(num, sizeof num, "%.*s", (int)n->number_cell.len, s + n->number_cell.off);
        st = say(n, n->number_cell, M_HEADER_YEAR, num, year_text(n->number_year).s, year_text(n->date_year).s);
        n->header_year_told = true;
    }
    return st;
}

/* ---- citations ------------------------------------------------------------ */

static vn_status citations(struct nd30 *n)
{
    const char *s = n->t->data;
    size_t len = n->t->len;
    const struct vn_vocab_table *kinds = &n->x->vocab->kinds;
    size_t count = n->r->n;     /* the diagnostics appended below are not read */
    vn_status st = VN_OK;
    for (size_t i = 0; i < count && !st; i++) {
        const struct vn_record *rec = &n->r->items[i];
        char what[160];
        if (rec->type == VN_REC_REFERENCE) {
            const struct vn_reference *f = &rec->u.reference;
            snprintf(what, sizeof what, "%.*s", (int)rec->text.len < 150 ? (int)rec->text.len : 150,
                     s + rec->text.off);
            bool header = n->number_cell.len && rec->text.off == n->number_cell.off;
            if (f->year && f->date.year && f->year != f->date.year && !(header && n->header_year_told)) {
                st = say(n, rec->text, M_YEAR, what, year_text(f->year).s, year_text(f->date.year).s);
                continue;
            }
            if (f->date.year)
                continue;
            /* "... số 12/QĐ-UBND của UBND huyện ngày 05/3/2024": the issuer
               first, the date after it in the same sentence */
            size_t j = f->number.off + f->number.len;
            while (j < len && s[j] != ' ' && s[j] != '\n' && s[j] != ',' && s[j] != ';')
                j++;   /* the rest of the symbol */
            while (j < len && s[j] == ' ')
                j++;
            if (!starts(s, j, len, "của "))
                continue;
            size_t lim = j + CITE_REACH < len ? j + CITE_REACH : len;
            for (size_t k = j; k + 6 < lim && s[k] != '\n' && s[k] != ';' && !(s[k] == '.' && s[k + 1] == ' ');
                 k++)
                if (starts(s, k, lim, " ngày ") && digit(s[k + 7])) {
                    st = say(n, rec->text, M_ISSUER_BEFORE_DATE, what, NULL, NULL);
                    break;
                }
        } else if (rec->type == VN_REC_DATE) {
            /* "Quyết định ngày 05/3/2024 số 12/QĐ-UBND": a kind, the date,
               then the number */
            size_t a = rec->text.off;
            if (a < 6 || memcmp(s + a - 6, "ngày ", 6) != 0)
                continue;
            struct vn_vocab_match m;
            if (!vn_vocab_match_before(kinds, s, vn_back_blanks(s, a - 6), &m))
                continue;
            size_t j = rec->text.off + rec->text.len;
            while (j < len && (s[j] == ' ' || s[j] == ','))
                j++;
            if (!starts(s, j, len, "số"))
                continue;
            j += strlen("số");
            while (j < len && (s[j] == ' ' || s[j] == ':'))
                j++;
            if (j < len && digit(s[j])) {
                struct vn_span at = {(uint32_t)m.start, (uint32_t)(j - m.start)};
                snprintf(what, sizeof what, "%.*s", (int)(m.end - m.start), s + m.start);
                st = say(n, at, M_DATE_BEFORE_NUMBER, what, NULL, NULL);
            }
        }
    }
    return st;
}

vn_status vn_nd30_scan(const struct vn_extractor *x, const struct vn_normtext *t, struct vn_records *r)
{
    if (!t->n_lines)
        return VN_OK;
    struct nd30 n = {.x = x, .t = t, .r = r};
    vn_status st = header(&n);
    return st ? st : citations(&n);
}
