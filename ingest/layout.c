/* Layout: words placed on pages -> lines of text in reading order.
 *
 * A PDF's text layer and OCR both give words with boxes, not lines. Here:
 *   1. words whose boxes overlap vertically (by half the smaller height)
 *      make a line, read left to right; a small raised run of digits is a
 *      note mark: at the start of a line it opens a footnote, elsewhere it
 *      cites one, and it is dropped from the text;
 *   2. running headers and footers (a line at the same place, its digits
 *      aside, in the top or bottom tenth of most pages) and page numbers
 *      (a lone number there) are dropped;
 *   3. runs of lines whose words fall into the same columns (gaps wider
 *      than a line's height, aligned from line to line) are tables: each
 *      row (lines closer together than the rows are) becomes one line with
 *      a TAB between the columns; a header row repeated at the top of the
 *      next page is dropped and the table goes on;
 *   4. a line that ends where the next line's first word would not have
 *      fitted, with no paragraph gap (or at a page break), goes on in the
 *      next: the paragraph becomes one line;
 *   5. a footnote follows the line that cites it, as in the other readers.
 * Each line keeps its page and the box of its words (cells: the cell's). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "ingest/pages.h"

/* A line of words on one page. */
struct line {
    size_t page;                /* index in pp->pages */
    size_t first, n;            /* words: ord[first .. first + n) */
    double x0, y0, x1, y1, h;   /* box; h: the tallest word's height */
    uint32_t note;              /* > 0: starts footnote `note` */
    bool drop;                  /* header, footer, page number, only a mark */
    bool footnote;              /* part of a footnote (emitted after its citation) */
    bool table;                 /* inside a table region */
    uint32_t region;            /* table region (1-based), with `table` */
};

struct cite {
    size_t line;
    uint32_t id;
};

struct lay {
    const struct vn_pages *pp;
    struct vn_tb *tb;
    size_t *ord;                /* word indices, grouped by line, left to right */
    size_t n_ord;
    bool *mark;                 /* per word: a note mark (dropped) */
    struct line *lines;
    size_t n_lines, cap_lines;
    struct cite *cites;
    size_t n_cites, cap_cites;
    bool *emitted_note;         /* per line: footnote line already written */
    struct vn_ocr_mark *marks;
    size_t n_marks, cap_marks;
    uint32_t n_tables;
    bool glue;                  /* the next word joins the last without a space */
};

/* Room for element n (common/alloc.h). */
static vn_status grow(void **arr, size_t *cap, size_t n, size_t size)
{
    return vn_grow(arr, cap, n + 1, size) ? VN_OK : VN_ENOMEM;
}

static const struct vn_pword *W(const struct lay *L, size_t k)
{
    return &L->pp->words[L->ord[k]];
}

static const char *wtext(const struct lay *L, const struct vn_pword *w)
{
    return L->pp->text.data + w->off;
}

/* ---- 1. lines ------------------------------------------------------------ */

static const struct vn_pword *g_sort_words;     /* qsort has no context argument */

