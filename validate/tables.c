/* Tables. A DOCX, ODT or HTML table arrives as one line per row with its
 * cells separated by TABs (ingest/); a markdown table as pipe lines, one row
 * per line or all rows flattened onto one line (common/table_cells.h). A
 * run of such lines is a table; its leading rows without numbers are its
 * header, and a row of column numbers ("A | B | 1 | 2 | 3=2/1") may state
 * how columns are computed.
 *
 * The rows' hierarchy comes from their numbering (the STT cell, or a mark
 * opening the label: "-", "+", "a)"), read as a stack of styles as cmark
 * nests blocks: a style seen first opens a level below the current one, a
 * style already open closes the levels below it. So "A.", "I", "1", "1.1",
 * "a", "-" nest in whatever order a table uses them.
 *
 * Rules (names are the check records' `rule`):
 *   table-column-sum  a numbered row against its sub-rows, and a total row
 *                     ("Tổng cộng", "Cộng", "TỔNG THU ...") against the
 *                     top-level rows it covers, column by column
 *   table-formula     a row whose label states its parts by their numbers
 *                     ("(I+II+III)"), and a column whose number states its
 *                     formula ("4=3/2", "5=3+4", "6=4-5")
 *   table-row-sum     a column headed "Tổng số" against the source columns
 *                     after it
 *   table-growth      a growth row ("Tốc độ tăng trưởng") against the row above
 *                     over its figure of the year before (index or growth)
 *   table-share       a row "Tỷ lệ so với X" against the row above over row X
 *   table-per-head    a row "... bình quân đầu người" against the row its
 *                     first word names over the population row
 *   table-ratio       a column headed "%" / "Tỷ lệ" against the two columns
 *                     before it whose ratio it is in most rows (the header's
 *                     disbursement over plan when several pairs fit)
 *
 * What makes a verdict an accusation: a row's sub-rows are a partition only
 * when the table says so. Sub-rows after a "Trong đó" row are a subset (a
 * mismatch is not an error: only a match is reported). And a partition is
 * confirmed by the table itself: a sum that fails in one column is
 * reported inconsistent only when the same rows add up exactly in another
 * column (the typo is in that column); when they add up in no column, the
 * rows are not the partition they seemed and nothing is said. A column
 * formula likewise needs a row where it holds. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/i18n.h"
#include "common/table_cells.h"
#include "validate/validate_internal.h"

#define MAX_COLS 64u
#define MAX_ROWS 4096u
#define MAX_LINE_CELLS 16384u
#define MAX_FORMULA 8u

/* Numbering styles, the mark that opens a row. */
enum style { ST_NONE, ST_ROMAN, ST_ARABIC, ST_DOTTED1, ST_DOTTED2, ST_DOTTED3, ST_LETTER, ST_ULETTER,
             ST_DASH, ST_PLUS, ST_BULLET, ST_PAREN, ST_NSTYLES };

struct row {
    uint32_t line;              /* 0-based line index */
    uint32_t n_cells;
    uint32_t cell[MAX_COLS];    /* item of a cell holding one number, VN_NONE */
    uint64_t blank;             /* bit c: cell c is empty or "-" (counts as 0) */
    uint32_t label, label_end;  /* the row's label text (no number), or 0/0 */
    char id[12];                /* its number as written ("I", "1.2", "a") */
    int8_t style;
    int8_t depth;               /* level in the style stack; -1 for a total row */
    bool total;                 /* "Tổng cộng", "Cộng", ... */
    bool subset_note;           /* "Trong đó: ..." with figures: a part, not a row */
    bool subset_head;           /* a bare "Trong đó:" row */
    bool subset;                /* its sub-rows are a subset (after "Trong đó") */
    bool opens_subset;          /* the first sub-row after "Trong đó:" on its own label */
    bool numbers;               /* any number in a cell but the first */
};

struct col_role {
    int link, what;
    bool part, percent;
};

/* A column computed from others, from the column-number row. */
struct formula {
    uint32_t col;                       /* the computed column */
    char op;                            /* '+' (sums and differences) or '/' */
    uint32_t arg[MAX_FORMULA];
    int8_t sign[MAX_FORMULA];
    uint32_t n_args;
};

struct table {
    struct row *rows;
    uint32_t n_rows, header_end;        /* rows [0, header_end) are headers */
    uint32_t ncols;
    bool misaligned;                    /* header cells do not line up with the columns */
    char head[MAX_COLS][96];            /* header words of each column, joined */
    struct col_role role[MAX_COLS];
    char colid[MAX_COLS][8];            /* the column-number row ("1", "B") */
    struct formula formula[MAX_COLS];
    uint32_t n_formulas;
    uint16_t years[MAX_COLS];           /* years the header names, in order */
    uint32_t n_years;
    uint16_t col_year[MAX_COLS];        /* a value column's year, 0 unknown */
    struct vn_tcell *cells;             /* one line's cells (scratch) */
    struct vn_trow *trows;
};

static size_t trim_l(const char *s, size_t a, size_t e)
{
    while (a < e && (s[a] == ' ' || s[a] == '*' || s[a] == '_'))
        a++;
    return a;
}

static size_t trim_r(const char *s, size_t a, size_t e)
{
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '*' || s[e - 1] == '_'))
        e--;
    return e;
}

static bool is_roman(char ch)
{
    return ch == 'I' || ch == 'V' || ch == 'X' || ch == 'L';
}

/* The numbering style of an STT cell [a, e) (trimmed), and its id. */
static int numbering(const char *s, size_t a, size_t e, char *id, size_t cap)
{
    if (a == e)
        return ST_NONE;
    size_t n = e - a;
    if (n + 1 <= cap) {
        memcpy(id, s + a, n);
        id[n] = '\0';
        /* "1." and "I." are "1" and "I" */
        if (n > 1 && (id[n - 1] == '.' || id[n - 1] == ')'))
            id[n - 1] = '\0';
    }
    size_t digits = 0, dots = 0, roman = 0;
    for (size_t i = a; i < e; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.')
            dots++;
        else if (is_roman(s[i]))
            roman++;
    }
    bool closed = s[e - 1] == '.' || s[e - 1] == ')';
    if (s[a] == '(' && closed && n <= 5)
        return ST_PAREN;
    if (roman && (roman == n || (roman + 1 == n && closed)))
        return ST_ROMAN;
    if (digits && digits + dots == n) {
        size_t inner = dots - (s[e - 1] == '.');
        if (inner == 0)
            return ST_ARABIC;
        return inner == 1 ? ST_DOTTED1 : inner == 2 ? ST_DOTTED2 : ST_DOTTED3;
    }
    if ((n == 1 || (n == 2 && closed)) && s[a] >= 'a' && s[a] <= 'z')
        return ST_LETTER;
    if ((n == 1 || (n == 2 && closed)) && s[a] >= 'A' && s[a] <= 'Z')
        return ST_ULETTER;
    if (n == 1 && s[a] == '-')
        return ST_DASH;
    if (n == 1 && s[a] == '+')
        return ST_PLUS;
    return ST_NONE;
}

