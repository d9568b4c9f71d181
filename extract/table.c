/* Tables under a unit heading. A report states the unit of a table once,
 * above it: "Đơn vị tính: triệu đồng", "ĐVT: Tr.đ", "(Đơn vị: triệu đồng)".
 * The table itself, as converters write it, is lines of cells separated by
 * '|' (markdown) or tabs. A cell that is a bare number in such a line is
 * an amount in the heading's unit (implied_unit).
 *
 * Conservative on purpose: the heading must end with a unit of money; the
 * table starts on the next line (one blank line may come between) and ends
 * at the first line that is blank, has no cell separator, or holds another
 * heading; a cell counts only when it is nothing but the number, and never
 * in the first column (a row's label or its number, "STT"); a year
 * ("2024") is never an amount.
 *
 * The scanner asks about numbers in increasing position; the state moves
 * forward only, so the work is linear in the text. */
#define _GNU_SOURCE
#include <string.h>

#include "common/utf8.h"
#include "extract/bytescan.h"
#include "extract/chars.h"
#include "extract/extract_internal.h"

/* The words that start a unit heading; after one of them: optionally
 * "tính", then an optional ':' and the unit. */
static const char *const HEADINGS[VN_TABLE_HEADINGS] = {"Đơn vị", "đơn vị", "ĐƠN VỊ", "ĐVT", "Đvt", "đvt"};

void vn_table_init(struct vn_table *t)
{
    memset(t, 0, sizeof *t);
    t->grid.run_next = SIZE_MAX;
    t->grid.unit_col = -1;
}

static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
}

static bool blank_line(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!vn_is_blank(s[i]))
            return false;
    return true;
}

static bool has_separator(const char *s, size_t a, size_t b)
{
    return memchr(s + a, '|', b - a) || memchr(s + a, '\t', b - a);
}

/* The first heading word that starts in [from, upto), or SIZE_MAX. Every
 * heading word starts with 'Đ' or 'đ' (bytes C4 90, C4 91) and then 'V',
 * 'v' or a letter whose first byte is C6 ('ơ', 'Ơ'): the search looks for
 * those three bytes and tries the words there. */
static size_t heading_between(const struct vn_scan *sc, size_t from, size_t upto)
{
    size_t len = sc->len, lim = upto < len - 2 ? upto + 2 : len;   /* (len >= 2 here) */
    for (size_t i = from; i < upto;) {
        i = vn_find_triple(sc->s, i, lim, 0xC4, 0xFE, 0x90, 0xDF, 'V', 0xC6);
        if (i >= upto)
            break;
        for (size_t h = 0; h < VN_TABLE_HEADINGS; h++) {
            size_t n = strlen(HEADINGS[h]);
            if (n <= len - i && memcmp(sc->s + i, HEADINGS[h], n) == 0)
                return i;
        }
        i++;
    }
    return SIZE_MAX;
}

/* The same for the search of the next table, whose start only moves
 * forward, as do the numbers that ask: what was searched is remembered
 * (the first heading at or after hit_from, or none before searched_to),
 * so the text is searched once, never further than the numbers go. */
static size_t next_heading(const struct vn_scan *sc, struct vn_table *t, size_t from, size_t upto)
{
    if (sc->len < 2 || from >= upto)
        return SIZE_MAX;
    if (t->known && from >= t->hit_from) {
        if (t->hit != SIZE_MAX && from <= t->hit)
            return t->hit < upto ? t->hit : SIZE_MAX;
        if (t->hit == SIZE_MAX && from <= t->searched_to) {
            if (upto <= t->searched_to)
                return SIZE_MAX;
            t->hit = heading_between(sc, t->searched_to, upto);
            t->searched_to = upto;
            return t->hit;
        }
    }
    t->known = true;
    t->hit_from = from;
    t->hit = heading_between(sc, from, upto);
    t->searched_to = upto;
    return t->hit;
}

