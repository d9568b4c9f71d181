/* Tables: a DOCX, ODT or HTML table arrives as one line per row with its
 * cells separated by TABs (ingest/). A run of such lines is a table; its
 * header rows (no numbers) name the columns.
 *   table-column-sum  a "Tổng cộng" / "Tổng số" / "Cộng" row against the sum
 *                     of the rows it covers, column by column (the rows
 *                     below it when it comes first, above it when last);
 *                     with numbered sub-items (1.1, a, -) only the top-level
 *                     rows are summed when that is what adds up; and a
 *                     numbered row ("I") against its sub-item rows
 *   table-row-sum     a column headed "Tổng số" / "Tổng" / "Cộng" against
 *                     the columns after it up to the next total or
 *                     percentage column, row by row
 *   table-ratio       a column headed "%" / "Tỷ lệ" against the column of
 *                     disbursement (giải ngân) and the plan column before it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate/validate_internal.h"

#define MAX_COLS 64u
#define MAX_ROWS 4096u

struct row {
    uint32_t line;              /* 0-based line index */
    uint32_t cell[MAX_COLS];    /* item index of a cell holding one number, VN_NONE */
    uint32_t n_cells;
    bool total;                 /* "Tổng cộng", "Cộng", ... */
    int8_t style;               /* numbering of its first cell (enum style) */
};

/* Numbering styles of a table's first column ("STT"): the style of the
 * first numbered row is the top level, the others are sub-items. */
enum style { ST_NONE, ST_ROMAN, ST_ARABIC, ST_DOTTED, ST_LETTER, ST_DASH };

struct col_role {
    int link, what;
    bool part, percent;
};

struct table {
    struct row *rows;
    uint32_t n_rows, header_end;    /* rows [0, header_end) are headers */
    char head[MAX_COLS][96];         /* header words of each column, joined */
    struct col_role role[MAX_COLS];  /* read from head once the header is complete */
};

static bool has_tab(const struct vn_vctx *c, size_t i)
{
    uint32_t b = c->text->line_start[i], e = vn_line_end(c, i);
    return memchr(c->s + b, '\t', e - b) != NULL;
}

static size_t trim_l(const char *s, size_t a, size_t e)
{
    while (a < e && (s[a] == ' ' || s[a] == '*'))
        a++;
    return a;
}

static size_t trim_r(const char *s, size_t a, size_t e)
{
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '*'))
        e--;
    return e;
}

/* The numbering style of a row's first cell. */
static int numbering(const char *s, size_t a, size_t e)
{
    a = trim_l(s, a, e);
    e = trim_r(s, a, e);
    if (a == e)
        return ST_NONE;
    size_t digits = 0, dots = 0, roman = 0, n = e - a;
    for (size_t i = a; i < e; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.')
            dots++;
        else if (strchr("IVXL", s[i]))
            roman++;
    }
    if (roman == n || (roman + 1 == n && (s[e - 1] == '.' || s[e - 1] == ')')))
        return ST_ROMAN;
    if (digits && digits + dots == n)
        return dots == 0 || (dots == 1 && s[e - 1] == '.') ? ST_ARABIC : ST_DOTTED;
    if (n <= 2 && s[a] >= 'a' && s[a] <= 'z')
        return ST_LETTER;
    if (n == 1 && (s[a] == '-' || s[a] == '+'))
        return ST_DASH;
    return ST_NONE;
}

static void read_row(struct vn_vctx *c, size_t line, uint32_t *item, struct row *r)
{
    memset(r, 0, sizeof *r);
    r->line = (uint32_t)line;
    uint32_t b = c->text->line_start[line], e = vn_line_end(c, line);
    uint32_t a = b;
    while (*item < c->n_items && c->items[*item].off < b)
        (*item)++;
    for (uint32_t col = 0; col < MAX_COLS && a <= e; col++) {
        const char *tab = memchr(c->s + a, '\t', e - a);
        uint32_t ce = tab ? (uint32_t)(tab - c->s) : e;
        r->cell[col] = VN_NONE;
        size_t ta = trim_l(c->s, a, ce), te = trim_r(c->s, ta, ce);
        /* a cell holding exactly one number (and perhaps its unit) */
        uint32_t first = *item, count = 0;
        while (*item < c->n_items && c->items[*item].off < ce) {
            count++;
            (*item)++;
        }
        if (count == 1 && c->items[first].off == ta && c->items[first].unit_end >= te - 1 &&
            c->items[first].kind != VN_IT_PCT)
            r->cell[col] = first;
        else if (count == 1 && c->items[first].off == ta && c->items[first].kind == VN_IT_PCT)
            r->cell[col] = first;
        if (col == 0)
            r->style = (int8_t)numbering(c->s, a, ce);
        if (te > ta && count == 0) {
            int l = vn_link_at(c, ta, te, NULL);
            if (l == VN_LINK_TOTAL)
                r->total = true;
        }
        r->n_cells = col + 1;
        if (!tab)
            break;
        a = ce + 1;
    }
}

