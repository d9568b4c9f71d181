/* The text builder: document readers hand it paragraphs, rows, cells and
 * notes; it lays them out as lines and keeps, for each line, where in the
 * document it came from (struct vn_src_line, vn_src_cell).
 *
 * Spacing rules live here so every reader gets the same ones: TAB, CR and
 * LF inside text become spaces (TAB is the cell separator, LF the line
 * end); a "soft" space is written only between two pieces of text of the
 * same line, cell or note; trailing spaces are dropped at the end of a
 * line and before a TAB. */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "ingest/ingest_internal.h"

void vn_tb_init(struct vn_tb *tb, size_t max_bytes)
{
    memset(tb, 0, sizeof *tb);
    vn_buf_init(&tb->out, max_bytes);
    vn_buf_init(&tb->notes_text, max_bytes);
    tb->map_max = max_bytes;
}

void vn_tb_free(struct vn_tb *tb)
{
    vn_buf_free(&tb->out);
    vn_buf_free(&tb->notes_text);
    vn_free(tb->lines);
    vn_free(tb->cells);
    vn_free(tb->notes);
    vn_free(tb->pending);
    memset(tb, 0, sizeof *tb);
}

/* Room for one more element in a growable array; the maps together may not
 * take more than map_max bytes (a page of empty paragraphs is cheap to
 * write and 24 bytes a line to keep). */
static vn_status grow(struct vn_tb *tb, void **arr, size_t *cap, size_t n, size_t size, bool is_map)
{
    if (n < *cap)
        return VN_OK;
    if (is_map && (tb->cap_lines * sizeof *tb->lines + tb->cap_cells * sizeof *tb->cells) > tb->map_max)
        return VN_ETOOBIG;
    size_t nc = *cap ? *cap * 2 : 64;
    if (nc > SIZE_MAX / size)
        return VN_ETOOBIG;
    void *p = vn_realloc(*arr, nc * size);
    if (!p)
        return VN_ENOMEM;
    *arr = p;
    *cap = nc;
    return VN_OK;
}

static struct vn_buf *sink(struct vn_tb *tb)
{
    return tb->divert ? &tb->notes_text : &tb->out;
}

/* Where the current line, cell or note began: nothing before it counts
 * for spacing. */
static size_t seg_start(const struct vn_tb *tb)
{
    if (tb->divert)
        return tb->notes[tb->n_notes - 1].off;
    if (tb->n_cells > tb->cur.first_cell)
        return tb->line_start + tb->cells[tb->n_cells - 1].off;
    return tb->line_start;
}