/* The unit of a heading word found at s[h]; false if it is not a heading. */
static bool heading_unit(const struct vn_scan *sc, size_t h, struct vn_span *unit, int *pow10)
{
    const char *s = sc->s;
    size_t len = sc->len, i = h;
    if (vn_ch_word_before(s, h))
        return false;
    for (size_t k = 0; k < VN_TABLE_HEADINGS; k++) {
        size_t n = strlen(HEADINGS[k]);
        if (h + n <= len && memcmp(s + h, HEADINGS[k], n) == 0) {
            i = h + n;
            break;
        }
    }
    size_t j = i;
    while (j < len && vn_is_blank(s[j]))
        j++;
    if (j + 5 <= len && (memcmp(s + j, "tính", 5) == 0 || memcmp(s + j, "TÍNH", 5) == 0))
        i = j + 5;
    if (vn_ch_word_at(s, len, i))
        return false;
    while (i < len && vn_is_blank(s[i]))
        i++;
    if (i < len && s[i] == ':')
        i++;
    while (i < len && vn_is_blank(s[i]))
        i++;
    struct vn_vocab_match m;
    if (!vn_money_unit_at(sc, i, &m))
        return false;
    /* the unit ends the heading */
    size_t e = m.end;
    while (e < len && vn_is_blank(s[e]))
        e++;
    if (!(e >= len || s[e] == '\n' || s[e] == ')' || s[e] == ']' || s[e] == '.' || s[e] == ';' || s[e] == '|' ||
          s[e] == '\t'))
        return false;
    unit->off = (uint32_t)m.start;
    unit->len = (uint32_t)(m.end - m.start);
    *pow10 = sc->x->vocab->units.e[m.index].value;
    return true;
}

/* Whether a unit heading (a heading word followed by a unit) starts in
 * [a, b): a row label such as "các đơn vị" does not end a table. */
static bool unit_heading_between(const struct vn_scan *sc, size_t a, size_t b)
{
    struct vn_span unit;
    int pow10;
    for (size_t h; a < b && (h = heading_between(sc, a, b)) != SIZE_MAX; a = h + 1)
        if (heading_unit(sc, h, &unit, &pow10))
            return true;
    return false;
}

/* Whether a letter starts at s[i] (i < e). */
static bool letter_at(const char *s, size_t e, size_t i)
{
    uint32_t cp;
    return i < e && vn_ch_decode((const unsigned char *)s + i, e - i, &cp) && vn_ch_letter(cp);
}

/* The number token (digits, '.' and ',' between digits) at s[i], or i. */
static size_t number_end(const char *s, size_t e, size_t i)
{
    size_t j = i;
    while (j < e && (vn_is_digit(s[j]) || ((s[j] == '.' || s[j] == ',') && j + 1 < e && vn_is_digit(s[j + 1]))))
        j++;
    return j;
}

/* Whether the token at s[i] (in a line ending at e) is a number that is not
 * followed by a word: a row number ("2 Chi sự nghiệp") is followed by its
 * label. Gives the token's end. */
static bool plain_value_at(const struct vn_scan *sc, size_t e, size_t i, size_t *end)
{
    const char *s = sc->s;
    if (i >= e || !vn_is_digit(s[i]) || vn_ch_word_before(s, i))
        return false;
    size_t j = number_end(s, e, i);
    *end = j;
    if (j < e && s[j] != ' ')
        return false;
    while (j < e && s[j] == ' ')
        j++;
    return !letter_at(s, e, j);
}

/* Whether s[a, e) is a line of a table written with blanks between its
 * cells (a converter lost the separators): it holds two values in a row,
 * or it starts with a row number and its label (a label wrapped onto the
 * next line). */
static bool plain_row(const struct vn_scan *sc, size_t a, size_t e)
{
    const char *s = sc->s;
    size_t f = a;
    while (f < e && vn_is_blank(s[f]))
        f++;
    if (f < e && vn_is_digit(s[f])) {
        size_t j = number_end(s, e, f);
        if (j < e && s[j] == ' ' && letter_at(s, e, j + 1))
            return true;
    }
    bool prev = false;  /* the token before was a value */
    for (size_t i = f; i < e;) {
        size_t end;
        if ((i == a || s[i - 1] == ' ') && plain_value_at(sc, e, i, &end)) {
            if (prev)
                return true;
            prev = true;
            i = end;
            continue;
        }
        if (s[i] != ' ')
            prev = false;
        while (i < e && s[i] != ' ')
            i++;
        while (i < e && s[i] == ' ')
            i++;
    }
    return false;
}