/* The mark that opens a label when the STT cell is empty ("- Thuế ..."). */
static int label_mark(const char *s, size_t a, size_t e)
{
    if (a >= e)
        return ST_NONE;
    if (s[a] == '-' && a + 1 < e && s[a + 1] == ' ')
        return ST_DASH;
    if (s[a] == '+' && a + 1 < e && s[a + 1] == ' ')
        return ST_PLUS;
    if (a + 2 < e && (unsigned char)s[a] == 0xE2 && (unsigned char)s[a + 1] == 0x80 &&
        (unsigned char)s[a + 2] == 0xA2)
        return ST_BULLET;     /* U+2022 */
    if (a + 2 < e && s[a] >= 'a' && s[a] <= 'z' && s[a + 1] == ')' && s[a + 2] == ' ')
        return ST_LETTER;
    return ST_NONE;
}

/* A cell that says "nothing here": empty, or a dash. */
static bool blank_cell(const char *s, size_t a, size_t e)
{
    if (a == e)
        return true;
    if (e - a == 1 && s[a] == '-')
        return true;
    return e - a == 3 && (unsigned char)s[a] == 0xE2 && (unsigned char)s[a + 1] == 0x80 &&
           ((unsigned char)s[a + 2] == 0x93 || (unsigned char)s[a + 2] == 0x94);
}

static void read_row(struct vn_vctx *c, const struct table *t, const struct vn_trow *tr, uint32_t line,
                     uint32_t *item, struct row *r)
{
    memset(r, 0, sizeof *r);
    r->line = line;
    r->depth = 0;
    uint32_t n = tr->n_cells < MAX_COLS ? tr->n_cells : MAX_COLS;
    for (uint32_t col = 0; col < n; col++) {
        const struct vn_tcell *cl = &t->cells[tr->cell0 + col];
        r->cell[col] = VN_NONE;
        size_t ta = trim_l(c->s, cl->off, cl->end), te = trim_r(c->s, ta, cl->end);
        while (*item < c->n_items && c->items[*item].off < cl->off)
            (*item)++;
        uint32_t first = *item, count = 0;
        while (*item < c->n_items && c->items[*item].off < cl->end) {
            count++;
            (*item)++;
        }
        if (blank_cell(c->s, ta, te))
            r->blank |= 1ull << col;
        /* a cell holding exactly one number (and perhaps its unit) */
        if (count == 1 && c->items[first].off == ta && c->items[first].unit_end >= te - 1 && col > 0)
            r->cell[col] = first;
        if (col == 0) {
            r->style = (int8_t)numbering(c->s, ta, te, r->id, sizeof r->id);
            if (r->style != ST_NONE || te == ta || count)
                continue;
            /* no STT column: the first cell is the label */
        } else if (r->cell[col] != VN_NONE) {
            r->numbers = true;
            continue;
        }
        if (te > ta && count == 0 && !r->label_end) {
            r->label = (uint32_t)ta;
            r->label_end = (uint32_t)te;
            if (r->style == ST_NONE)
                r->style = (int8_t)label_mark(c->s, ta, te);
            size_t le = ta;
            int l = vn_link_at(c, ta, te, &le);
            if (l == VN_LINK_TOTAL) {
                r->total = true;
            } else if (l == VN_LINK_BREAKDOWN || l == VN_LINK_EXHAUSTIVE) {
                /* "Trong đó: - Thuộc ...": the first item of a list, the
                   list word said once for the whole group */
                size_t q = le;
                while (q < te && (c->s[q] == ' ' || c->s[q] == ':'))
                    q++;
                int m = r->style == ST_NONE ? label_mark(c->s, q, te) : ST_NONE;
                if (m != ST_NONE) {
                    r->style = (int8_t)m;
                    r->opens_subset = l == VN_LINK_BREAKDOWN;
                } else if (l == VN_LINK_BREAKDOWN) {
                    r->subset_head = true;    /* settled below: a note if it has figures */
                }
            }
        }
    }
    r->n_cells = n;
    if (r->subset_head && r->numbers) {
        r->subset_head = false;
        r->subset_note = true;
    }
    if (r->total && r->style != ST_NONE)
        r->total = false;   /* a numbered "I. Tổng ..." is an item among the others: its
                               numbering, not its first word, places it */
}