static void add_header(struct vn_vctx *c, struct table *t, const struct row *r)
{
    uint32_t b = c->text->line_start[r->line], e = vn_line_end(c, r->line), a = b;
    uint32_t left = b, left_end = b;     /* the last non-empty cell of this row */
    for (uint32_t col = 0; col < MAX_COLS && a <= e; col++) {
        const char *tab = memchr(c->s + a, '\t', e - a);
        uint32_t ce = tab ? (uint32_t)(tab - c->s) : e;
        uint32_t xa = a, xe = ce;
        if (xe == xa) {
            /* a merged header cell spans the empty cells after it */
            xa = left;
            xe = left_end;
        } else {
            left = a;
            left_end = ce;
        }
        size_t have = strlen(t->head[col]), n = xe - xa;
        if (n && have + n + 2 < sizeof t->head[col]) {
            if (have)
                t->head[col][have++] = ' ';
            memcpy(t->head[col] + have, c->s + xa, n);
            t->head[col][have + n] = '\0';
        }
        if (!tab)
            break;
        a = ce + 1;
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
        if (p && h[p - 1] != ' ' && h[p - 1] != '(')
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

static vn_status emit_sum_of(struct vn_vctx *c, const char *rule, uint32_t claimed, const uint32_t *parts, size_t n)
{
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    struct vn_dec s = {0, 0};
    for (size_t i = 0; i < n; i++)
        if (vn_dec_add(s, c->items[parts[i]].value, &s))
            return VN_OK;
    d.relation = VN_REL_SUM;
    d.rule = rule;
    d.claimed = claimed;
    d.n_ops = n < VN_MAX_PARTS ? n : VN_MAX_PARTS;
    memcpy(d.ops, parts, d.n_ops * sizeof *parts);
    d.computed = vn_dec_reduce(s);
    bool ok = vn_claim_matches(d.computed, c->items[claimed].value);
    d.verdict = ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
    char ct[48], comp[64];
    vn_item_text(c, &c->items[claimed], ct, sizeof ct);
    vn_dec_format_vn(d.computed, comp, sizeof comp);
    snprintf(d.message, sizeof d.message, "The %zu cells %s add up to %s, %s the stated %s.", n,
             strcmp(rule, "table-row-sum") ? "of the rows it covers" : "of the row's parts", comp,
             ok ? "which is" : "not", ct);
    return vn_emit(c, &d);
}

static vn_status column_sums(struct vn_vctx *c, struct table *t)
{
    for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
        const struct row *R = &t->rows[ri];
        if (!R->total)
            continue;
        /* the rows it covers: below it up to the next total when it comes
           first, otherwise above it back to the previous total */
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
        /* top-level rows: the numbering style of the first numbered row;
           an unnumbered row continues the level of the row before it (a
           merged STT cell) */
        int top_style = ST_NONE;
        bool nested = false;
        for (uint32_t k = a; k < b; k++)
            if (t->rows[k].style != ST_NONE) {
                if (top_style == ST_NONE)
                    top_style = t->rows[k].style;
                else if (t->rows[k].style != top_style)
                    nested = true;
            }
        for (uint32_t col = 1; col < R->n_cells && col < MAX_COLS; col++) {
            uint32_t claimed = R->cell[col];
            if (claimed == VN_NONE || c->items[claimed].kind == VN_IT_PCT || t->role[col].percent)
                continue;
            uint32_t all[VN_MAX_PARTS], tops[VN_MAX_PARTS];
            size_t na = 0, nt = 0;
            bool fits = true;
            struct vn_dec sa = {0, 0}, st = {0, 0};
            bool prev_top = true;
            for (uint32_t k = a; k < b; k++) {
                const struct row *rk = &t->rows[k];
                bool is_top = rk->style == ST_NONE ? prev_top : rk->style == top_style;
                prev_top = is_top;
                uint32_t it = rk->cell[col];
                if (it == VN_NONE)
                    continue;
                fits &= na < VN_MAX_PARTS;
                if (na < VN_MAX_PARTS)
                    all[na++] = it;
                if (vn_dec_add(sa, c->items[it].value, &sa))
                    fits = false;
                if (is_top) {
                    if (nt < VN_MAX_PARTS)
                        tops[nt++] = it;
                    if (vn_dec_add(st, c->items[it].value, &st))
                        fits = false;
                }
            }
            if (!fits || !na)
                continue;
            /* with numbered sub-items, the top-level rows may be the parts */
            bool use_top = nested && nt &&
                           (vn_claim_matches(st, c->items[claimed].value) ||
                            !vn_claim_matches(sa, c->items[claimed].value));
            vn_status s = use_top ? emit_sum_of(c, "table-column-sum", claimed, tops, nt)
                                  : emit_sum_of(c, "table-column-sum", claimed, all, na);
            if (s)
                return s;
        }
    }
    return VN_OK;
}

static vn_status row_sums_and_ratios(struct vn_vctx *c, struct table *t)
{
    uint32_t ncols = 0;
    for (uint32_t ri = 0; ri < t->n_rows; ri++)
        if (t->rows[ri].n_cells > ncols)
            ncols = t->rows[ri].n_cells;
    if (ncols > MAX_COLS)
        ncols = MAX_COLS;
    for (uint32_t col = 1; col < ncols; col++) {
        if (!t->head[col][0])
            continue;
        if (t->role[col].percent) {
            /* numerator: the nearest disbursement column before it;
               denominator: the nearest plan column before that */
            uint32_t num = VN_NONE, den = VN_NONE;
            for (uint32_t k = col; k > 1 && num == VN_NONE; k--)
                if (t->role[k - 1].what == VN_WHAT_DISBURSED || t->role[k - 1].what == VN_WHAT_ESTIMATE)
                    num = k - 1;
            for (uint32_t k = num == VN_NONE ? 0 : num; k > 1 && den == VN_NONE; k--)
                if (t->role[k - 1].what == VN_WHAT_TOTAL || t->role[k - 1].link == VN_LINK_TOTAL)
                    den = k - 1;
            if (num == VN_NONE || den == VN_NONE)
                continue;
            for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
                const struct row *R = &t->rows[ri];
                uint32_t p = col < R->n_cells ? R->cell[col] : VN_NONE;
                uint32_t a = num < R->n_cells ? R->cell[num] : VN_NONE;
                uint32_t b = den < R->n_cells ? R->cell[den] : VN_NONE;
                if (p == VN_NONE || a == VN_NONE || b == VN_NONE || c->items[b].value.mant <= 0)
                    continue;
                struct vn_relation_draft d;
                memset(&d, 0, sizeof d);
                const struct vn_item *P = &c->items[p];
                if (vn_percent(c->items[a].value, c->items[b].value, vn_percent_scale(P), &d.computed))
                    continue;
                d.relation = VN_REL_RATIO;
                d.rule = "table-ratio";
                d.claimed = p;
                d.ops[0] = a;
                d.ops[1] = b;
                d.n_ops = 2;
                bool ok = vn_claim_matches(d.computed, P->value);
                d.verdict = ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
                char at[48], bt[48], pt[48], comp[64];
                vn_item_text(c, &c->items[a], at, sizeof at);
                vn_item_text(c, &c->items[b], bt, sizeof bt);
                vn_item_text(c, P, pt, sizeof pt);
                vn_dec_format_vn(d.computed, comp, sizeof comp);
                snprintf(d.message, sizeof d.message, "Table: %s / %s = %s%%, %s the stated %s.", at, bt, comp,
                         ok ? "which gives" : "not", pt);
                vn_status s = vn_emit(c, &d);
                if (s)
                    return s;
            }
            continue;
        }
        if (t->role[col].link != VN_LINK_TOTAL)
            continue;
        /* a total column: the columns after it up to the next total or
           percentage column are its parts */
        uint32_t end = col + 1;
        while (end < ncols && t->role[end].part)
            end++;
        if (end - col < 2)
            continue;
        for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
            const struct row *R = &t->rows[ri];
            uint32_t claimed = col < R->n_cells ? R->cell[col] : VN_NONE;
            if (claimed == VN_NONE)
                continue;
            uint32_t parts[VN_MAX_PARTS];
            size_t n = 0;
            for (uint32_t k = col + 1; k < end && k < R->n_cells && n < VN_MAX_PARTS; k++)
                if (R->cell[k] != VN_NONE)
                    parts[n++] = R->cell[k];
            if (n < 2)
                continue;
            vn_status s = emit_sum_of(c, "table-row-sum", claimed, parts, n);
            if (s)
                return s;
        }
    }
    return VN_OK;
}