/* Finds the next table region whose heading is at or after t->from and
 * before `upto` (a table can only hold a number after its heading): sets
 * rs/re and returns true; false when there is none so far (t->from keeps
 * how far the search went, for the next call). */
static bool next_region(const struct vn_scan *sc, struct vn_table *t, size_t upto)
{
    const char *s = sc->s;
    size_t len = sc->len;
    for (;;) {
        size_t h = next_heading(sc, t, t->from, upto);
        if (h == SIZE_MAX)
            return false;
        struct vn_span unit;
        int pow10;
        if (!heading_unit(sc, h, &unit, &pow10)) {
            t->from = h + 1;
            continue;
        }
        size_t he = line_end(s, len, h);
        size_t a = he < len ? he + 1 : len, e = line_end(s, len, a);
        if (a < len && blank_line(s, a, e) && e < len) {   /* one blank line may follow the heading */
            a = e + 1;
            e = line_end(s, len, a);
        }
        size_t start = a, end = a;
        /* cells separated by '|' or tabs; else by blanks ("plain") */
        bool plain = a < len && !has_separator(s, a, e);
        while (a < len && (plain ? plain_row(sc, a, e) : has_separator(s, a, e)) && !blank_line(s, a, e) &&
               (len < 2 || !unit_heading_between(sc, a, e))) {
            end = e;
            if (e >= len)
                break;
            a = e + 1;
            e = line_end(s, len, a);
        }
        if (end == start) {     /* no table under this heading */
            t->from = he;
            continue;
        }
        t->rs = start;
        t->re = end;
        t->plain = plain;
        t->unit = unit;
        t->pow10 = pow10;
        t->ls = t->le = start;
        return true;
    }
}

/* ---- '|' and tab tables, read with the shared splitter ---- */

#define GRID_CELLS 8192u        /* cells of one line read */
#define GRID_ROWS 2048u
#define MAX_HEADER_LINES 8      /* table lines read back for the header */

static size_t line_start(const char *s, size_t lo, size_t i)
{
    while (i > lo && s[i - 1] != '\n')
        i--;
    return i;
}

/* Whether [a, e) is a number and nothing else (a sign may lead). */
static bool number_cell(const char *s, size_t a, size_t e)
{
    if (a < e && (s[a] == '-' || s[a] == '+'))
        a++;
    return a < e && vn_is_digit(s[a]) && number_end(s, e, a) == e;
}

/* A column id of the column-number row: "A", "B", "1", "12", or a formula
 * "4=3/2" (*ratio: it divides, so the column holds percentages). */
static bool colid_cell(const char *s, size_t a, size_t e, int *num, bool *ratio)
{
    *num = -1;
    *ratio = false;
    size_t n = e - a;
    if (n == 0)
        return false;
    if (memchr(s + a, '=', n)) {
        for (size_t i = a; i < e; i++)
            if (!(vn_is_digit(s[i]) || s[i] == '=' || s[i] == '/' || s[i] == '+' || s[i] == '-' || s[i] == '*' ||
                  s[i] == 'x' || s[i] == '(' || s[i] == ')' || s[i] == ' ' || s[i] == '.' || s[i] == ','))
                return false;
        *ratio = memchr(s + a, '/', n) != NULL;
        /* its own id before the '=' */
        int id = 0;
        size_t i = a;
        while (i < e && vn_is_digit(s[i]) && id < 100)
            id = id * 10 + (s[i++] - '0');
        *num = i > a && i < e && s[i] == '=' ? id : -1;
        return true;
    }
    if (n <= 2 && vn_is_digit(s[a]) && (n == 1 || vn_is_digit(s[a + 1]))) {
        *num = n == 1 ? s[a] - '0' : (s[a] - '0') * 10 + (s[a + 1] - '0');
        return true;
    }
    return n <= 2 && ((s[a] | 0x20) >= 'a' && (s[a] | 0x20) <= 'z') && (n == 1 || ((s[a + 1] | 0x20) >= 'a' &&
                                                                              (s[a + 1] | 0x20) <= 'z'));
}