/* The years a header cell names ("Năm 2026", "Dự toán 2025"), in order. */
static void header_years(const struct vn_vctx *c, struct table *t, size_t a, size_t e)
{
    for (size_t i = a; i + 4 <= e; i++) {
        const char *p = c->s + i;
        if (!((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')) || p[2] < '0' || p[2] > '9' ||
            p[3] < '0' || p[3] > '9' || (i > a && p[-1] >= '0' && p[-1] <= '9') ||
            (i + 4 < e && p[4] >= '0' && p[4] <= '9'))
            continue;
        uint16_t y = (uint16_t)((p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0'));
        if (t->n_years < MAX_COLS && (!t->n_years || t->years[t->n_years - 1] != y))
            t->years[t->n_years++] = y;
        i += 3;
    }
}

static void add_header(const struct vn_vctx *c, struct table *t, const struct vn_trow *tr)
{
    uint32_t left_a = 0, left_e = 0;     /* the last non-empty cell of this row */
    for (uint32_t col = 0; col < tr->n_cells && col < MAX_COLS; col++) {
        const struct vn_tcell *cl = &t->cells[tr->cell0 + col];
        uint32_t xa = cl->off, xe = cl->end;
        if (xe == xa) {
            /* a merged header cell spans the empty cells after it */
            xa = left_a;
            xe = left_e;
        } else {
            left_a = xa;
            left_e = xe;
        }
        if (cl->end > cl->off)
            header_years(c, t, cl->off, cl->end);
        size_t have = strlen(t->head[col]), n = xe - xa;
        if (n && have + n + 2 < sizeof t->head[col]) {
            if (have)
                t->head[col][have++] = ' ';
            memcpy(t->head[col] + have, c->s + xa, n);
            t->head[col][have + n] = '\0';
        }
    }
}

/* What a column's header says, from the vocabulary: its first link word
 * (links.tsv: "Tổng số" is a total, "Tỷ lệ" a rate), its stage (roles.tsv,
 * a stage word beating a budget word as in labels), whether it names a
 * source or a capital (NSTW, vốn đầu tư), and whether it holds percentages. */
static void read_header(const struct vn_vctx *c, const char *h, struct col_role *r)
{
    memset(r, 0, sizeof *r);
    size_t n = strlen(h);
    r->percent = memchr(h, '%', n) != NULL;
    for (size_t p = 0; p < n; p++) {
        if (p && h[p - 1] != ' ' && h[p - 1] != '(' && h[p - 1] != '*')
            continue;
        struct vn_vocab_match m;
        if (vn_vocab_match_at(&c->vocab->links, h, n, p, &m)) {
            int l = VN_ROLE_VALUE(c->vocab->links.e[m.index].value);
            if (!r->link)
                r->link = l;
            r->percent |= l == VN_LINK_RATE;
        }
        if (vn_vocab_match_at(&c->vocab->roles, h, n, p, &m)) {
            int v = c->vocab->roles.e[m.index].value, d = VN_ROLE_DIM(v);
            if (d == VN_ROLE_WHAT && (r->what == VN_WHAT_NONE || VN_ROLE_VALUE(v) != VN_WHAT_TOTAL))
                r->what = VN_ROLE_VALUE(v);
            r->part |= d == VN_ROLE_SOURCE || d == VN_ROLE_CAPITAL;
        }
    }
}

/* ---- the column-number row and its formulas ---- */

/* One column id at s[*i] ("3", "(3)", "B"), copied to id; false if none. */
static bool read_colid(const char *s, size_t *i, size_t e, char *id, size_t cap)
{
    size_t a = *i;
    bool paren = a < e && s[a] == '(';
    if (paren)
        a++;
    size_t b = a;
    while (b < e && b - a < cap - 1 && ((s[b] >= '0' && s[b] <= '9') || (s[b] >= 'A' && s[b] <= 'Z')))
        b++;
    if (b == a || b - a > 3)
        return false;
    /* a letter id is one letter */
    if ((s[a] >= 'A' && s[a] <= 'Z') && b - a > 1)
        return false;
    if (paren) {
        if (b >= e || s[b] != ')')
            return false;
        *i = b + 1;
    } else {
        *i = b;
    }
    memcpy(id, s + a, b - a);
    id[b - a] = '\0';
    return true;
}

static size_t skip_sp(const char *s, size_t i, size_t e)
{
    while (i < e && s[i] == ' ')
        i++;
    return i;
}

/* Whether cell [a, e) is a column id, alone or with a formula; sets its id
 * and, for a formula, the right-hand side's ids and operators. */
static bool parse_colcell(const char *s, size_t a, size_t e, char *id, char rhs[][8], char *ops, uint32_t *n_rhs)
{
    size_t i = a;
    *n_rhs = 0;
    if (!read_colid(s, &i, e, id, 8))
        return false;
    i = skip_sp(s, i, e);
    if (i == e)
        return true;
    if (s[i] != '=')
        return false;
    i = skip_sp(s, i + 1, e);
    char op = '+';
    for (;;) {
        if (*n_rhs == MAX_FORMULA || !read_colid(s, &i, e, rhs[*n_rhs], 8))
            return false;
        ops[(*n_rhs)++] = op;
        i = skip_sp(s, i, e);
        if (i == e)
            return true;
        op = s[i];
        if (op != '+' && op != '-' && op != '/')
            return false;
        i = skip_sp(s, i + 1, e);
    }
}

static uint32_t col_of(const struct table *t, const char *id)
{
    for (uint32_t k = 0; k < t->ncols && k < MAX_COLS; k++)
        if (t->colid[k][0] && strcmp(t->colid[k], id) == 0)
            return k;
    return VN_NONE;
}

/* A row of column numbers: every non-empty cell an id (at least three, one
 * of them digits). Reads the ids and the formulas. */
static bool column_number_row(const struct vn_vctx *c, struct table *t, const struct vn_trow *tr)
{
    uint32_t ids = 0, digits = 0;
    long last = 0;
    char rhs[MAX_FORMULA][8], ops[MAX_FORMULA], id[8];
    uint32_t n_rhs;
    for (uint32_t col = 0; col < tr->n_cells && col < MAX_COLS; col++) {
        const struct vn_tcell *cl = &t->cells[tr->cell0 + col];
        size_t a = trim_l(c->s, cl->off, cl->end), e = trim_r(c->s, a, cl->end);
        if (a == e)
            continue;
        if (!parse_colcell(c->s, a, e, id, rhs, ops, &n_rhs))
            return false;
        ids++;
        if (id[0] >= '0' && id[0] <= '9') {
            /* column numbers go up: a row of small figures is not one */
            long v = strtol(id, NULL, 10);
            if (digits && v <= last)
                return false;
            last = v;
            digits++;
        }
    }
    if (ids < 3 || !digits)
        return false;
    t->n_formulas = 0;
    for (uint32_t col = 0; col < tr->n_cells && col < MAX_COLS; col++) {
        const struct vn_tcell *cl = &t->cells[tr->cell0 + col];
        size_t a = trim_l(c->s, cl->off, cl->end), e = trim_r(c->s, a, cl->end);
        t->colid[col][0] = '\0';
        if (a < e && !parse_colcell(c->s, a, e, t->colid[col], rhs, ops, &n_rhs))
            t->colid[col][0] = '\0';
    }
    for (uint32_t col = 0; col < tr->n_cells && col < MAX_COLS; col++) {
        const struct vn_tcell *cl = &t->cells[tr->cell0 + col];
        size_t a = trim_l(c->s, cl->off, cl->end), e = trim_r(c->s, a, cl->end);
        if (a == e || !parse_colcell(c->s, a, e, id, rhs, ops, &n_rhs) || !n_rhs)
            continue;
        struct formula f = {.col = col, .op = '+'};
        bool ok = true, div = false, addsub = false;
        for (uint32_t k = 0; k < n_rhs && ok; k++) {
            uint32_t ac = col_of(t, rhs[k]);
            ok = ac != VN_NONE && ac != col;
            f.arg[k] = ac;
            f.sign[k] = ops[k] == '-' ? -1 : 1;
            div |= ops[k] == '/';
            addsub |= k > 0 && ops[k] != '/';
        }
        f.n_args = n_rhs;
        if (!ok || (div && (addsub || n_rhs != 2)) || n_rhs < 2)
            continue;
        f.op = div ? '/' : '+';
        t->formula[t->n_formulas++] = f;
        if (div)
            t->role[col].percent = true;    /* a rate is never a part of a sum */
    }
    return true;
}

/* ---- emitting ---- */

static vn_status emit_sum_of(struct vn_vctx *c, const char *rule, uint32_t claimed, const uint32_t *parts,
                             const int8_t *signs, size_t n, struct vn_dec sum, enum vn_verdict verdict)
{
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    bool signed_ = false;
    for (size_t i = 0; signs && i < n; i++)
        signed_ |= signs[i] < 0;
    d.relation = signed_ ? VN_REL_DIFFERENCE : VN_REL_SUM;
    d.rule = rule;
    d.claimed = claimed;
    d.n_ops = n < VN_MAX_PARTS ? n : VN_MAX_PARTS;
    memcpy(d.ops, parts, d.n_ops * sizeof *parts);
    d.computed = vn_dec_reduce(sum);
    d.verdict = verdict;
    char ct[48], comp[64];
    vn_item_text(c, &c->items[claimed], ct, sizeof ct);
    vn_dec_format_vn(d.computed, comp, sizeof comp);
    const char *what = !strcmp(rule, "table-row-sum")   ? vn_tr(VN_CAT(c), "of the row's parts")
                       : !strcmp(rule, "table-formula") ? vn_tr(VN_CAT(c), "the formula names")
                                                        : vn_tr(VN_CAT(c), "of the rows it covers");
    snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "The %zu cells %s add up to %s, %s the stated %s."), n, what, comp,
             verdict == VN_VERDICT_CONSISTENT ? vn_trp(VN_CAT(c), "claim", "which is") : vn_trp(VN_CAT(c), "claim", "not"), ct);
    return vn_emit(c, &d);
}

/* Per column: the parts' cells of rows `part` (with signs), the sum, and
 * whether every part has a figure or a blank in it. */
struct colsum {
    uint32_t ops[VN_MAX_PARTS];
    int8_t sign[VN_MAX_PARTS];
    size_t n;
    struct vn_dec sum;
    bool ok, blanks, matches;
};

static void sum_column(const struct vn_vctx *c, const struct table *t, const uint32_t *part, const int8_t *sign,
                       size_t np, uint32_t col, struct colsum *cs)
{
    memset(cs, 0, sizeof *cs);
    cs->ok = true;
    for (size_t k = 0; k < np; k++) {
        const struct row *rk = &t->rows[part[k]];
        uint32_t it = col < rk->n_cells ? rk->cell[col] : VN_NONE;
        if (it == VN_NONE) {
            if (!(col < rk->n_cells && (rk->blank >> col & 1)))
                cs->ok = false;     /* text or a percentage where a figure should be */
            cs->blanks = true;
            continue;
        }
        if (cs->n == VN_MAX_PARTS || c->items[it].kind == VN_IT_PCT) {
            cs->ok = false;
            continue;
        }
        cs->ops[cs->n] = it;
        cs->sign[cs->n++] = sign ? sign[k] : 1;
        struct vn_dec v = c->items[it].value;
        if (sign && sign[k] < 0)
            v.mant = -v.mant;
        if (vn_dec_add(cs->sum, v, &cs->sum))
            cs->ok = false;
    }
    if (!cs->n)
        cs->ok = false;
}

/* Row `parent`'s cells against the rows `part`, in every column where both
 * have figures. `forced`: the text names the parts (a formula), so each
 * column stands alone; otherwise a column's failure is reported only when
 * another column confirms the partition, and `subset` parts report only
 * what holds. */
static vn_status check_rows(struct vn_vctx *c, const struct table *t, const char *rule, uint32_t parent,
                            const uint32_t *part, const int8_t *sign, size_t np, bool forced, bool subset)
{
    const struct row *R = &t->rows[parent];
    struct colsum cs[MAX_COLS];
    uint32_t compared = 0, matched = 0;
    for (uint32_t col = 1; col < R->n_cells && col < MAX_COLS; col++) {
        cs[col].ok = false;
        uint32_t claimed = R->cell[col];
        if (claimed == VN_NONE || c->items[claimed].kind == VN_IT_PCT || t->role[col].percent)
            continue;
        sum_column(c, t, part, sign, np, col, &cs[col]);
        if (!cs[col].ok)
            continue;
        cs[col].matches = vn_claim_matches(cs[col].sum, c->items[claimed].value);
        compared++;
        /* a column confirms the partition when two parts or more add up
           to a figure in it ("0 = 0 + 0" confirms nothing) */
        uint32_t nonzero = 0;
        for (size_t k = 0; k < cs[col].n; k++)
            nonzero += c->items[cs[col].ops[k]].value.mant != 0;
        matched += cs[col].matches && nonzero >= 2;
    }
    for (uint32_t col = 1; col < R->n_cells && col < MAX_COLS; col++) {
        if (!cs[col].ok)
            continue;
        enum vn_verdict v = VN_VERDICT_CONSISTENT;
        if (!cs[col].matches) {
            /* a single sub-row is a detail ("trong đó"), not a partition */
            if (subset || np < 2)
                continue;
            if (!forced && !(matched > 0 || (compared == 1 && np >= 2 && !cs[col].blanks)))
                continue;
            v = cs[col].blanks ? VN_VERDICT_AMBIGUOUS : VN_VERDICT_INCONSISTENT;
        }
        vn_status st = emit_sum_of(c, rule, R->cell[col], cs[col].ops, cs[col].sign, cs[col].n, cs[col].sum, v);
        if (st)
            return st;
    }
    return VN_OK;
}

/* ---- hierarchy ---- */

/* Depths from the stack of styles; unnumbered rows stay out (depth -2). */
static void nest(struct table *t)
{
    int8_t stack[ST_NSTYLES];
    int n = 0;
    uint32_t last_numbered = VN_NONE;
    for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
        struct row *r = &t->rows[ri];
        if (r->total) {
            r->depth = -1;
            n = 0;
            continue;
        }
        if (r->style == ST_NONE) {
            r->depth = -2;
            if (r->subset_head && last_numbered != VN_NONE)
                t->rows[last_numbered].subset = true;
            continue;
        }
        if (r->opens_subset && last_numbered != VN_NONE)
            t->rows[last_numbered].subset = true;
        int p = 0;
        while (p < n && stack[p] != r->style)
            p++;
        if (p == n && n < ST_NSTYLES)
            stack[n++] = r->style;
        n = p + 1;
        r->depth = (int8_t)p;
        last_numbered = ri;
    }
}

static vn_status numbered_rows(struct vn_vctx *c, struct table *t)
{
    uint32_t part[VN_MAX_PARTS];
    for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
        const struct row *R = &t->rows[ri];
        if (R->depth < 0 || !R->numbers)
            continue;
        size_t np = 0;
        bool fits = true;
        for (uint32_t k = ri + 1; k < t->n_rows; k++) {
            const struct row *rk = &t->rows[k];
            if (rk->depth == -1 || (rk->depth >= 0 && rk->depth <= R->depth))
                break;
            if (rk->depth != R->depth + 1)
                continue;
            if (np == VN_MAX_PARTS)
                fits = false;
            else
                part[np++] = k;
        }
        if (!fits || !np)
            continue;
        vn_status st = check_rows(c, t, "table-column-sum", ri, part, NULL, np, false, R->subset);
        if (st)
            return st;
    }
    return VN_OK;
}