static void trim(struct vn_buf *b, size_t floor)
{
    while (b->len > floor && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
}

void vn_tb_set_line(struct vn_tb *tb, uint8_t part, uint8_t kind, uint32_t para, uint32_t table, uint32_t row)
{
    tb->cur.part = part;
    tb->cur.kind = kind;
    tb->cur.para = para;
    tb->cur.table = table;
    tb->cur.row = row;
    tb->cur.note = 0;
}

void vn_tb_soft_space(struct vn_tb *tb)
{
    tb->want_space = true;
}

vn_status vn_tb_text(struct vn_tb *tb, const char *s, size_t n)
{
    if (!n)
        return VN_OK;
    struct vn_buf *b = sink(tb);
    vn_status st = VN_OK;
    if (tb->want_space) {
        tb->want_space = false;
        size_t from = seg_start(tb);
        if (b->len > from && b->data[b->len - 1] != ' ' && (st = vn_buf_putc(b, ' ')))
            return st;
    }
    size_t i = 0;
    while (i < n && !st) {
        size_t j = i;
        while (j < n && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
            j++;
        st = vn_buf_append(b, s + i, j - i);
        if (!st && j < n)
            st = vn_buf_putc(b, ' ');
        i = j + 1;
    }
    return st;
}

vn_status vn_tb_text_fold(struct vn_tb *tb, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (vn_ingest_is_ws(s[i])) {
            while (i < n && vn_ingest_is_ws(s[i]))
                i++;
            vn_tb_soft_space(tb);
            continue;
        }
        size_t j = i;
        while (j < n && !vn_ingest_is_ws(s[j]))
            j++;
        vn_status st = vn_tb_text(tb, s + i, j - i);
        if (st)
            return st;
        i = j;
    }
    return VN_OK;
}

vn_status vn_tb_end_line(struct vn_tb *tb)
{
    if (tb->divert) {   /* a line break inside a note: notes are one line */
        vn_tb_soft_space(tb);
        return VN_OK;
    }
    vn_status st = grow(tb, (void **)&tb->lines, &tb->cap_lines, tb->n_lines, sizeof *tb->lines, true);
    if (st)
        return st;
    trim(&tb->out, seg_start(tb));
    if ((st = vn_buf_putc(&tb->out, '\n')))
        return st;
    tb->lines[tb->n_lines++] = tb->cur;
    tb->line_start = tb->out.len;
    tb->cur.first_cell = (uint32_t)tb->n_cells;
    tb->want_space = false;
    return VN_OK;
}

vn_status vn_tb_cell(struct vn_tb *tb, uint32_t col, uint32_t para)
{
    vn_status st = grow(tb, (void **)&tb->cells, &tb->cap_cells, tb->n_cells, sizeof *tb->cells, true);
    if (st)
        return st;
    if (tb->n_cells >= UINT32_MAX)
        return VN_ETOOBIG;
    if (tb->n_cells > tb->cur.first_cell) {
        trim(&tb->out, seg_start(tb));
        if ((st = vn_buf_putc(&tb->out, '\t')))
            return st;
    }
    size_t off = tb->out.len - tb->line_start;
    if (off > UINT32_MAX)
        return VN_ETOOBIG;
    tb->cells[tb->n_cells++] = (struct vn_src_cell){.off = (uint32_t)off, .col = col, .para = para};
    tb->want_space = false;
    return VN_OK;
}

void vn_tb_cell_para(struct vn_tb *tb, uint32_t para)
{
    if (tb->n_cells > tb->cur.first_cell && !tb->cells[tb->n_cells - 1].para)
        tb->cells[tb->n_cells - 1].para = para;
}

size_t vn_tb_line_cells(const struct vn_tb *tb)
{
    return tb->n_cells - tb->cur.first_cell;
}

vn_status vn_tb_note_begin(struct vn_tb *tb, uint8_t part, uint8_t kind, uint32_t id)
{
    if (tb->divert)     /* a note inside a note: its text joins the outer one */
        return VN_OK;
    vn_status st = grow(tb, (void **)&tb->notes, &tb->cap_notes, tb->n_notes, sizeof *tb->notes, false);
    if (st)
        return st;
    tb->notes[tb->n_notes++] = (struct vn_tb_note){tb->notes_text.len, 0, id, 0, part, kind, false};
    tb->main_want_space = tb->want_space;
    tb->want_space = false;
    tb->divert = true;
    return VN_OK;
}

void vn_tb_note_para(struct vn_tb *tb, uint32_t para)
{
    if (tb->divert && !tb->notes[tb->n_notes - 1].para)
        tb->notes[tb->n_notes - 1].para = para;
}

void vn_tb_note_end(struct vn_tb *tb)
{
    if (!tb->divert)
        return;
    struct vn_tb_note *nt = &tb->notes[tb->n_notes - 1];
    trim(&tb->notes_text, nt->off);
    nt->len = tb->notes_text.len - nt->off;
    tb->divert = false;
    tb->want_space = tb->main_want_space;
}

vn_status vn_tb_cite(struct vn_tb *tb, size_t index)
{
    vn_status st = grow(tb, (void **)&tb->pending, &tb->cap_pending, tb->n_pending, sizeof *tb->pending, false);
    if (st)
        return st;
    tb->pending[tb->n_pending++] = index;
    return VN_OK;
}

static int note_cmp(const void *a, const void *b)
{
    const struct vn_tb_note *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

void vn_tb_notes_sort(struct vn_tb *tb)
{
    if (tb->n_notes > 1)
        qsort(tb->notes, tb->n_notes, sizeof *tb->notes, note_cmp);
}

bool vn_tb_note_find(const struct vn_tb *tb, uint8_t kind, uint32_t id, size_t *index)
{
    size_t lo = 0, hi = tb->n_notes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct vn_tb_note *m = &tb->notes[mid];
        if (m->kind == kind && m->id == id) {
            *index = mid;
            return true;
        }
        if (m->kind < kind || (m->kind == kind && m->id < id))
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

vn_status vn_tb_flush_notes(struct vn_tb *tb)
{
    vn_status st = VN_OK;
    struct vn_src_line saved = tb->cur;
    for (size_t i = 0; i < tb->n_pending && !st; i++) {
        struct vn_tb_note *nt = &tb->notes[tb->pending[i]];
        if (nt->written)
            continue;
        nt->written = true;
        vn_tb_set_line(tb, nt->part, nt->kind, nt->para, 0, 0);
        tb->cur.note = nt->id;
        size_t skip = 0;    /* the space that follows a note's mark */
        while (skip < nt->len && tb->notes_text.data[nt->off + skip] == ' ')
            skip++;
        if (nt->len > skip)
            st = vn_buf_append(&tb->out, tb->notes_text.data + nt->off + skip, nt->len - skip);
        if (!st)
            st = vn_tb_end_line(tb);
    }
    tb->n_pending = 0;
    saved.first_cell = tb->cur.first_cell;
    tb->cur = saved;
    return st;
}

vn_status vn_tb_finish(struct vn_tb *tb, struct vn_text *t)
{
    vn_status st = VN_OK;
    if (tb->divert)
        vn_tb_note_end(tb);
    if (tb->out.len > tb->line_start || tb->n_cells > tb->cur.first_cell)
        st = vn_tb_end_line(tb);
    if (!st)
        st = vn_tb_flush_notes(tb);
    if (st)
        return st;
    t->data = vn_buf_detach(&tb->out, &t->len);
    if (!t->data)
        return VN_ENOMEM;
    vn_legacy_runs_note(tb->legacy_runs, t);
    t->src_lines = tb->lines;
    t->n_src_lines = tb->n_lines;
    t->src_cells = tb->cells;
    t->n_src_cells = tb->n_cells;
    tb->lines = NULL;
    tb->cells = NULL;
    tb->n_lines = tb->n_cells = 0;
    return VN_OK;
}