/* The row of column ids under a table's header ("A | B | 1 | 2 | 4=3/2"):
 * every cell an id, the numbers counting up by one from 1 (or after a
 * letter). Marks the ratio columns. */
static bool column_number_row(const char *s, struct vn_table_grid *g, const struct vn_trow *r)
{
    if (r->n_cells < 3)
        return false;
    int last = 0;
    bool letter = false, any = false;
    bool ratio[VN_TABLE_MAX_COLS] = {false};
    for (uint32_t k = 0; k < r->n_cells; k++) {
        const struct vn_tcell *c = &g->cells[r->cell0 + k];
        int num;
        bool rat;
        if (!colid_cell(s, c->off, c->end, &num, &rat))
            return false;
        if (k < VN_TABLE_MAX_COLS)
            ratio[k] = rat;
        if (num >= 0) {
            if (last && num != last + 1)
                return false;
            if (!last && !letter && num != 1)
                return false;
            last = num;
            any = true;
        } else if (memchr(s + c->off, '=', c->end - c->off)) {
            any = true;
        } else {
            letter = true;
        }
    }
    if (!any)
        return false;
    for (uint32_t k = 0; k < r->n_cells && k < VN_TABLE_MAX_COLS; k++)
        g->pct[k] |= ratio[k];
    return true;
}

/* A header cell of percentages: '%' or a rate word of vocab/links.tsv. */
static bool rate_cell(const struct vn_scan *sc, size_t a, size_t e)
{
    if (memchr(sc->s + a, '%', e - a))
        return true;
    const struct vn_vocab_table *links = &sc->x->vocab->links;
    for (size_t i = a; i < e; i++) {
        struct vn_vocab_match m;
        if ((i == a || !vn_ch_word_before(sc->s, i)) && vn_vocab_match_at(links, sc->s, e, i, &m) &&
            !vn_ch_word_at(sc->s, e, m.end) && VN_ROLE_DIM(links->e[m.index].value) == VN_ROLE_LINK &&
            VN_ROLE_VALUE(links->e[m.index].value) == VN_LINK_RATE)
            return true;
    }
    return false;
}

/* A row label that says its row holds percentages: it starts with a rate
 * word ("Tỷ lệ ...") or ends with "(%)" or "%" (a label starts with a
 * letter; a dash or a sign before it is skipped). */
static bool rate_label(const struct vn_scan *sc, size_t a, size_t e)
{
    const char *s = sc->s;
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == ':'))
        e--;
    while (a < e && (s[a] == '-' || s[a] == '+' || s[a] == ' '))
        a++;
    if (!letter_at(s, e, a))
        return false;   /* a figure ("90,16%"), not a label */
    if (e > a && (s[e - 1] == '%' || (s[e - 1] == ')' && e - a >= 3 && s[e - 2] == '%' && s[e - 3] == '(')))
        return true;
    const struct vn_vocab_table *links = &sc->x->vocab->links;
    struct vn_vocab_match m;
    return vn_vocab_match_at(links, s, e, a, &m) && !vn_ch_word_at(s, e, m.end) &&
           VN_ROLE_DIM(links->e[m.index].value) == VN_ROLE_LINK &&
           VN_ROLE_VALUE(links->e[m.index].value) == VN_LINK_RATE;
}

/* The unit column's heading ("Đơn vị tính", "ĐVT"). */
static bool unit_col_cell(const char *s, size_t a, size_t e)
{
    for (size_t k = 0; k < VN_TABLE_HEADINGS; k++) {
        size_t n = strlen(HEADINGS[k]);
        if (e - a >= n && memcmp(s + a, HEADINGS[k], n) == 0)
            return true;
    }
    return false;
}

/* Reads line [ls, le) of the current run: header rows (before the first
 * data row) give the unit column and the columns of percentages; the cells
 * of data rows that are amounts go to g->money when `want`. `heading`: the
 * unit of the table's heading (len 0: none). */