/* A total row against the top-level rows it covers: below it up to the
 * next total when it comes first, otherwise above it back to the previous
 * total. Without numbering, every row with figures is a part. */
static vn_status total_rows(struct vn_vctx *c, struct table *t)
{
    uint32_t part[VN_MAX_PARTS];
    for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
        if (!t->rows[ri].total || !t->rows[ri].numbers)
            continue;
        uint32_t a, b;
        if (ri == t->header_end) {
            a = ri + 1;
            for (b = a; b < t->n_rows && !t->rows[b].total; b++)
                ;
        } else {
            b = ri;
            for (a = ri; a > t->header_end && !t->rows[a - 1].total; a--)
                ;
        }
        int top = 127;
        bool numbered = false;
        for (uint32_t k = a; k < b; k++)
            if (t->rows[k].depth >= 0) {
                numbered = true;
                if (t->rows[k].depth < top)
                    top = t->rows[k].depth;
            }
        size_t np = 0;
        bool fits = true;
        for (uint32_t k = a; k < b; k++) {
            const struct row *rk = &t->rows[k];
            if (numbered ? rk->depth != top : (!rk->numbers || rk->subset_note || rk->subset_head))
                continue;
            if (np == VN_MAX_PARTS)
                fits = false;
            else
                part[np++] = k;
        }
        if (!fits || !np)
            continue;
        vn_status st = check_rows(c, t, "table-column-sum", ri, part, NULL, np, false, false);
        if (st)
            return st;
    }
    return VN_OK;
}