static int by_center(const void *a, const void *b)
{
    const struct vn_pword *x = &g_sort_words[*(const size_t *)a], *y = &g_sort_words[*(const size_t *)b];
    double cx = x->y0 + x->y1, cy = y->y0 + y->y1;
    if (cx != cy)
        return cx < cy ? -1 : 1;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static int by_x(const void *a, const void *b)
{
    const struct vn_pword *x = &g_sort_words[*(const size_t *)a], *y = &g_sort_words[*(const size_t *)b];
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0 && n <= 3;
}

static uint32_t small_uint(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (uint32_t)(s[i] - '0');
    return v;
}

static void line_box(struct lay *L, struct line *ln)
{
    ln->x0 = ln->y0 = INFINITY;
    ln->x1 = ln->y1 = -INFINITY;
    ln->h = 0;
    for (size_t k = ln->first; k < ln->first + ln->n; k++) {
        if (L->mark[L->ord[k]])
            continue;
        const struct vn_pword *w = W(L, k);
        ln->x0 = fmin(ln->x0, w->x0);
        ln->y0 = fmin(ln->y0, w->y0);
        ln->x1 = fmax(ln->x1, w->x1);
        ln->y1 = fmax(ln->y1, w->y1);
        ln->h = fmax(ln->h, w->y1 - w->y0);
    }
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Note marks: digits in a smaller size, raised. A text layer gives every
 * glyph of a font the same box, so a mark is short and ends well above the
 * line's bottom; OCR gives ink boxes, so a mark ends above the baseline
 * (the middle bottom of the line's words) by a third of the height of
 * letters standing on it. */
static vn_status find_marks(struct lay *L, size_t li)
{
    struct line *ln = &L->lines[li];
    bool ink = L->pp->pages[ln->page].part == VN_PART_OCR;
    double h = 0, bottom = -INFINITY, base = 0, top = 0;
    for (size_t k = ln->first; k < ln->first + ln->n; k++) {
        const struct vn_pword *w = W(L, k);
        if (w->y1 - w->y0 > h) {
            h = w->y1 - w->y0;
            bottom = w->y1;
        }
    }
    if (ink) {
        double v[64];
        size_t n = 0;
        for (size_t k = ln->first; k < ln->first + ln->n && n < 64; k++)
            v[n++] = W(L, k)->y1;
        qsort(v, n, sizeof *v, dbl_cmp);
        base = v[n / 2];
        n = 0;
        for (size_t k = ln->first; k < ln->first + ln->n && n < 64; k++)
            v[n++] = W(L, k)->y0;
        qsort(v, n, sizeof *v, dbl_cmp);
        top = v[n / 2];
    }
    for (size_t k = ln->first; k < ln->first + ln->n; k++) {
        const struct vn_pword *w = W(L, k);
        double wh = w->y1 - w->y0;
        bool raised = ink ? ln->n > 1 && w->y1 < base - 0.35 * (base - top) && wh < 0.7 * (base - top)
                          : wh < 0.75 * h && w->y1 < bottom - 0.2 * h;
        if (!raised || !all_digits(wtext(L, w), w->len))
            continue;
        L->mark[L->ord[k]] = true;
        uint32_t id = small_uint(wtext(L, w), w->len);
        if (k == ln->first) {
            ln->note = id;
        } else {
            vn_status st = grow((void **)&L->cites, &L->cap_cites, L->n_cites, sizeof *L->cites);
            if (st)
                return st;
            L->cites[L->n_cites++] = (struct cite){li, id};
        }
    }
    line_box(L, ln);
    if (ln->x0 == INFINITY)
        ln->drop = true;    /* nothing but marks */
    return VN_OK;
}

static vn_status make_lines(struct lay *L)
{
    const struct vn_pages *pp = L->pp;
    g_sort_words = pp->words;
    for (size_t p = 0; p < pp->n_pages; p++) {
        const struct vn_ppage *pg = &pp->pages[p];
        size_t *o = L->ord + pg->first_word;
        for (size_t i = 0; i < pg->n_words; i++)
            o[i] = pg->first_word + i;
        qsort(o, pg->n_words, sizeof *o, by_center);
        size_t start = 0;
        double y0 = 0, y1 = 0;
        for (size_t i = 0; i <= pg->n_words; i++) {
            const struct vn_pword *w = i < pg->n_words ? &pp->words[o[i]] : NULL;
            if (w && i > start) {
                double ov = fmin(y1, w->y1) - fmax(y0, w->y0);
                double mh = fmin(y1 - y0, w->y1 - w->y0);
                if (ov >= 0.5 * mh) {
                    y0 = fmin(y0, w->y0);
                    y1 = fmax(y1, w->y1);
                    continue;
                }
            }
            if (i > start) {
                vn_status st = grow((void **)&L->lines, &L->cap_lines, L->n_lines, sizeof *L->lines);
                if (st)
                    return st;
                qsort(o + start, i - start, sizeof *o, by_x);
                L->lines[L->n_lines] = (struct line){.page = p, .first = pg->first_word + start, .n = i - start};
                if ((st = find_marks(L, L->n_lines)))
                    return st;
                L->n_lines++;
            }
            if (w) {
                start = i;
                y0 = w->y0;
                y1 = w->y1;
            }
        }
    }
    return VN_OK;
}

/* ---- 2. headers, footers, page numbers ---------------------------------- */

/* The line's text with each run of digits as '#', at most cap - 1 bytes. */
static void line_key(const struct lay *L, const struct line *ln, char *key, size_t cap)
{
    size_t n = 0;
    for (size_t k = ln->first; k < ln->first + ln->n && n + 2 < cap; k++) {
        const struct vn_pword *w = W(L, k);
        if (L->mark[L->ord[k]])
            continue;
        if (n)
            key[n++] = ' ';
        const char *s = wtext(L, w);
        for (size_t i = 0; i < w->len && n + 1 < cap; i++) {
            bool d = s[i] >= '0' && s[i] <= '9';
            if (d && n && key[n - 1] == '#')
                continue;
            key[n++] = d ? '#' : s[i];
        }
    }
    key[n] = '\0';
}

/* "7", "- 7 -", "Trang 7", "7/12", "Page 7 of 12" as keys. */
static bool is_page_number(const char *key)
{
    static const char *forms[] = {"#", "- # -", "-#-", "— # —", "– # –", "(#)", "Trang #", "trang #",
                                  "#/#", "# / #", "Trang #/#", "Page #", "Page # of #", "Trang # / #"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (!strcmp(key, forms[i]))
            return true;
    return false;
}

static bool in_band(const struct lay *L, const struct line *ln)
{
    double H = L->pp->pages[ln->page].height;
    return ln->y1 <= 0.1 * H || ln->y0 >= 0.9 * H;
}

static void drop_running(struct lay *L)
{
    size_t np = L->pp->n_pages;
    char key[256], other[256];
    for (size_t i = 0; i < L->n_lines; i++) {
        struct line *ln = &L->lines[i];
        if (ln->drop || !in_band(L, ln))
            continue;
        line_key(L, ln, key, sizeof key);
        if (is_page_number(key)) {
            ln->drop = true;
            continue;
        }
        if (np < 2)
            continue;
        /* the pages with a line of the same key at about the same height */
        size_t pages = 0, last_page = SIZE_MAX;
        for (size_t j = 0; j < L->n_lines; j++) {
            const struct line *o = &L->lines[j];
            double H = L->pp->pages[o->page].height;
            if (o->page == last_page || !in_band(L, o) || fabs(o->y0 - ln->y0) > 0.02 * H)
                continue;
            line_key(L, o, other, sizeof other);
            if (!strcmp(key, other)) {
                pages++;
                last_page = o->page;
            }
        }
        if (pages >= 2 && pages * 2 >= np)
            ln->drop = true;
    }
    /* the lines found so far in other pages' bands keep their flag: a
       repeated line is dropped on every page, the test is symmetric */
}

/* ---- 3. tables ----------------------------------------------------------- */

/* Segments of a line: runs of words split at gaps wider than most of the
 * line's height. Writes at most cap [first, end) pairs of word positions. */
static size_t segments(const struct lay *L, const struct line *ln, size_t *seg, size_t cap)
{
    /* OCR's boxes are the ink's, a line's height is less than the font's */
    double gap = L->pp->pages[ln->page].part == VN_PART_OCR ? 1.5 : 0.8;
    size_t n = 0, k0 = SIZE_MAX;
    double last_x1 = 0;
    for (size_t k = ln->first; k < ln->first + ln->n; k++) {
        if (L->mark[L->ord[k]])
            continue;
        const struct vn_pword *w = W(L, k);
        if (k0 != SIZE_MAX && w->x0 - last_x1 > gap * ln->h) {
            if (n < cap)
                seg[2 * n] = k0, seg[2 * n + 1] = k;
            n++;
            k0 = SIZE_MAX;
        }
        if (k0 == SIZE_MAX)
            k0 = k;
        last_x1 = w->x1;
    }
    if (k0 != SIZE_MAX) {
        if (n < cap)
            seg[2 * n] = k0, seg[2 * n + 1] = ln->first + ln->n;
        n++;
    }
    return n;
}

#define MAX_SEG VN_TB_MAX_COLS

/* The x-extent of words [a, b) (marks skipped). */
static void span_x(const struct lay *L, size_t a, size_t b, double *x0, double *x1)
{
    *x0 = INFINITY;
    *x1 = -INFINITY;
    for (size_t k = a; k < b; k++) {
        if (L->mark[L->ord[k]])
            continue;
        *x0 = fmin(*x0, W(L, k)->x0);
        *x1 = fmax(*x1, W(L, k)->x1);
    }
}

/* Column intervals of a region: the union of its segments' extents,
 * overlapping ones merged. */
struct col {
    double x0, x1;
};

static int col_cmp(const void *a, const void *b)
{
    const struct col *x = a, *y = b;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static size_t merge_cols(struct col *c, size_t n)
{
    if (!n)
        return 0;
    qsort(c, n, sizeof *c, col_cmp);
    size_t m = 0;
    for (size_t i = 1; i < n; i++) {
        if (c[i].x0 <= c[m].x1)
            c[m].x1 = fmax(c[m].x1, c[i].x1);
        else
            c[++m] = c[i];
    }
    return m + 1;
}

/* Marks table regions on each page: a line of two or more segments starts
 * one; it goes on through lines of several segments and through lines of
 * one that sit within a column, as long as the gap above each is less than
 * a line's height. A region whose columns merge into one is no table. */
static vn_status find_tables(struct lay *L, size_t *seg, struct col *cols)
{
    uint32_t region = 0;
    for (size_t i = 0; i < L->n_lines;) {
        struct line *ln = &L->lines[i];
        if (ln->drop || ln->footnote || segments(L, ln, seg, MAX_SEG) < 2) {
            i++;
            continue;
        }
        /* grow the region from line i */
        size_t end = i + 1, prev = i;
        for (size_t j = i + 1; j < L->n_lines; j++) {
            struct line *o = &L->lines[j];
            if (o->page != ln->page)
                break;
            if (o->drop || o->footnote)
                continue;
            const struct line *p = &L->lines[prev];
            if (o->y0 - p->y1 > p->h)
                break;
            if (segments(L, o, seg, MAX_SEG) < 2) {
                /* one segment: a wrapped cell, if some multi-segment line of the
                   region has a segment overlapping it and none crosses it */
                bool inside = false;
                for (size_t q = i; q < end && !inside; q++) {
                    const struct line *r = &L->lines[q];
                    if (r->drop || r->footnote)
                        continue;
                    size_t ns = segments(L, r, seg, MAX_SEG);
                    if (ns < 2)
                        continue;
                    for (size_t s = 0; s < ns && s < MAX_SEG; s++) {
                        double a, b;
                        span_x(L, seg[2 * s], seg[2 * s + 1], &a, &b);
                        if (o->x0 >= a - 0.5 * o->h && o->x1 <= b + 4 * o->h && o->x0 < b) {
                            double next_a = INFINITY, tmp;
                            if (s + 1 < ns && s + 1 < MAX_SEG)
                                span_x(L, seg[2 * (s + 1)], seg[2 * (s + 1) + 1], &next_a, &tmp);
                            inside = o->x1 < next_a;
                            break;
                        }
                    }
                }
                if (!inside)
                    break;
            }
            end = j + 1;
            prev = j;
        }
        /* the columns must stay apart: segments that overlap from line to
           line (the words of a justified paragraph) make one column */
        size_t nc = 0;
        for (size_t j = i; j < end; j++) {
            const struct line *o = &L->lines[j];
            if (o->drop || o->footnote)
                continue;
            size_t ns = segments(L, o, seg, MAX_SEG);
            for (size_t s = 0; s < ns && s < MAX_SEG && nc < 4 * MAX_SEG; s++, nc++)
                span_x(L, seg[2 * s], seg[2 * s + 1], &cols[nc].x0, &cols[nc].x1);
        }
        if (merge_cols(cols, nc) < 2) {
            i++;
            continue;
        }
        region++;
        for (size_t j = i; j < end; j++)
            if (!L->lines[j].drop && !L->lines[j].footnote) {
                L->lines[j].table = true;
                L->lines[j].region = region;
            }
        i = end;
    }
    return VN_OK;
}

/* ---- 5. footnotes --------------------------------------------------------- */

/* A line opening a note in the lower half of its page, and the lines after
 * it on the page until the next one, are footnotes. */
static void find_footnotes(struct lay *L)
{
    for (size_t i = 0; i < L->n_lines; i++) {
        struct line *ln = &L->lines[i];
        if (!ln->note || ln->drop || ln->y0 < 0.5 * L->pp->pages[ln->page].height)
            continue;
        ln->footnote = true;
        for (size_t j = i + 1; j < L->n_lines && L->lines[j].page == ln->page && !L->lines[j].note; j++)
            if (!L->lines[j].drop)
                L->lines[j].footnote = true;
    }
}

/* ---- output -------------------------------------------------------------- */

static struct vn_box to_box(double x0, double y0, double x1, double y1)
{
    struct vn_box b = {0, 0, 0, 0};
    if (!(x0 <= x1 && y0 <= y1))
        return b;
    b.x0 = x0 > 0 ? (uint32_t)floor(x0) : 0;
    b.y0 = y0 > 0 ? (uint32_t)floor(y0) : 0;
    b.x1 = x1 < 4e9 ? (uint32_t)ceil(x1) : UINT32_MAX;
    b.y1 = y1 < 4e9 ? (uint32_t)ceil(y1) : UINT32_MAX;
    return b;
}

static void set_place(struct lay *L, const struct line *ln, uint8_t kind, uint32_t table, uint32_t row)
{
    const struct vn_ppage *pg = &L->pp->pages[ln->page];
    vn_tb_set_line(L->tb, pg->part, kind, 0, table, row);
    L->tb->cur.page = pg->number;
    L->tb->cur.box = to_box(ln->x0, ln->y0, ln->x1, ln->y1);
}

static void widen(struct vn_box *b, const struct line *ln)
{
    struct vn_box o = to_box(ln->x0, ln->y0, ln->x1, ln->y1);
    if (!b->x1 && !b->y1) {
        *b = o;
        return;
    }
    b->x0 = o.x0 < b->x0 ? o.x0 : b->x0;
    b->y0 = o.y0 < b->y0 ? o.y0 : b->y0;
    b->x1 = o.x1 > b->x1 ? o.x1 : b->x1;
    b->y1 = o.y1 > b->y1 ? o.y1 : b->y1;
}

/* Writes word k (after a soft space) and remembers a low-confidence digit. */
static vn_status put_word(struct lay *L, size_t k)
{
    const struct vn_pword *w = W(L, k);
    if (!L->glue)
        vn_tb_soft_space(L->tb);
    L->glue = false;
    vn_status st = vn_tb_text(L->tb, wtext(L, w), w->len);
    if (st || w->digit_conf >= VN_OCR_DIGIT_MIN_CONF)
        return st;
    if ((st = grow((void **)&L->marks, &L->cap_marks, L->n_marks, sizeof *L->marks)))
        return st;
    size_t in_line = L->tb->out.len - L->tb->line_start;
    if (in_line > UINT32_MAX || L->tb->n_lines >= UINT32_MAX)
        return VN_ETOOBIG;
    L->marks[L->n_marks++] = (struct vn_ocr_mark){(uint32_t)L->tb->n_lines + 1, (uint32_t)(in_line - w->len),
                                                  w->len, w->digit_conf};
    return VN_OK;
}

static vn_status put_words(struct lay *L, size_t a, size_t b)
{
    vn_status st = VN_OK;
    for (size_t k = a; k < b && !st; k++)
        if (!L->mark[L->ord[k]])
            st = put_word(L, k);
    return st;
}

static vn_status put_line(struct lay *L, const struct line *ln)
{
    return put_words(L, ln->first, ln->first + ln->n);
}

/* Footnotes cited by line li, each as a line of its own. */
static vn_status put_notes(struct lay *L, size_t li)
{
    vn_status st = VN_OK;
    for (size_t c = 0; c < L->n_cites && !st; c++) {
        if (L->cites[c].line != li)
            continue;
        /* the note with that id on the same page or a later one */
        for (size_t j = 0; j < L->n_lines && !st; j++) {
            const struct line *n = &L->lines[j];
            if (!n->footnote || n->note != L->cites[c].id || L->emitted_note[j] || n->page < L->lines[li].page)
                continue;
            set_place(L, n, VN_SRC_FOOTNOTE, 0, 0);
            L->tb->cur.note = n->note;
            for (size_t k = j; k < L->n_lines && !st; k++) {
                const struct line *m = &L->lines[k];
                if (k > j && (m->note || m->page != n->page))
                    break;
                if (m->drop || !m->footnote)
                    continue;
                L->emitted_note[k] = true;
                st = put_line(L, m);
            }
            if (!st)
                st = vn_tb_end_line(L->tb);
            break;
        }
    }
    return st;
}

static bool numeric(const struct lay *L, size_t a, size_t b)
{
    bool digit = false;
    for (size_t k = a; k < b; k++) {
        if (L->mark[L->ord[k]])
            continue;
        const struct vn_pword *w = W(L, k);
        const char *s = wtext(L, w);
        for (size_t i = 0; i < w->len; i++) {
            if (s[i] >= '0' && s[i] <= '9')
                digit = true;
            else if (s[i] != '.' && s[i] != ',' && s[i] != '%')
                return false;
        }
    }
    return digit;
}

/* Notes the columns where line ln has a number in has_num; true when one
 * of them had one already (the line then starts a new row). */
static bool mark_numbers(const struct lay *L, const struct line *ln, size_t *seg, const struct col *cols, size_t nc,
                         uint8_t *has_num)
{
    bool clash = false;
    size_t ns = segments(L, ln, seg, MAX_SEG);
    for (size_t s = 0; s < ns && s < MAX_SEG; s++) {
        if (!numeric(L, seg[2 * s], seg[2 * s + 1]))
            continue;
        double a, b;
        span_x(L, seg[2 * s], seg[2 * s + 1], &a, &b);
        for (size_t c = 0; c < nc; c++) {
            if ((a + b) / 2 < cols[c].x0 || (a + b) / 2 > cols[c].x1)
                continue;
            if (has_num[c / 8] & (1u << (c % 8)))
                clash = true;
            has_num[c / 8] |= (uint8_t)(1u << (c % 8));
        }
    }
    return clash;
}

/* Has the line a segment in the first column? (OCR: a new row) */
static bool starts_col1(const struct lay *L, const struct line *ln, size_t *seg, const struct col *cols)
{
    size_t ns = segments(L, ln, seg, MAX_SEG);
    if (!ns)
        return false;
    double a, b;
    span_x(L, seg[0], seg[1], &a, &b);
    return (a + b) / 2 <= cols[0].x1;
}

/* The rows of a table region [i, end): the row text goes to tb. */
struct row_state {
    uint32_t table;             /* the tb table number of the region */
    uint32_t row;
    uint32_t ncols;
    char header[512];           /* the first row's key, to drop its repeat */
};

static vn_status put_region(struct lay *L, size_t i, size_t end, size_t *seg, struct col *cols,
                            struct row_state *rs, bool continues, size_t *last_line)
{
    /* columns: the union of the multi-segment lines' segments */
    size_t nc = 0;
    for (size_t j = i; j < end; j++) {
        struct line *ln = &L->lines[j];
        if (!ln->table)
            continue;
        size_t ns = segments(L, ln, seg, MAX_SEG);
        for (size_t s = 0; s < ns && s < MAX_SEG && nc < 4 * MAX_SEG; s++)
            span_x(L, seg[2 * s], seg[2 * s + 1], &cols[nc].x0, &cols[nc].x1), nc++;
    }
    nc = merge_cols(cols, nc);
    if (nc > VN_TB_MAX_COLS)
        nc = VN_TB_MAX_COLS;
    if (!continues || nc != rs->ncols) {
        rs->table = ++L->n_tables;
        rs->row = 0;
        rs->ncols = (uint32_t)nc;
        rs->header[0] = '\0';
    }
    /* rows: the lines of one cell are closer together than the rows are.
       A text layer's boxes are the font's, so a gap of a fifth of a line
       parts two rows; OCR's are the ink's, so the pitch (bottom to bottom)
       is compared with the closest pitch of the region, and a line with
       text in the first column starts a row when the row has some there.
       A line with a number where the row has one already starts a row
       either way. */
    double pmin = INFINITY;
    for (size_t q = i, pq = SIZE_MAX; q < end; q++) {
        if (!L->lines[q].table)
            continue;
        if (pq != SIZE_MAX && L->lines[q].y1 - L->lines[pq].y1 > 0.5 * L->lines[q].h)
            pmin = fmin(pmin, L->lines[q].y1 - L->lines[pq].y1);
        pq = q;
    }
    bool ink = L->pp->pages[L->lines[i].page].part == VN_PART_OCR;
    vn_status st = VN_OK;
    size_t j = i;
    bool first_row = true;
    while (j < end && !st) {
        if (!L->lines[j].table) {
            j++;
            continue;
        }
        uint8_t has_num[MAX_SEG / 8 + 1] = {0};
        mark_numbers(L, &L->lines[j], seg, cols, nc, has_num);
        size_t r_end = j + 1, prev = j;
        bool col1 = starts_col1(L, &L->lines[j], seg, cols);
        while (r_end < end) {
            const struct line *o = &L->lines[r_end];
            if (!o->table) {
                r_end++;
                continue;
            }
            const struct line *pl = &L->lines[prev];
            bool o_col1 = starts_col1(L, o, seg, cols);
            if (ink ? o->y1 - pl->y1 > 1.5 * pmin || (col1 && o_col1) : o->y0 - pl->y1 > 0.2 * o->h)
                break;
            col1 = col1 || o_col1;
            if (mark_numbers(L, o, seg, cols, nc, has_num))
                break;
            prev = r_end++;
        }
        /* the row's key, to spot a header row repeated on a new page */
        char key[512];
        size_t kn = 0;
        for (size_t q = j; q < r_end; q++) {
            if (!L->lines[q].table)
                continue;
            line_key(L, &L->lines[q], key + kn, sizeof key - kn);
            kn = strlen(key);
            if (kn + 1 < sizeof key)
                key[kn++] = '|', key[kn] = '\0';
        }
        bool repeat = first_row && continues && rs->header[0] && !strcmp(key, rs->header);
        if (!rs->header[0])
            memcpy(rs->header, key, sizeof key < sizeof rs->header ? sizeof key : sizeof rs->header);
        first_row = false;
        if (repeat) {
            j = r_end;
            continue;
        }
        rs->row++;
        set_place(L, &L->lines[j], VN_SRC_TABLE_ROW, rs->table, rs->row);
        for (uint32_t c = 0; c < nc && !st; c++) {
            st = vn_tb_cell(L->tb, c + 1, 0);
            struct vn_box cb = {0, 0, 0, 0};
            for (size_t q = j; q < r_end && !st; q++) {
                struct line *ln = &L->lines[q];
                if (!ln->table)
                    continue;
                widen(&L->tb->cur.box, ln);
                size_t ns = segments(L, ln, seg, MAX_SEG);
                for (size_t s = 0; s < ns && s < MAX_SEG && !st; s++) {
                    double a, b;
                    span_x(L, seg[2 * s], seg[2 * s + 1], &a, &b);
                    double mid = (a + b) / 2;
                    if (mid < cols[c].x0 || mid > cols[c].x1)
                        continue;
                    struct line part = *ln;
                    part.x0 = a;
                    part.x1 = b;
                    widen(&cb, &part);
                    st = put_words(L, seg[2 * s], seg[2 * s + 1]);
                }
            }
            if (!st)
                L->tb->cells[L->tb->n_cells - 1].box = cb;
        }
        if (!st)
            st = vn_tb_end_line(L->tb);
        for (size_t q = j; q < r_end && !st; q++)
            st = put_notes(L, q);
        *last_line = r_end - 1;
        j = r_end;
    }
    return st;
}

/* Would the first word of line b have fitted at the end of line a? If not,
 * a was full and b goes on with its paragraph. */
static bool wraps_into(const struct lay *L, const struct line *a, const struct line *b, double right)
{
    size_t k = b->first;
    while (k < b->first + b->n && L->mark[L->ord[k]])
        k++;
    if (k >= b->first + b->n)
        return false;
    const struct vn_pword *w = W(L, k);
    double space = 0.25 * a->h;
    return a->x1 + space + (w->x1 - w->x0) > right - 0.5 * space;
}

/* Does the line open with a list mark standing alone ("-", "+", "•")? */
static bool list_mark(const struct lay *L, const struct line *ln)
{
    size_t k = ln->first;
    while (k < ln->first + ln->n && L->mark[L->ord[k]])
        k++;
    if (k >= ln->first + ln->n || k + 1 >= ln->first + ln->n)
        return false;
    const struct vn_pword *w = W(L, k);
    const char *s = wtext(L, w);
    static const char *marks[] = {"-", "+", "*", "\u2013", "\u2022", "\u25CF", "\uF0B7"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (w->len == strlen(marks[i]) && !memcmp(s, marks[i], w->len))
            return true;
    return false;
}

/* The right edge of the text on page p: how far the lines of several words
 * reach, the farthest tenth left out (a stray mark, a rule read as text). */
static double right_edge(const struct lay *L, size_t p)
{
    size_t n = 0;
    for (size_t i = 0; i < L->n_lines; i++)
        n += L->lines[i].page == p && !L->lines[i].drop && !L->lines[i].footnote && L->lines[i].n >= 4;
    double r = 0;
    double *v = n ? vn_malloc(n * sizeof *v) : NULL;
    if (!v) {
        for (size_t i = 0; i < L->n_lines; i++)
            if (L->lines[i].page == p && !L->lines[i].drop && !L->lines[i].footnote)
                r = fmax(r, L->lines[i].x1);
        return r;
    }
    n = 0;
    for (size_t i = 0; i < L->n_lines; i++)
        if (L->lines[i].page == p && !L->lines[i].drop && !L->lines[i].footnote && L->lines[i].n >= 4)
            v[n++] = L->lines[i].x1;
    qsort(v, n, sizeof *v, dbl_cmp);
    r = v[n - 1 - n / 10];
    vn_free(v);
    return r;
}

static vn_status emit(struct lay *L)
{
    size_t seg[2 * MAX_SEG];
    struct col *cols = vn_malloc(4 * MAX_SEG * sizeof *cols);
    double *right = vn_calloc(L->pp->n_pages ? L->pp->n_pages : 1, sizeof *right);
    if (!cols || !right) {
        vn_free(cols);
        vn_free(right);
        return VN_ENOMEM;
    }
    for (size_t p = 0; p < L->pp->n_pages; p++)
        right[p] = right_edge(L, p);
    struct row_state rs = {0};
    vn_status st = VN_OK;
    size_t prev = SIZE_MAX;     /* the last body line written */
    bool open = false;          /* a paragraph line is open (not ended) */
    bool last_table = false;    /* the last thing written was a table row */
    for (size_t i = 0; i < L->n_lines && !st;) {
        struct line *ln = &L->lines[i];
        if (ln->drop || ln->footnote) {
            i++;
            continue;
        }
        if (ln->table) {
            if (open && !(st = vn_tb_end_line(L->tb)))
                st = put_notes(L, prev);
            open = false;
            size_t end = i + 1;
            while (end < L->n_lines && L->lines[end].page == ln->page &&
                   (L->lines[end].drop || L->lines[end].footnote ||
                    (L->lines[end].table && L->lines[end].region == ln->region)))
                end++;
            bool continues = last_table && prev != SIZE_MAX && L->lines[prev].page + 1 == ln->page;
            if (!st)
                st = put_region(L, i, end, seg, cols, &rs, continues, &prev);
            last_table = true;
            i = end;
            continue;
        }
        bool join = false;
        if (open && prev != SIZE_MAX) {
            const struct line *a = &L->lines[prev];
            /* the gap between lines of a paragraph: a text layer's boxes (the
               font's) nearly touch; OCR's (the ink's) leave half a line. A
               line opening with a list mark ("- ", "+ ") starts an item. */
            double gap = L->pp->pages[a->page].part == VN_PART_OCR ? 0.9 : 0.25;
            if (a->page == ln->page)
                join = ln->y0 - a->y1 < gap * a->h && ln->y0 > a->y0 && wraps_into(L, a, ln, right[a->page]);
            else
                join = wraps_into(L, a, ln, right[a->page]);
        }
        if (join && list_mark(L, ln))
            join = false;
        if (join) {
            /* cites of the earlier line follow the whole paragraph */
            for (size_t c = 0; c < L->n_cites; c++)
                if (L->cites[c].line == prev)
                    L->cites[c].line = i;
            if (L->tb->cur.page == L->pp->pages[ln->page].number)
                widen(&L->tb->cur.box, ln);
            /* a line broken after the hyphen of a compound ("UBND-" /
               "TCKH", "(-" / "16,74") joins without a space; a dash standing
               alone ("kinh tế -") keeps it */
            const struct vn_buf *o = &L->tb->out;
            L->glue = o->len >= 2 && o->data[o->len - 1] == '-' && o->data[o->len - 2] != ' ' &&
                      o->len - 1 > L->tb->line_start;
        } else {
            if (open && !(st = vn_tb_end_line(L->tb)))
                st = put_notes(L, prev);
            if (st)
                break;
            set_place(L, ln, VN_SRC_PARAGRAPH, 0, 0);
        }
        st = put_line(L, ln);
        open = true;
        last_table = false;
        prev = i++;
    }
    if (!st && open && !(st = vn_tb_end_line(L->tb)))
        st = put_notes(L, prev);
    /* footnotes nobody cited: where they stand, one line each */
    for (size_t i = 0; i < L->n_lines && !st; i++) {
        struct line *ln = &L->lines[i];
        if (!ln->footnote || ln->drop || L->emitted_note[i] || !ln->note)
            continue;
        set_place(L, ln, VN_SRC_FOOTNOTE, 0, 0);
        L->tb->cur.note = ln->note;
        for (size_t k = i; k < L->n_lines && !st; k++) {
            const struct line *m = &L->lines[k];
            if (k > i && (m->note || m->page != ln->page))
                break;
            if (!m->drop && m->footnote && !L->emitted_note[k]) {
                L->emitted_note[k] = true;
                st = put_line(L, m);
            }
        }
        if (!st)
            st = vn_tb_end_line(L->tb);
    }
    vn_free(cols);
    vn_free(right);
    return st;
}

vn_status vn_layout(const struct vn_pages *pp, struct vn_tb *tb, struct vn_text *t)
{
    struct lay L = {.pp = pp, .tb = tb, .n_ord = pp->n_words};
    L.ord = vn_malloc((pp->n_words ? pp->n_words : 1) * sizeof *L.ord);
    L.mark = vn_calloc(pp->n_words ? pp->n_words : 1, sizeof *L.mark);
    vn_status st = L.ord && L.mark ? VN_OK : VN_ENOMEM;
    if (!st)
        st = make_lines(&L);
    if (!st) {
        L.emitted_note = vn_calloc(L.n_lines ? L.n_lines : 1, sizeof *L.emitted_note);
        st = L.emitted_note ? VN_OK : VN_ENOMEM;
    }
    if (!st) {
        drop_running(&L);
        find_footnotes(&L);
        size_t *seg = vn_malloc(2 * MAX_SEG * sizeof *seg);
        struct col *cols = vn_malloc(4 * MAX_SEG * sizeof *cols);
        st = seg && cols ? find_tables(&L, seg, cols) : VN_ENOMEM;
        vn_free(seg);
        vn_free(cols);
    }
    if (!st)
        st = emit(&L);
    if (!st) {
        t->ocr_marks = L.marks;
        t->n_ocr_marks = L.n_marks;
        L.marks = NULL;
    }
    vn_free(L.marks);
    vn_free(L.ord);
    vn_free(L.mark);
    vn_free(L.lines);
    vn_free(L.cites);
    vn_free(L.emitted_note);
    return st;
}