static void grid_line(const struct vn_scan *sc, struct vn_table *t, size_t ls, size_t le, bool alone, bool want)
{
    struct vn_table_grid *g = &t->grid;
    const char *s = sc->s;
    struct vn_tline tl = {g->cells, GRID_CELLS, g->rows, GRID_ROWS, 0, 0, 0, false, false, false};
    size_t nr = vn_table_line_split(s, ls, le, alone, &tl);
    /* only rows whose cells were all written and lie in the line (a split
       cut short at the capacity must not leave a row naming cells past it) */
    size_t kept = 0;
    for (size_t ri = 0; ri < nr && ri < tl.n_rows; ri++) {
        const struct vn_trow *r = &g->rows[ri];
        bool ok = (size_t)r->cell0 + r->n_cells <= tl.n_cells;
        for (uint32_t k = 0; ok && k < r->n_cells; k++) {
            const struct vn_tcell *c = &g->cells[r->cell0 + k];
            ok = c->off >= ls && c->off <= c->end && c->end <= le;
        }
        if (ok)
            g->rows[kept++] = *r;
    }
    nr = kept;
    if (want)
        g->n_money = g->cursor = 0;
    /* markdown emphasis left around a cell ("**690.000**") */
    for (size_t k = 0; k < tl.n_cells; k++) {
        struct vn_tcell *c = &g->cells[k];
        while (c->end >= c->off + 2 && (s[c->off] == '*' || s[c->off] == '_') &&   /* a lone '*' stays */
               (s[c->end - 1] == '*' || s[c->end - 1] == '_')) {
            c->off++;
            c->end--;
        }
    }
    for (size_t ri = 0; ri < nr; ri++) {
        const struct vn_trow *r = &g->rows[ri];
        const struct vn_tcell *c = &g->cells[r->cell0];
        bool numbers = false;
        for (uint32_t k = 1; k < r->n_cells && !numbers; k++)
            numbers = number_cell(s, c[k].off, c[k].end);
        if (!g->data && column_number_row(s, g, r))
            continue;
        if (!numbers) {
            if (g->data)
                continue;
            for (uint32_t k = 0; k < r->n_cells && k < VN_TABLE_MAX_COLS; k++) {
                if (unit_col_cell(s, c[k].off, c[k].end)) {
                    /* a column of units: each row states its own (where
                       it is, when the header's cells are not aligned, the
                       first data row with a unit of money tells) */
                    g->unit_header = true;
                    if (g->unit_col < 0 && r->aligned && !tl.flattened)
                        g->unit_col = (int)k;
                }
                if (r->aligned && !tl.flattened && rate_cell(sc, c[k].off, c[k].end))
                    g->pct[k] = true;
            }
            continue;
        }
        g->data = true;
        if (!want)
            continue;
        /* the row's unit: its unit cell, else the table's heading */
        struct vn_span unit = {0, 0};
        int pow10 = -1;
        if (g->unit_header && g->unit_col < 0) {
            for (uint32_t k = 1; k < r->n_cells; k++) {
                struct vn_vocab_match m;
                if (vn_money_unit_at(sc, c[k].off, &m) && m.end == c[k].end) {
                    g->unit_col = (int)k;
                    break;
                }
            }
        }
        if (g->unit_header) {
            struct vn_vocab_match m;
            if (g->unit_col > 0 && (uint32_t)g->unit_col < r->n_cells && vn_money_unit_at(sc, c[g->unit_col].off, &m) &&
                m.end == c[g->unit_col].end) {
                unit = (struct vn_span){(uint32_t)m.start, (uint32_t)(m.end - m.start)};
                pow10 = sc->x->vocab->units.e[m.index].value;
            }
        } else if (t->have && ls >= t->rs && ls < t->re) {
            unit = t->unit;
            pow10 = t->pow10;
        }
        if (pow10 < 0)
            continue;
        bool rate = false;  /* a label says the row holds percentages */
        for (uint32_t k = 0; k < r->n_cells && !rate; k++)
            rate = !number_cell(s, c[k].off, c[k].end) && rate_label(sc, c[k].off, c[k].end);
        if (rate)
            continue;
        for (uint32_t k = 1; k < r->n_cells && g->n_money < GRID_CELLS; k++) {
            if ((int)k == g->unit_col || (k < VN_TABLE_MAX_COLS && g->pct[k]) ||
                !number_cell(s, c[k].off, c[k].end))
                continue;
            g->money[g->n_money++] = (struct vn_tcell_money){c[k].off, c[k].end, pow10, unit};
        }
    }
}