/* A label that names its parts: "(I+II+III)", "(1+2-3)", at its end. */
static vn_status label_formulas(struct vn_vctx *c, struct table *t)
{
    for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
        const struct row *R = &t->rows[ri];
        if (!R->label_end || !R->numbers)
            continue;
        const char *s = c->s;
        size_t e = R->label_end;
        if (e == R->label || s[e - 1] != ')')
            continue;
        size_t o = e - 1;
        while (o > R->label && s[o] != '(' && e - o < 64)
            o--;
        if (s[o] != '(')
            continue;
        /* ids separated by + or - */
        uint32_t part[MAX_FORMULA];
        int8_t sign[MAX_FORMULA];
        size_t np = 0;
        size_t i = o + 1;
        int8_t sg = 1;
        bool ok = true;
        while (ok && i < e - 1) {
            size_t a = i;
            while (i < e - 1 && s[i] != '+' && s[i] != '-' && s[i] != ' ')
                i++;
            if (i == a || np == MAX_FORMULA || i - a >= sizeof R->id) {
                ok = false;
                break;
            }
            /* the row numbered so: the first after this one, else before */
            uint32_t found = VN_NONE;
            for (uint32_t k = ri + 1; k < t->n_rows && found == VN_NONE; k++)
                if (strlen(t->rows[k].id) == i - a && !memcmp(t->rows[k].id, s + a, i - a))
                    found = k;
            for (uint32_t k = ri; k > t->header_end && found == VN_NONE; k--)
                if (strlen(t->rows[k - 1].id) == i - a && !memcmp(t->rows[k - 1].id, s + a, i - a))
                    found = k - 1;
            if (found == VN_NONE) {
                ok = false;
                break;
            }
            part[np] = found;
            sign[np++] = sg;
            i = skip_sp(s, i, e - 1);
            if (i < e - 1) {
                if (s[i] != '+' && s[i] != '-') {
                    ok = false;
                    break;
                }
                sg = s[i] == '-' ? -1 : 1;
                i = skip_sp(s, i + 1, e - 1);
            }
        }
        if (!ok || np < 2)
            continue;
        /* labels are copied from row to row: the formula too must hold in
           some column before a column where it fails is reported */
        vn_status st = check_rows(c, t, "table-formula", ri, part, sign, np, false, false);
        if (st)
            return st;
    }
    return VN_OK;
}

static vn_status emit_ratio(struct vn_vctx *c, const char *rule, uint32_t p, uint32_t a, uint32_t b, bool times100,
                            enum vn_verdict verdict, struct vn_dec computed)
{
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    d.relation = VN_REL_RATIO;
    d.rule = rule;
    d.claimed = p;
    d.ops[0] = a;
    d.ops[1] = b;
    d.n_ops = 2;
    d.computed = computed;
    d.verdict = verdict;
    char at[48], bt[48], pt[48], comp[64];
    vn_item_text(c, &c->items[a], at, sizeof at);
    vn_item_text(c, &c->items[b], bt, sizeof bt);
    vn_item_text(c, &c->items[p], pt, sizeof pt);
    vn_dec_format_vn(computed, comp, sizeof comp);
    snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "Table: %s / %s = %s%s, %s the stated %s."), at, bt, comp, times100 ? "%" : "",
             verdict == VN_VERDICT_CONSISTENT ? vn_trp(VN_CAT(c), "claim", "which gives") : vn_trp(VN_CAT(c), "claim", "not"), pt);
    return vn_emit(c, &d);
}

static bool ratio_of(const struct vn_vctx *c, uint32_t p, uint32_t a, uint32_t b, bool times100, struct vn_dec *out)
{
    const struct vn_item *P = &c->items[p];
    if (c->items[b].value.mant <= 0)
        return false;
    if (times100)
        return !vn_percent(c->items[a].value, c->items[b].value, vn_percent_scale(P), out);
    return !vn_dec_div(c->items[a].value, c->items[b].value, vn_percent_scale(P), out);
}

/* The column formulas of the column-number row, row by row; a formula
 * that holds in no row is not what the column means, and says nothing. */
static vn_status column_formulas(struct vn_vctx *c, struct table *t)
{
    for (uint32_t fi = 0; fi < t->n_formulas; fi++) {
        const struct formula *f = &t->formula[fi];
        if (f->op == '/') {
            /* a percentage, or a plain ratio: whichever holds somewhere */
            uint32_t hold100 = 0, hold1 = 0;
            for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
                const struct row *R = &t->rows[ri];
                uint32_t p = f->col < R->n_cells ? R->cell[f->col] : VN_NONE;
                uint32_t a = f->arg[0] < R->n_cells ? R->cell[f->arg[0]] : VN_NONE;
                uint32_t b = f->arg[1] < R->n_cells ? R->cell[f->arg[1]] : VN_NONE;
                struct vn_dec v;
                if (p == VN_NONE || a == VN_NONE || b == VN_NONE)
                    continue;
                if (ratio_of(c, p, a, b, true, &v) && vn_claim_matches(v, c->items[p].value))
                    hold100++;
                if (ratio_of(c, p, a, b, false, &v) && vn_claim_matches(v, c->items[p].value))
                    hold1++;
            }
            if (!hold100 && !hold1)
                continue;
            bool times100 = hold100 >= hold1;
            for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
                const struct row *R = &t->rows[ri];
                uint32_t p = f->col < R->n_cells ? R->cell[f->col] : VN_NONE;
                uint32_t a = f->arg[0] < R->n_cells ? R->cell[f->arg[0]] : VN_NONE;
                uint32_t b = f->arg[1] < R->n_cells ? R->cell[f->arg[1]] : VN_NONE;
                struct vn_dec v;
                if (p == VN_NONE || a == VN_NONE || b == VN_NONE || !ratio_of(c, p, a, b, times100, &v))
                    continue;
                bool ok = vn_claim_matches(v, c->items[p].value);
                vn_status st = emit_ratio(c, "table-formula", p, a, b, times100,
                                          ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT, v);
                if (st)
                    return st;
            }
            continue;
        }
        /* sums and differences, row by row, with a row where it holds */
        uint32_t holds = 0;
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1 && !holds)
                break;
            for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
                const struct row *R = &t->rows[ri];
                uint32_t p = f->col < R->n_cells ? R->cell[f->col] : VN_NONE;
                if (p == VN_NONE || c->items[p].kind == VN_IT_PCT)
                    continue;
                uint32_t ops[MAX_FORMULA];
                int8_t sg[MAX_FORMULA];
                struct vn_dec sum = {0, 0};
                bool ok = true;
                for (uint32_t k = 0; k < f->n_args && ok; k++) {
                    uint32_t it = f->arg[k] < R->n_cells ? R->cell[f->arg[k]] : VN_NONE;
                    ok = it != VN_NONE && c->items[it].kind != VN_IT_PCT;
                    if (!ok)
                        break;
                    ops[k] = it;
                    sg[k] = f->sign[k];
                    struct vn_dec v = c->items[it].value;
                    if (f->sign[k] < 0)
                        v.mant = -v.mant;
                    ok = !vn_dec_add(sum, v, &sum);
                }
                if (!ok)
                    continue;
                bool match = vn_claim_matches(sum, c->items[p].value);
                if (pass == 0) {
                    holds += match;
                    continue;
                }
                vn_status st = emit_sum_of(c, "table-formula", p, ops, sg, f->n_args, sum,
                                           match ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT);
                if (st)
                    return st;
            }
        }
    }
    return VN_OK;
}

