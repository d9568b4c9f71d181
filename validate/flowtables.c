/* Tables whose cell separators were lost: text taken from a PDF writes a
 * table's rows one after another, "Cộng 1.968,80 2.362,20 ... 1 Chi sự
 * nghiệp kinh tế 206,5 277,9 ...", sometimes several to a line and
 * sometimes one row over two lines.
 *
 *   table-column-sum  the total row ("Cộng", "Tổng cộng", "Tổng số")
 *                     against the sum of the numbered rows, column by column
 *
 * Where: the lines after a unit heading ("ĐVT: Tỷ đồng", "Đơn vị tính:
 * triệu đồng") that hold no separator (a TAB or '|' table is read by
 * tables.c), up to a blank line, a line opening with a table or figure
 * caption ("Bảng", "Biểu", "Nguồn") or 200 lines. Rows: each run of figures
 * separated by nothing but spaces is a row's cells, and the words before
 * it its label, which must open with the row's number (1, 2, 3, ... in
 * order) or end with a total word. The column count is the one most rows
 * have; a shorter row fills its columns from the left, and a column it
 * does not reach is unknown.
 *
 * The verdict is the tables' rule: the sum of a column is an accusation
 * only when another column of the same rows adds up exactly (the rows are
 * confirmed to be the total's parts), and a column with an unknown cell is
 * at most ambiguous. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/i18n.h"
#include "validate/validate_internal.h"

#define FT_MAX_ROWS 64u
#define FT_MAX_COLS 16u
#define FT_MAX_LINES 200u

struct ft_row {
    uint32_t cell[FT_MAX_COLS];
    uint32_t n;                 /* cells it has (filled from the left) */
    int stt;                    /* its number, 0 for none */
    bool total;
};

static bool word_at(const struct vn_vctx *c, size_t i, size_t e, const char *w)
{
    size_t n = strlen(w);
    return i + n <= e && memcmp(c->s + i, w, n) == 0 && (i + n == e || c->s[i + n] == ' ' || c->s[i + n] == '\n');
}

/* Whether line i opens with a caption that ends a table. */
static bool caption_line(const struct vn_vctx *c, size_t i)
{
    size_t b = c->text->line_start[i], e = vn_line_end(c, i);
    while (b < e && (c->s[b] == ' ' || c->s[b] == '*'))
        b++;
    return word_at(c, b, e, "Bảng") || word_at(c, b, e, "Biểu") || word_at(c, b, e, "Nguồn") ||
           word_at(c, b, e, "BẢNG") || word_at(c, b, e, "Hình");
}

/* A unit heading line: "ĐVT: ...", "Đơn vị tính: ...", "Đơn vị: ...". */
static bool unit_heading(const struct vn_vctx *c, size_t i)
{
    size_t b = c->text->line_start[i], e = vn_line_end(c, i);
    while (b < e && (c->s[b] == ' ' || c->s[b] == '*' || c->s[b] == '(' || c->s[b] == '_'))
        b++;
    if (e - b > 60)
        return false;
    return word_at(c, b, e, "ĐVT:") || word_at(c, b, e, "ĐVT") || !strncmp(c->s + b, "Đơn vị tính", 14) ||
           !strncmp(c->s + b, "Đơn vị:", 9) || !strncmp(c->s + b, "Đvt:", 6);
}

/* The row number opening a label ("6 Chi quản lý"), or 0. */
static int label_number(const struct vn_vctx *c, size_t a, size_t e)
{
    while (a < e && (c->s[a] == ' ' || c->s[a] == '\n'))
        a++;
    int v = 0;
    size_t d = a;
    while (d < e && c->s[d] >= '0' && c->s[d] <= '9' && d - a < 3)
        v = v * 10 + (c->s[d++] - '0');
    if (d == a || d >= e || (c->s[d] != ' ' && c->s[d] != '.'))
        return 0;
    return v;
}