static bool table_line_at(const char *s, size_t len, size_t b)
{
    return b < len && vn_table_line_is(s, b, line_end(s, len, b));
}

/* Whether the bare number s[a, e) is an amount cell of a '|' or tab table:
 * not in the first column (row numbers), nor in a column of percentages or
 * the column-number row; its unit is its row's unit cell or the table's
 * heading. */
static bool grid_cell(const struct vn_scan *sc, struct vn_table *t, size_t a, size_t e, struct vn_span *unit,
                      int *pow10)
{
    const char *s = sc->s;
    size_t len = sc->len;
    struct vn_table_grid *g = &t->grid;
    if (a >= g->le || g->le == 0) {
        size_t lo = g->le ? g->le : 0;
        size_t ls = line_start(s, lo, a), le = line_end(s, len, a);
        g->ls = ls;
        g->le = le;
        g->n_money = g->cursor = 0;
        g->table = vn_table_line_is(s, ls, le);
        if (!g->table) {
            g->run_next = SIZE_MAX;
            return false;
        }
        if (!g->cells) {
            g->cells = vn_arena_alloc(sc->r->arena, GRID_CELLS * sizeof *g->cells);
            g->rows = vn_arena_alloc(sc->r->arena, GRID_ROWS * sizeof *g->rows);
            g->money = vn_arena_alloc(sc->r->arena, GRID_CELLS * sizeof *g->money);
            if (!g->cells || !g->rows || !g->money) {
                g->cells = NULL;
                ((struct vn_scan *)(uintptr_t)sc)->st = VN_ENOMEM;   /* never a table read as prose */
                return false;
            }
        }
        /* the lines of the run before this one */
        bool cont = g->run_next != SIZE_MAX && g->run_next <= ls;
        for (size_t b = cont ? g->run_next : ls; cont && b < ls; b = line_end(s, len, b) + 1)
            if (!table_line_at(s, len, b))
                cont = false;
        size_t from;
        if (cont) {
            from = g->run_next;
        } else {
            g->data = g->unit_header = false;
            g->unit_col = -1;
            memset(g->pct, 0, sizeof g->pct);
            from = ls;
            for (int k = 0; k < MAX_HEADER_LINES && from > lo + 1; k++) {
                size_t pb = line_start(s, lo, from - 1);
                if (!vn_table_line_is(s, pb, from - 1))
                    break;
                from = pb;
            }
        }
        bool prev_table = from > 0 && from - 1 > lo && vn_table_line_is(s, line_start(s, lo, from - 1), from - 1);
        for (size_t b = from; b <= ls; b = line_end(s, len, b) + 1) {
            size_t be = line_end(s, len, b);
            bool next_table = be < len && table_line_at(s, len, be + 1);
            grid_line(sc, t, b, be, !prev_table && !next_table, b == ls);
            prev_table = true;
        }
        g->run_next = le + 1;
    }
    while (g->cursor < g->n_money && g->money[g->cursor].off < a)
        g->cursor++;
    if (g->cursor < g->n_money && g->money[g->cursor].off == a && g->money[g->cursor].end == e) {
        *unit = g->money[g->cursor].unit;
        *pow10 = g->money[g->cursor].pow10;
        return true;
    }
    return false;
}

/* ---- blank-separated tables with units in their column headings ---- */

#define UCOL_HEADER_BYTES 1200u     /* header text read above a table */
#define UCOL_HEADER_LINES 20

/* The columns named by the header text s[a, b): "(tỷ đồng)" (a unit of
 * money in brackets, possibly broken over lines) is a column of money,
 * '%' a column of percentages. Returns the count (0: no money column). */