/* A numbered top-level row ("I", "1") against the sub-item rows under it
 * ("1", "1.1", "a"), column by column. */
static vn_status subtotals(struct vn_vctx *c, struct table *t)
{
    int top_style = ST_NONE;
    for (uint32_t k = t->header_end; k < t->n_rows && top_style == ST_NONE; k++)
        if (!t->rows[k].total)
            top_style = t->rows[k].style;
    if (top_style == ST_NONE)
        return VN_OK;
    for (uint32_t ri = t->header_end; ri < t->n_rows; ri++) {
        const struct row *R = &t->rows[ri];
        if (R->style != top_style || R->total)
            continue;
        uint32_t end = ri + 1;
        while (end < t->n_rows && !t->rows[end].total && t->rows[end].style != top_style &&
               t->rows[end].style != ST_NONE)
            end++;
        if (end - ri < 2)
            continue;
        int child_style = t->rows[ri + 1].style;
        for (uint32_t col = 1; col < R->n_cells && col < MAX_COLS; col++) {
            uint32_t claimed = R->cell[col];
            if (claimed == VN_NONE || t->role[col].percent)
                continue;
            uint32_t parts[VN_MAX_PARTS];
            size_t n = 0;
            for (uint32_t k = ri + 1; k < end && n < VN_MAX_PARTS; k++)
                if (t->rows[k].style == child_style && t->rows[k].cell[col] != VN_NONE)
                    parts[n++] = t->rows[k].cell[col];
            if (!n)
                continue;
            vn_status st = emit_sum_of(c, "table-column-sum", claimed, parts, n);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

vn_status vn_rules_tables(struct vn_vctx *c)
{
    struct table *t = calloc(1, sizeof *t);
    if (!t)
        return VN_ENOMEM;
    t->rows = malloc(MAX_ROWS * sizeof *t->rows);
    if (!t->rows) {
        free(t);
        return VN_ENOMEM;
    }
    vn_status st = VN_OK;
    uint32_t item = 0;
    size_t n = c->text->n_lines;
    for (size_t i = 0; i < n && !st;) {
        if (!has_tab(c, i)) {
            i++;
            continue;
        }
        /* a run of TAB lines */
        t->n_rows = 0;
        t->header_end = 0;
        memset(t->head, 0, sizeof t->head);
        bool data = false;
        for (; i < n && has_tab(c, i); i++) {
            if (t->n_rows == MAX_ROWS)
                continue;   /* longer tables: the first MAX_ROWS rows */
            struct row *r = &t->rows[t->n_rows];
            read_row(c, i, &item, r);
            uint32_t numbers = 0;
            for (uint32_t k = 1; k < r->n_cells; k++)
                numbers += r->cell[k] != VN_NONE;
            if (!data && numbers == 0) {
                add_header(c, t, r);
                t->header_end = t->n_rows + 1;
            } else {
                data = true;
            }
            t->n_rows++;
        }
        if (data) {
            for (uint32_t col = 0; col < MAX_COLS; col++)
                read_header(c, t->head[col], &t->role[col]);
            st = column_sums(c, t);
            if (!st)
                st = subtotals(c, t);
            if (!st)
                st = row_sums_and_ratios(c, t);
        }
    }
    free(t->rows);
    free(t);
    return st;
}