/* Whether a label ends with a total word ("... Năm 2012 Cộng"). */
static bool label_total(const struct vn_vctx *c, size_t a, size_t e)
{
    while (e > a && (c->s[e - 1] == ' ' || c->s[e - 1] == '\n' || c->s[e - 1] == ':'))
        e--;
    size_t w = e;
    for (int words = 0; words < 2 && w > a; words++) {
        while (w > a && c->s[w - 1] != ' ' && c->s[w - 1] != '\n')
            w--;
        size_t end;
        if (vn_link_at(c, w, e, &end) == VN_LINK_TOTAL && end == e)
            return true;
        while (w > a && (c->s[w - 1] == ' ' || c->s[w - 1] == '\n'))
            w--;
    }
    return false;
}

static bool only_space(const struct vn_vctx *c, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (c->s[i] != ' ' && c->s[i] != '\n')
            return false;
    return true;
}

static vn_status emit(struct vn_vctx *c, uint32_t claimed, const uint32_t *ops, size_t n, struct vn_dec sum,
                      enum vn_verdict v)
{
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    d.relation = VN_REL_SUM;
    d.rule = "table-column-sum";
    d.claimed = claimed;
    d.n_ops = n;
    memcpy(d.ops, ops, n * sizeof *ops);
    d.computed = vn_dec_reduce(sum);
    d.verdict = v;
    char ct[48], comp[64];
    vn_item_text(c, &c->items[claimed], ct, sizeof ct);
    vn_dec_format_vn(d.computed, comp, sizeof comp);
    snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "The %zu numbered rows add up to %s in this column, %s the stated %s."), n,
             comp, v == VN_VERDICT_CONSISTENT ? vn_trp(VN_CAT(c), "claim", "which is") : vn_trp(VN_CAT(c), "claim", "not"), ct);
    return vn_emit(c, &d);
}

