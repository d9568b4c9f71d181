/* The rows and cells of a table line (see table_cells.h). */
#include "common/table_cells.h"

#include <string.h>

#define MAX_FLAT_COLS 64u   /* widest flattened table tried */
#define MIN_FLAT_ROWS 3u    /* aligned rows needed to call a line flattened */

static bool blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

static struct vn_tcell trimmed(const char *s, size_t a, size_t e)
{
    while (a < e && blank(s[a]))
        a++;
    while (e > a && blank(s[e - 1]))
        e--;
    return (struct vn_tcell){(uint32_t)a, (uint32_t)e};
}

static bool empty(const struct vn_tcell *c)
{
    return c->off == c->end;
}

bool vn_table_line_is(const char *s, size_t b, size_t e)
{
    if (memchr(s + b, '\t', e - b))
        return true;
    while (b < e && blank(s[b]))
        b++;
    return b < e && s[b] == '|';
}

bool vn_table_line_is_rule(const char *s, size_t b, size_t e)
{
    bool dash = false, pipe = false;
    for (size_t i = b; i < e; i++) {
        if (s[i] == '-')
            dash = true;
        else if (s[i] == '|')
            pipe = true;
        else if (s[i] != ':' && !blank(s[i]))
            return false;
    }
    return dash && pipe;
}

static bool push_row(struct vn_tline *t, size_t cell0, size_t n, bool aligned)
{
    if (t->n_rows == t->cap_rows) {
        t->truncated = true;
        return false;
    }
    t->rows[t->n_rows++] = (struct vn_trow){(uint32_t)cell0, (uint32_t)n, aligned};
    return true;
}

static size_t split_tabs(const char *s, size_t b, size_t e, struct vn_tline *t)
{
    size_t a = b;
    for (;;) {
        const char *tab = memchr(s + a, '\t', e - a);
        size_t ce = tab ? (size_t)(tab - s) : e;
        if (t->n_cells == t->cap_cells) {
            t->truncated = true;
            break;
        }
        t->cells[t->n_cells++] = trimmed(s, a, ce);
        if (!tab)
            break;
        a = ce + 1;
    }
    t->n_cols = (uint32_t)t->n_cells;
    push_row(t, 0, t->n_cells, true);
    return t->n_rows;
}

/* The column count whose rows, read back from the end of the tokens, each
 * preceded by one blank token, cover the most tokens (at least
 * MIN_FLAT_ROWS rows); the first aligned token in *start. 0 if none. */
static uint32_t align_from_end(const struct vn_tcell *tok, size_t n, size_t *start)
{
    uint32_t best = 0;
    size_t best_start = n;
    for (uint32_t cols = 2; cols <= MAX_FLAT_COLS && cols <= n; cols++) {
        size_t end = n, first = n, rows = 0;
        while (end >= cols) {
            first = end - cols;
            rows++;
            if (first == 0 || !empty(&tok[first - 1]))
                break;
            end = first - 1;
        }
        if (rows >= MIN_FLAT_ROWS && first < best_start) {
            best = cols;
            best_start = first;
        }
    }
    *start = best_start;
    return best;
}

static size_t split_pipes(const char *s, size_t b, size_t e, bool alone, struct vn_tline *t)
{
    t->pipe = true;
    /* the tokens between consecutive unescaped pipes */
    size_t prev = SIZE_MAX;
    for (size_t i = b; i < e; i++) {
        if (s[i] != '|' || (i > b && s[i - 1] == '\\'))
            continue;
        if (prev != SIZE_MAX) {
            if (t->n_cells == t->cap_cells) {
                t->truncated = true;
                break;
            }
            t->cells[t->n_cells++] = trimmed(s, prev + 1, i);
        }
        prev = i;
    }
    size_t n = t->n_cells, start = 0;
    uint32_t cols = alone && n >= 2 * MIN_FLAT_ROWS ? align_from_end(t->cells, n, &start) : 0;
    if (!cols) {
        t->n_cols = (uint32_t)n;
        if (n)
            push_row(t, 0, n, true);
        return t->n_rows;
    }
    t->flattened = true;
    t->n_cols = cols;
    /* compact in place: the rows before the aligned part split at blank
       tokens, then the aligned rows without their separators */
    size_t w = 0, row0 = 0;
    size_t head_end = start ? start - 1 : 0;     /* the separator before the aligned part */
    for (size_t r = 0; r < head_end; r++) {
        if (empty(&t->cells[r])) {
            if (w > row0 && !push_row(t, row0, w - row0, false))
                break;
            row0 = w;
            continue;
        }
        t->cells[w++] = t->cells[r];
    }
    if (w > row0)
        push_row(t, row0, w - row0, false);
    for (size_t r = start; r + cols <= n; r += cols + 1) {
        memmove(&t->cells[w], &t->cells[r], cols * sizeof *t->cells);
        if (!push_row(t, w, cols, true))
            break;
        w += cols;
    }
    t->n_cells = w;
    return t->n_rows;
}

size_t vn_table_line_split(const char *s, size_t b, size_t e, bool alone, struct vn_tline *out)
{
    out->n_cells = out->n_rows = 0;
    out->n_cols = 0;
    out->pipe = out->flattened = out->truncated = false;
    if (!out->cap_cells || !out->cap_rows || !vn_table_line_is(s, b, e))
        return 0;
    size_t f = b;
    while (f < e && blank(s[f]))
        f++;
    if (f < e && s[f] == '|')
        return split_pipes(s, f, e, alone, out);
    return split_tabs(s, b, e, out);
}