/* The pair of columns before a rate column whose ratio the rate is, in
 * the most rows: the header's roles (disbursement over plan) first; the
 * arithmetic chooses among the columns only when it holds in at least two
 * rows and in most of the rows where both figures are given. */
static bool rate_pair(const struct vn_vctx *c, const struct table *t, uint32_t col, uint32_t *num, uint32_t *den)
{
    uint32_t best = 0, best_n = 0, best_d = 0;
    bool found = false;
    uint32_t lo = col > 7 ? col - 7 : 1;
    for (uint32_t a = lo; a < col; a++)
        for (uint32_t b = lo; b < col; b++) {
            if (a == b || t->role[a].percent || t->role[b].percent)
                continue;
            uint32_t holds = 0, tried = 0;
            for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
                const struct row *R = &t->rows[ri];
                uint32_t p = col < R->n_cells ? R->cell[col] : VN_NONE;
                uint32_t x = a < R->n_cells ? R->cell[a] : VN_NONE;
                uint32_t y = b < R->n_cells ? R->cell[b] : VN_NONE;
                struct vn_dec v;
                if (p == VN_NONE || x == VN_NONE || y == VN_NONE || !ratio_of(c, p, x, y, true, &v))
                    continue;
                tried++;
                holds += vn_claim_matches(v, c->items[p].value);
            }
            bool roles = (t->role[a].what == VN_WHAT_DISBURSED || t->role[a].what == VN_WHAT_ESTIMATE) &&
                         (t->role[b].what == VN_WHAT_TOTAL || t->role[b].link == VN_LINK_PLAN);
            if (holds < 2 || holds * 2 < tried)
                continue;
            if (!found || holds > best || (holds == best && roles)) {
                best = holds;
                best_n = a;
                best_d = b;
                found = true;
            }
        }
    *num = best_n;
    *den = best_d;
    return found;
}

static vn_status rate_column(struct vn_vctx *c, const struct table *t, uint32_t col)
{
    uint32_t num, den;
    if (!rate_pair(c, t, col, &num, &den))
        return VN_OK;
    for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
        const struct row *R = &t->rows[ri];
        uint32_t p = col < R->n_cells ? R->cell[col] : VN_NONE;
        uint32_t a = num < R->n_cells ? R->cell[num] : VN_NONE;
        uint32_t b = den < R->n_cells ? R->cell[den] : VN_NONE;
        struct vn_dec v;
        if (p == VN_NONE || a == VN_NONE || b == VN_NONE || !ratio_of(c, p, a, b, true, &v))
            continue;
        bool ok = vn_claim_matches(v, c->items[p].value);
        vn_status st = emit_ratio(c, "table-ratio", p, a, b, true, ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT, v);
        if (st)
            return st;
    }
    return VN_OK;
}

/* Columns read from an aligned header: a total column against the source
 * columns after it, a rate column against the two columns it divides. */