static int header_columns(const struct vn_scan *sc, size_t a, size_t b, struct vn_table_ucols *u)
{
    char buf[UCOL_HEADER_BYTES];
    size_t n = b - a;
    if (n > sizeof buf)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = sc->s[a + i] == '\n' ? ' ' : sc->s[a + i];
    struct vn_scan flat = *sc;
    flat.s = buf;
    flat.len = n;
    int k = 0, money = 0;
    for (size_t i = 0; i < n && k < VN_TABLE_MAX_UCOLS; i++) {
        if (buf[i] == '%') {
            u->pow10[k++] = -1;
            continue;
        }
        if (buf[i] != '(')
            continue;
        size_t j = i + 1;
        while (j < n && buf[j] == ' ')
            j++;
        struct vn_vocab_match m;
        if (!vn_money_unit_at(&flat, j, &m))
            continue;
        size_t q = m.end;
        while (q < n && buf[q] == ' ')
            q++;
        if (q >= n || buf[q] != ')')
            continue;
        u->pow10[k] = sc->x->vocab->units.e[m.index].value;
        u->unit[k] = (struct vn_span){(uint32_t)(a + m.start), (uint32_t)(m.end - m.start)};
        /* a unit broken over two lines: named by an unbroken one */
        for (int p = 0; p < k && memchr(buf + m.start, ' ', m.end - m.start) &&
                        memchr(sc->s + a + m.start, '\n', m.end - m.start); p++)
            if (u->pow10[p] == u->pow10[k] && !memchr(sc->s + u->unit[p].off, '\n', u->unit[p].len))
                u->unit[k] = u->unit[p];
        k++;
        money++;
        i = q;
    }
    return money ? k : 0;
}

/* The first run of values of line [ls, le) (values side by side after the
 * label): its start and length. */
static int first_run(const struct vn_scan *sc, size_t ls, size_t le, size_t *start)
{
    const char *s = sc->s;
    int n = 0;
    for (size_t i = ls; i < le;) {
        size_t end;
        if (!n) {
            /* a value opens with a digit: the next digit, found a vector
               at a time (prose lines have few) */
            i = vn_find_digit(s, i, le);
            if (i >= le)
                break;
        }
        if ((i == ls || s[i - 1] == ' ') && plain_value_at(sc, le, i, &end)) {
            if (!n)
                *start = i;
            n++;
            i = end;
            while (i < le && s[i] == ' ')
                i++;
            continue;
        }
        if (n)
            return n;
        while (i < le && s[i] != ' ')
            i++;
        while (i < le && s[i] == ' ')
            i++;
    }
    return n;
}

/* Whether line [ls, le) starts a table whose header above it names as
 * many columns as its first run of values holds. */
static bool ucols_start(const struct vn_scan *sc, struct vn_table_ucols *u, size_t lo, size_t ls, size_t le)
{
    const char *s = sc->s;
    size_t run = ls;
    int n = first_run(sc, ls, le, &run);
    if (n < 2)
        return false;
    /* the header: lines above that are not rows of values, then the line's
       own text before its values */
    size_t hs = ls;
    for (int k = 0; k < UCOL_HEADER_LINES && hs > lo + 1 && run - hs < UCOL_HEADER_BYTES; k++) {
        size_t pb = line_start(s, lo, hs - 1);
        if (blank_line(s, pb, hs - 1) || plain_row(sc, pb, hs - 1) || has_separator(s, pb, hs - 1))
            break;
        hs = pb;
    }
    if (run - hs > UCOL_HEADER_BYTES || !memchr(s + hs, '(', run - hs))
        return false;
    struct vn_table_ucols c = *u;
    if (header_columns(sc, hs, run, &c) != n)
        return false;
    c.n = n;
    c.rs = ls;
    size_t a = ls, e = le;
    for (;;) {
        c.re = e;
        if (e >= sc->len)
            break;
        a = e + 1;
        e = line_end(s, sc->len, a);
        if (blank_line(s, a, e) || !plain_row(sc, a, e))
            break;
    }
    c.ls = c.le = 0;
    *u = c;
    return true;
}