static vn_status check_region(struct vn_vctx *c, struct ft_row *rows, size_t nr)
{
    /* the column count most numbered rows have */
    uint32_t count[FT_MAX_COLS + 1] = {0};
    for (size_t r = 0; r < nr; r++)
        if (!rows[r].total)
            count[rows[r].n]++;
    uint32_t k = 0;
    for (uint32_t n = 2; n <= FT_MAX_COLS; n++)
        if (count[n] > count[k])
            k = n;
    if (k < 2 || count[k] < 3)
        return VN_OK;
    for (size_t t = 0; t < nr; t++) {
        if (!rows[t].total || rows[t].n != k)
            continue;
        /* the numbered rows after it (or before it when it comes last) */
        size_t a = t + 1, b = nr;
        if (t > 0 && (t + 1 == nr || rows[t + 1].total)) {
            a = 0;
            b = t;
        }
        uint32_t parts[VN_MAX_PARTS];
        size_t np = 0;
        int expect = 1;
        for (size_t r = a; r < b && !rows[r].total; r++) {
            if (rows[r].stt != expect || np == VN_MAX_PARTS)
                break;
            parts[np++] = (uint32_t)r;
            expect++;
        }
        if (np < 2)
            continue;
        struct vn_dec sum[FT_MAX_COLS];
        uint32_t ops[FT_MAX_COLS][VN_MAX_PARTS];
        size_t nops[FT_MAX_COLS];
        bool known[FT_MAX_COLS], ok[FT_MAX_COLS], match[FT_MAX_COLS];
        uint32_t confirmed = 0;
        for (uint32_t col = 0; col < k; col++) {
            sum[col] = (struct vn_dec){0, 0};
            nops[col] = 0;
            known[col] = ok[col] = true;
            uint32_t nonzero = 0;
            for (size_t p = 0; p < np; p++) {
                const struct ft_row *R = &rows[parts[p]];
                if (col >= R->n) {
                    known[col] = false;
                    continue;
                }
                const struct vn_item *it = &c->items[R->cell[col]];
                ops[col][nops[col]++] = R->cell[col];
                nonzero += it->value.mant != 0;
                if (vn_dec_add(sum[col], vn_item_cmp_value(it), &sum[col]))
                    ok[col] = false;
            }
            struct vn_dec v;
            const struct vn_item *T = &c->items[rows[t].cell[col]];
            match[col] = ok[col] && !vn_to_unit_of(T, sum[col], &v) && vn_claim_matches(v, T->value);
            if (match[col]) {
                sum[col] = v;
                confirmed += nonzero >= 2;
            }
        }
        if (!confirmed)
            continue;
        for (uint32_t col = 0; col < k; col++) {
            if (!ok[col] || nops[col] < 2)
                continue;
            const struct vn_item *T = &c->items[rows[t].cell[col]];
            struct vn_dec v = sum[col];
            if (!match[col] && vn_to_unit_of(T, sum[col], &v))
                continue;
            /* a cell the row does not reach is at least 0: when the cells
               known already exceed the total, no value can close it */
            bool exceeds = !known[col] && vn_dec_cmp(sum[col], vn_item_cmp_value(T)) > 0;
            enum vn_verdict verdict = match[col]                ? VN_VERDICT_CONSISTENT
                                      : known[col] || exceeds ? VN_VERDICT_INCONSISTENT
                                                               : VN_VERDICT_AMBIGUOUS;
            vn_status st = emit(c, rows[t].cell[col], ops[col], nops[col], v, verdict);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

/* Reads the rows of the region [b, e) of the text. */
static size_t read_rows(struct vn_vctx *c, uint32_t *item, size_t b, size_t e, struct ft_row *rows)
{
    size_t nr = 0, label = b;
    while (*item < c->n_items && c->items[*item].off < b)
        (*item)++;
    while (*item < c->n_items && c->items[*item].off < e && nr < FT_MAX_ROWS) {
        /* a run of figures of one kind (a bare number, such as the next
           row's number at the start of a line, is part of a label) */
        uint32_t first = *item, last = first;
        const struct vn_item *F = &c->items[first];
        if (F->kind != VN_IT_MONEY && F->kind != VN_IT_QTY) {
            (*item)++;
            continue;
        }
        while (last + 1 < c->n_items && c->items[last + 1].off < e && c->items[last + 1].kind == F->kind &&
               only_space(c, c->items[last].unit_end, c->items[last + 1].off))
            last++;
        *item = last + 1;
        struct ft_row *R = &rows[nr];
        memset(R, 0, sizeof *R);
        R->stt = label_number(c, label, F->off);
        R->total = !R->stt && label_total(c, label, F->off);
        bool same = true;
        for (uint32_t k = first; k <= last; k++)
            same &= c->items[k].kind == F->kind && c->items[k].unit_end == c->items[k].end;
        if ((R->stt || R->total) && same && last - first + 1 <= FT_MAX_COLS) {
            R->n = last - first + 1;
            for (uint32_t k = first; k <= last; k++)
                R->cell[k - first] = k;
            nr++;
        }
        label = c->items[last].unit_end;
    }
    return nr;
}

vn_status vn_rules_flowtables(struct vn_vctx *c)
{
    vn_status st = vn_table_lines(c);
    if (st)
        return st;
    struct ft_row *rows = vn_malloc(FT_MAX_ROWS * sizeof *rows);
    if (!rows)
        return VN_ENOMEM;
    uint32_t item = 0;
    size_t n = c->text->n_lines;
    for (size_t i = 0; i < n && !st; i++) {
        if (!unit_heading(c, i))
            continue;
        size_t j = i + 1;
        while (j < n && j - i <= FT_MAX_LINES && !c->table_lines[j] && !caption_line(c, j) &&
               vn_line_end(c, j) > c->text->line_start[j])
            j++;
        if (j == i + 1)
            continue;
        size_t b = c->text->line_start[i + 1], e = vn_line_end(c, j - 1);
        size_t nr = read_rows(c, &item, b, e, rows);
        st = check_region(c, rows, nr);
        i = j - 1;
    }
    vn_free(rows);
    return st;
}