static vn_status header_columns(struct vn_vctx *c, struct table *t)
{
    for (uint32_t col = 1; col < t->ncols && col < MAX_COLS; col++) {
        if (!t->head[col][0])
            continue;
        if (t->role[col].percent) {
            vn_status st = rate_column(c, t, col);
            if (st)
                return st;
            continue;
        }
        if (t->role[col].link != VN_LINK_TOTAL)
            continue;
        uint32_t end = col + 1;
        while (end < t->ncols && end < MAX_COLS && t->role[end].part)
            end++;
        if (end - col < 3)
            continue;
        for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
            const struct row *R = &t->rows[ri];
            uint32_t claimed = col < R->n_cells ? R->cell[col] : VN_NONE;
            if (claimed == VN_NONE)
                continue;
            uint32_t parts[VN_MAX_PARTS];
            size_t n = 0;
            struct vn_dec sum = {0, 0};
            bool ok = true;
            for (uint32_t k = col + 1; k < end && k < R->n_cells && n < VN_MAX_PARTS; k++)
                if (R->cell[k] != VN_NONE) {
                    parts[n++] = R->cell[k];
                    ok &= !vn_dec_add(sum, c->items[R->cell[k]].value, &sum);
                }
            if (n < 2 || !ok)
                continue;
            bool match = vn_claim_matches(sum, c->items[claimed].value);
            vn_status st = emit_sum_of(c, "table-row-sum", claimed, parts, NULL, n, sum,
                                       match ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

/* ---- rows computed from other rows ---- */

/* The year of each value column: the header's years in order, the first
 * year over the extra columns when there are more value columns than years
 * ("Năm hiện hành 2025" over "Kế hoạch" and "Ước thực hiện"). */
static void column_years(const struct vn_vctx *c, struct table *t)
{
    uint32_t vc[MAX_COLS], nv = 0;
    for (uint32_t col = 1; col < t->ncols && col < MAX_COLS; col++) {
        if (t->role[col].percent)
            continue;
        bool any = false;
        for (uint32_t ri = t->header_end; ri < t->n_rows && !any; ri++)
            any = col < t->rows[ri].n_cells && t->rows[ri].cell[col] != VN_NONE;
        if (any)
            vc[nv++] = col;
    }
    (void)c;
    if (t->n_years < 2 || nv < t->n_years)
        return;
    uint32_t extra = nv - t->n_years;
    for (uint32_t k = 0; k < nv; k++)
        t->col_year[vc[k]] = t->years[k <= extra ? 0 : k - extra];
    /* the years must go up: a header that names them otherwise is not read */
    for (uint32_t k = 1; k < t->n_years; k++)
        if (t->years[k] <= t->years[k - 1]) {
            memset(t->col_year, 0, sizeof t->col_year);
            return;
        }
}

/* The label's link word, after its marks and emphasis. */
static int label_link(const struct vn_vctx *c, const struct row *R, size_t *end)
{
    size_t a = R->label;
    while (a < R->label_end && (c->s[a] == '-' || c->s[a] == '+' || c->s[a] == ' ' || c->s[a] == '*'))
        a++;
    return vn_link_at(c, a, R->label_end, end);
}

/* The previous row with figures. */
static uint32_t row_above(const struct table *t, uint32_t ri)
{
    while (ri > t->header_end) {
        ri--;
        if (t->rows[ri].numbers)
            return ri;
    }
    return VN_NONE;
}

struct rate_try {
    uint32_t p, a, b;       /* claimed, numerator, denominator */
};

/* Emits the tries of one row in the form (index or growth) that holds in
 * one of them at least; nothing when neither does. */
static vn_status emit_rates(struct vn_vctx *c, const char *rule, const struct rate_try *tr, size_t n, bool growth_ok)
{
    uint32_t holds[2] = {0, 0};
    for (size_t k = 0; k < n; k++)
        for (int form = 0; form < 2; form++) {
            struct vn_dec v, h = {10000, 2};
            if (form == 1 && !growth_ok)
                continue;
            if (!ratio_of(c, tr[k].p, tr[k].a, tr[k].b, true, &v))
                continue;
            if (form == 1 && vn_dec_sub(v, h, &v))
                continue;
            /* the form is confirmed by a cell it explains, read at the
               precision the cell really has ("110,30" is written to one
               decimal and padded with a zero: vn_dec_reduce drops it) */
            holds[form] += vn_claim_matches(v, vn_dec_reduce(c->items[tr[k].p].value));
        }
    if (!holds[0] && !holds[1])
        return VN_OK;
    int form = holds[0] >= holds[1] ? 0 : 1;
    for (size_t k = 0; k < n; k++) {
        struct vn_dec v, h = {10000, 2};
        if (!ratio_of(c, tr[k].p, tr[k].a, tr[k].b, true, &v) || (form == 1 && vn_dec_sub(v, h, &v)))
            continue;
        bool ok = vn_claim_matches(v, c->items[tr[k].p].value);
        vn_status st = emit_ratio(c, rule, tr[k].p, tr[k].a, tr[k].b, true,
                                  ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT, v);
        if (st)
            return st;
    }
    return VN_OK;
}

/* The power of ten a row's unit cell says ("Triệu người" -> 6), 0 without
 * a scale word (numerals.tsv); the unit cell follows the label. */
static int row_scale(const struct vn_vctx *c, const struct table *t, uint32_t ri)
{
    const struct row *R = &t->rows[ri];
    /* the text after the label, up to the first figure */
    size_t a = R->label_end, e = a + 40 < c->len ? a + 40 : c->len;
    for (size_t i = a; i < e; i++) {
        if (c->s[i] >= '0' && c->s[i] <= '9')
            break;
        if (!vn_word_start(c->s, i, a))
            continue;
        struct vn_vocab_match m;
        if (vn_vocab_match_at(&c->vocab->numerals, c->s, e, i, &m) &&
            c->vocab->numerals.e[m.index].flags == VN_NUM_SCALE)
            return c->vocab->numerals.e[m.index].value;
    }
    return 0;
}

/* "GRDP bình quân đầu người": the row the label's first word names over
 * the population row, column by column, in the claim's unit. */
static vn_status per_head_row(struct vn_vctx *c, struct table *t, uint32_t ri)
{
    const struct row *R = &t->rows[ri];
    size_t a = R->label;
    while (a < R->label_end && (c->s[a] == ' ' || c->s[a] == '*' || c->s[a] == '-'))
        a++;
    size_t w = a;
    while (w < R->label_end && c->s[w] != ' ')
        w++;
    if (w == a)
        return VN_OK;
    uint32_t num = VN_NONE, pop = VN_NONE;
    for (uint32_t k = t->header_end; k < t->n_rows; k++) {
        const struct row *rk = &t->rows[k];
        if (k == ri || !rk->numbers || !rk->label_end)
            continue;
        size_t le;
        if (pop == VN_NONE && label_link(c, rk, &le) == VN_LINK_POPULATION)
            pop = k;
        else if (num == VN_NONE && k < ri && memmem(c->s + rk->label, rk->label_end - rk->label, c->s + a, w - a))
            num = k;
    }
    if (num == VN_NONE || pop == VN_NONE)
        return VN_OK;
    int scale = row_scale(c, t, pop);
    const struct row *N = &t->rows[num], *P = &t->rows[pop];
    struct rate_try tr[MAX_COLS];
    size_t n = 0;
    for (uint32_t j = 1; j < R->n_cells && j < MAX_COLS; j++)
        if (R->cell[j] != VN_NONE && j < N->n_cells && N->cell[j] != VN_NONE && j < P->n_cells &&
            P->cell[j] != VN_NONE && c->items[R->cell[j]].kind == VN_IT_MONEY &&
            c->items[N->cell[j]].kind == VN_IT_MONEY)
            tr[n++] = (struct rate_try){R->cell[j], N->cell[j], P->cell[j]};
    /* a quotient: base(numerator) / (people) in the claim's unit */
    uint32_t holds = 0;
    struct vn_dec v[MAX_COLS];
    bool ok[MAX_COLS];
    for (size_t k = 0; k < n; k++) {
        const struct vn_item *C = &c->items[tr[k].p], *X = &c->items[tr[k].a], *Y = &c->items[tr[k].b];
        struct vn_dec people, q;
        ok[k] = Y->value.mant > 0 && !vn_dec_shift(Y->value, scale, &people) &&
                !vn_dec_div(X->base, people, C->value.scale + 2 + C->pow10 > 0 ? C->value.scale + 2 : 2, &q) &&
                !vn_to_unit_of(C, q, &v[k]);
        if (ok[k])
            holds += vn_claim_matches(v[k], vn_dec_reduce(C->value));
    }
    if (!holds)
        return VN_OK;
    for (size_t k = 0; k < n; k++) {
        if (!ok[k])
            continue;
        struct vn_relation_draft d;
        memset(&d, 0, sizeof d);
        d.relation = VN_REL_RATIO;
        d.rule = "table-per-head";
        d.claimed = tr[k].p;
        d.ops[0] = tr[k].a;
        d.ops[1] = tr[k].b;
        d.n_ops = 2;
        d.computed = v[k];
        bool match = vn_claim_matches(v[k], c->items[tr[k].p].value);
        d.verdict = match ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
        char at[48], bt[48], pt[48], comp[64];
        vn_item_text(c, &c->items[tr[k].a], at, sizeof at);
        vn_item_text(c, &c->items[tr[k].b], bt, sizeof bt);
        vn_item_text(c, &c->items[tr[k].p], pt, sizeof pt);
        vn_dec_format_vn(v[k], comp, sizeof comp);
        snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "Table: %s over a population of %s is %s per person, %s the stated %s."),
                 at, bt, comp, match ? vn_trp(VN_CAT(c), "claim", "which is") : vn_trp(VN_CAT(c), "claim", "not"), pt);
        vn_status st = vn_emit(c, &d);
        if (st)
            return st;
    }
    return VN_OK;
}

/* "Tốc độ tăng trưởng (%)" under a row: that row's figure over its figure
 * of the year before, column by column (an index, 100 = no change, or the
 * growth itself); "Tỷ lệ so với GRDP": the row above over the row the
 * label names. */
static vn_status row_rates(struct vn_vctx *c, struct table *t)
{
    column_years(c, t);
    for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
        const struct row *R = &t->rows[ri];
        if (!R->label_end || !R->numbers)
            continue;
        size_t le;
        int l = label_link(c, R, &le);
        bool per_head = false;
        for (size_t o = R->label; o < R->label_end && !per_head; o++)
            per_head = vn_word_start(c->s, o, R->label) && vn_link_at(c, o, R->label_end, NULL) == VN_LINK_PER_HEAD;
        if (per_head) {
            vn_status st = per_head_row(c, t, ri);
            if (st)
                return st;
            continue;
        }
        uint32_t above = row_above(t, ri);
        if (above == VN_NONE)
            continue;
        const struct row *P = &t->rows[above];
        struct rate_try tr[MAX_COLS];
        size_t n = 0;
        if (l == VN_LINK_GROWTH) {
            for (uint32_t j = 1; j < R->n_cells && j < MAX_COLS; j++) {
                uint32_t p = R->cell[j];
                if (p == VN_NONE || !t->col_year[j] || j >= P->n_cells || P->cell[j] == VN_NONE)
                    continue;
                uint32_t k = VN_NONE;
                for (uint32_t q = 1; q < j; q++)
                    if (t->col_year[q] + 1 == t->col_year[j] && q < P->n_cells && P->cell[q] != VN_NONE)
                        k = q;      /* the last column of the year before */
                if (k != VN_NONE)
                    tr[n++] = (struct rate_try){p, P->cell[j], P->cell[k]};
            }
            vn_status st = emit_rates(c, "table-growth", tr, n, true);
            if (st)
                return st;
            continue;
        }
        /* "... so với X": X is another row's label */
        size_t o = R->label;
        for (; o < R->label_end; o++)
            if (vn_word_start(c->s, o, R->label) && vn_link_at(c, o, R->label_end, &le) == VN_LINK_RELATIVE)
                break;
        if (o >= R->label_end)
            continue;
        size_t wa = le, we = R->label_end;
        while (wa < we && (c->s[wa] == ' ' || c->s[wa] == '*'))
            wa++;
        if (we - wa < 2)
            continue;
        uint32_t X = VN_NONE;
        for (uint32_t k = t->header_end; k < t->n_rows && X == VN_NONE; k++) {
            const struct row *rk = &t->rows[k];
            if (k != ri && k != above && rk->numbers && rk->label_end &&
                memmem(c->s + rk->label, rk->label_end - rk->label, c->s + wa, we - wa))
                X = k;
        }
        if (X == VN_NONE)
            continue;
        const struct row *XR = &t->rows[X];
        for (uint32_t j = 1; j < R->n_cells && j < MAX_COLS; j++)
            if (R->cell[j] != VN_NONE && j < P->n_cells && P->cell[j] != VN_NONE && j < XR->n_cells &&
                XR->cell[j] != VN_NONE)
                tr[n++] = (struct rate_try){R->cell[j], P->cell[j], XR->cell[j]};
        vn_status st = emit_rates(c, "table-share", tr, n, false);
        if (st)
            return st;
    }
    return VN_OK;
}