static bool ucols_cell(const struct vn_scan *sc, struct vn_table *t, size_t a, size_t e, struct vn_span *unit,
                       int *pow10)
{
    const char *s = sc->s;
    size_t len = sc->len;
    struct vn_table_ucols *u = &t->ucols;
    if (!(u->rs < u->re && a >= u->rs && a < u->re)) {
        /* a new table may start on this number's line (tried once) */
        if (a < u->tried_to)
            return false;
        size_t lo = u->re > u->tried_to ? u->re : u->tried_to;
        size_t ls = line_start(s, lo, a), le = line_end(s, len, a);
        u->tried_to = le;
        if (!ucols_start(sc, u, lo, ls, le))
            return false;
    }
    if (a >= u->le) {
        u->ls = line_start(s, u->rs, a);
        u->le = line_end(s, len, a);
        u->pos = u->ls;
        u->idx = 0;
    }
    /* the values of the line up to this one, counted along their run */
    size_t end;
    while (u->pos < a) {
        size_t i = u->pos;
        if ((i == u->ls || s[i - 1] == ' ') && plain_value_at(sc, u->le, i, &end)) {
            u->idx++;
            u->pos = end;
        } else {
            if (s[i] != ' ')
                u->idx = 0;
            while (u->pos < u->le && s[u->pos] != ' ')
                u->pos++;
        }
        while (u->pos < u->le && s[u->pos] == ' ')
            u->pos++;
    }
    if (u->pos != a || !plain_value_at(sc, u->le, a, &end) || end != e || a == u->ls || s[a - 1] != ' ')
        return false;
    int k = u->idx;
    if (k >= u->n || u->pow10[k] < 0)
        return false;
    *unit = u->unit[k];
    *pow10 = u->pow10[k];
    return true;
}

void vn_table_lone(struct vn_table *t, size_t a, size_t le)
{
    if (a >= t->ucols.tried_to && !(t->ucols.rs < t->ucols.re && a >= t->ucols.rs && a < t->ucols.re))
        t->ucols.tried_to = le;
}

bool vn_table_cell(const struct vn_scan *sc, struct vn_table *t, size_t a, size_t e, struct vn_span *unit,
                   int *pow10)
{
    const char *s = sc->s;
    size_t len = sc->len;
    /* a number alone on its line (spaces around it) is no cell of any kind
       of table: every kind needs a separator or a second value on the line.
       Answered here, a text of one figure per line costs no table search
       per line; ucols_cell's "tried up to" still moves past the line, so
       its header search above a later line stops here as before */
    size_t lb = a, le = e;
    while (lb > 0 && s[lb - 1] == ' ')
        lb--;
    while (le < len && s[le] == ' ')
        le++;
    if ((lb == 0 || s[lb - 1] == '\n') && (le == len || s[le] == '\n')) {
        vn_table_lone(t, a, le);
        return false;
    }
    /* the regions under a unit heading in order, each found once a number
       passes its heading and left once a number passes its end */
    bool region = true;
    for (;;) {
        if (t->have && a < t->re)
            break;
        if (t->have) {
            t->from = t->re;
            t->have = false;
        }
        if (!next_region(sc, t, a)) {
            region = false;
            break;
        }
        t->have = true;
    }
    if (!region || a < t->rs || !t->plain)
        return grid_cell(sc, t, a, e, unit, pow10) || (!t->grid.table && ucols_cell(sc, t, a, e, unit, pow10));
    /* the line of the number */
    while (a >= t->le) {
        t->ls = t->le == t->rs ? t->rs : t->le + 1;
        t->le = line_end(s, len, t->ls);
        if (t->le >= t->re)
            break;
    }
    /* a value next to another value of its line, not a row number */
    size_t end;
    if (!plain_value_at(sc, t->le, a, &end) || a == t->ls || s[a - 1] != ' ')
        return false;
    size_t p = a;
    while (p > t->ls && s[p - 1] == ' ')
        p--;
    size_t q = end, qe;
    while (q < t->le && s[q] == ' ')
        q++;
    bool next = q > end && plain_value_at(sc, t->le, q, &qe);
    if (!next && !(p > t->ls && vn_is_digit(s[p - 1])))
        return false;
    *unit = t->unit;
    *pow10 = t->pow10;
    return true;
}