/* ---- reading a table ---- */

static void table_reset(struct table *t)
{
    t->n_rows = t->header_end = t->ncols = t->n_formulas = t->n_years = 0;
    memset(t->col_year, 0, sizeof t->col_year);
    t->misaligned = false;
    memset(t->head, 0, sizeof t->head);
    memset(t->role, 0, sizeof t->role);
    memset(t->colid, 0, sizeof t->colid);
}

/* A markdown delimiter row ("---", ":--:") inside a flattened line. */
static bool delimiter_row(const struct vn_vctx *c, const struct table *t, const struct vn_trow *tr)
{
    bool dash = false;
    for (uint32_t k = 0; k < tr->n_cells; k++) {
        const struct vn_tcell *cl = &t->cells[tr->cell0 + k];
        for (uint32_t i = cl->off; i < cl->end; i++) {
            if (c->s[i] != '-' && c->s[i] != ':')
                return false;
            dash = true;
        }
    }
    return dash;
}

/* Adds line i's rows to the table. */
static void add_line(struct vn_vctx *c, struct table *t, size_t i, bool alone, uint32_t *item, bool *data)
{
    uint32_t b = c->text->line_start[i], e = vn_line_end(c, i);
    struct vn_tline tl = {t->cells, MAX_LINE_CELLS, t->trows, MAX_ROWS, 0, 0, 0, false, false, false};
    size_t nr = vn_table_line_split(c->s, b, e, alone, &tl);
    for (size_t k = 0; k < nr && t->n_rows < MAX_ROWS; k++) {
        const struct vn_trow *tr = &t->trows[k];
        if (delimiter_row(c, t, tr))
            continue;
        if (tr->n_cells > t->ncols)
            t->ncols = tr->n_cells < MAX_COLS ? tr->n_cells : MAX_COLS;
        struct row *r = &t->rows[t->n_rows];
        read_row(c, t, tr, (uint32_t)i, item, r);
        if (!*data && column_number_row(c, t, tr)) {
            t->header_end = t->n_rows + 1;
        } else if (!*data && !r->numbers) {
            add_header(c, t, tr);
            t->misaligned |= !tr->aligned;
            t->header_end = t->n_rows + 1;
        } else {
            *data = true;
        }
        t->n_rows++;
    }
}

static vn_status check_table(struct vn_vctx *c, struct table *t)
{
    for (uint32_t col = 0; col < MAX_COLS; col++) {
        bool rate = t->role[col].percent;
        read_header(c, t->head[col], &t->role[col]);
        t->role[col].percent |= rate;
    }
    nest(t);
    vn_status st = total_rows(c, t);
    if (!st)
        st = numbered_rows(c, t);
    if (!st)
        st = label_formulas(c, t);
    if (!st)
        st = column_formulas(c, t);
    if (!st && !t->misaligned)
        st = header_columns(c, t);
    if (!st)
        st = row_rates(c, t);
    return st;
}

static bool table_line(const struct vn_vctx *c, size_t i)
{
    return c->table_lines[i] != 0;     /* vn_table_lines, once per text */
}

vn_status vn_rules_tables(struct vn_vctx *c)
{
    vn_status ts = vn_table_lines(c);
    if (ts)
        return ts;
    struct table *t = vn_calloc(1, sizeof *t);
    if (!t)
        return VN_ENOMEM;
    t->rows = vn_malloc(MAX_ROWS * sizeof *t->rows);
    t->cells = vn_malloc(MAX_LINE_CELLS * sizeof *t->cells);
    t->trows = vn_malloc(MAX_ROWS * sizeof *t->trows);
    vn_status st = t->rows && t->cells && t->trows ? VN_OK : VN_ENOMEM;
    uint32_t item = 0;
    size_t n = c->text->n_lines;
    for (size_t i = 0; i < n && !st;) {
        if (!table_line(c, i)) {
            i++;
            continue;
        }
        /* a run of table lines (a markdown delimiter row inside it) */
        size_t j = i;
        while (j < n && table_line(c, j))
            j++;
        table_reset(t);
        bool data = false, alone = j - i == 1;
        for (; i < j; i++) {
            uint32_t b = c->text->line_start[i], e = vn_line_end(c, i);
            if (!vn_table_line_is_rule(c->s, b, e))
                add_line(c, t, i, alone, &item, &data);
        }
        if (data)
            st = check_table(c, t);
    }
    vn_free(t->trows);
    vn_free(t->cells);
    vn_free(t->rows);
    vn_free(t);
    return st;
}
