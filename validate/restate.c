/* Restatements: one figure stated twice, the prose against a table, or one
 * table against another ("tổng thu NSNN 10.367,700 tỷ đồng" in the text and
 * 10.367.700 in the annex table whose unit is triệu đồng). Rule
 * `restatement`: a one-operand sum, claimed = the restating figure (the
 * prose's, or the later table's), operand = the figure it restates. Money
 * compares in đồng.
 *
 * Two ways to find the pair:
 *   - by value (discovery): a figure of at least 4 significant digits equal
 *     to a table cell of the same kind (money, or a percentage against a
 *     cell of a "%" row or column). Only ever consistent: arithmetic may
 *     find a relation that holds, never accuse.
 *   - by key: the figure's words (its clause, with vocab/terms.tsv's
 *     canonical forms: NSĐP = ngân sách địa phương; function words and
 *     markers left out) name a row of a table (the row's label words all in
 *     the clause, or the clause's all in the row's; a sub-row's parent label
 *     must be in the paragraph), the figure's year (and plan / estimate
 *     when said) is the column's, and the units are of one kind. Consistent
 *     when a qualifying cell agrees (hedged figures are intervals, rounding
 *     as the contract says); inconsistent only when exactly one row
 *     qualifies and all its qualifying cells hold one value. Two tables'
 *     rows with the same label are compared column by column (same year and
 *     stage) only when they agree in some column with a figure of at least
 *     4 significant digits: otherwise the rows are not the same thing
 *     (a total "theo sắc thuế" is not the total of all revenue).
 *
 * Work: cells are hashed by value and rows indexed by word; a figure looks
 * at a bounded number of cells and rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/alloc.h"
#include "common/i18n.h"
#include "common/table_cells.h"
#include "common/utf8.h"
#include "validate/validate_internal.h"

#define R_MAX_COLS 64u
#define R_MAX_LINE_CELLS 16384u
#define R_MAX_LINE_ROWS 4096u
#define R_MAX_WORDS 24u
#define R_CLAUSE_WORDS 32u
#define R_CLAUSE_REACH 160u
#define R_PARA_REACH 800u
#define R_MAX_VISIT 512u
#define R_MAX_CHAIN 64u
#define R_MIN_DIGITS 4

enum { M_NONE, M_PLAN, M_ESTIMATE };
enum { U_NONE, U_MONEY, U_PERCENT };

struct rcol {
    uint16_t year;      /* 0: none said */
    uint8_t mode;       /* M_* */
    bool skip;          /* a comparison or computed column (two years, %, "4=3/2") */
    bool percent;       /* a "%" column */
    char head[80];      /* its header words, for messages */
};

struct rrow {
    uint32_t table;
    uint32_t line;              /* 1-based */
    uint32_t parent;            /* row index of its parent row, VN_NONE */
    uint32_t w0, nw;            /* own label words: words[w0, w0 + nw) */
    uint32_t cell0, ncell;      /* its cells: cells[cell0, cell0 + ncell) */
    uint32_t label, label_end;  /* label text, for messages */
    uint8_t unit;               /* U_PERCENT for a "%" row */
    bool top;                   /* numbered I, 1, A, 1.2: no parent */
};

struct rcell {
    uint32_t item, row;
    uint16_t col;
    uint8_t unit;               /* U_MONEY / U_PERCENT / U_NONE */
    uint32_t next;              /* next cell of the same value hash */
};

struct rtable {
    uint32_t row0, nrows;
    uint32_t col0, ncols;       /* cols[col0, col0 + ncols), ncols 0 when unknown */
};

struct rctx {
    struct vn_vctx *c;
    struct rtable *tables;
    size_t n_tables, cap_tables;
    struct rrow *rows;
    size_t n_rows, cap_rows;
    struct rcell *cells;
    size_t n_cells, cap_cells;
    struct rcol *cols;
    size_t n_cols, cap_cols;
    uint64_t *words;
    size_t n_words, cap_words;
    uint32_t *vhead;            /* value hash -> first cell */
    size_t vcap;
    uint32_t *whead;            /* word hash -> first posting */
    size_t wcap;
    uint32_t *post_row, *post_next;
    size_t n_post, cap_post;
    uint32_t *stamp;            /* per row: last figure that visited it */
    bool *done;                 /* per item: a restatement reported */
    /* scratch of one table line */
    struct vn_tcell *lcells;
    struct vn_trow *lrows;
};

/* ---- words --------------------------------------------------------------- */

/* A Vietnamese letter as its base letter (vowel quality kept: â, ơ, ư ...)
 * and its tone (0 none, 1..5), so that a syllable compares the same
 * wherever its tone mark is written ("thuỷ" = "thủy"). */
static const char *const TONED[] = {
    "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
    "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
};

static uint32_t base_tone(uint32_t cp, int *tone)
{
    *tone = 0;
    if (cp < 0xC0)
        return cp;
    for (size_t v = 0; v < sizeof TONED / sizeof TONED[0]; v++) {
        const unsigned char *p = (const unsigned char *)TONED[v];
        size_t n = strlen(TONED[v]);
        uint32_t first = 0;
        int t = 0;
        for (size_t i = 0; i < n; t++) {
            uint32_t x;
            size_t l = vn_utf8_decode(p + i, n - i, &x);
            if (!l)
                break;
            if (t == 0)
                first = x;
            if (x == cp) {
                *tone = t;
                return first;
            }
            i += l;
        }
    }
    return cp;
}

/* Hash of the word s[a, e): folded, tones by syllable. */
static uint64_t word_hash(const char *s, size_t a, size_t e)
{
    uint64_t h = 1469598103934665603ULL;
    int tone = 0;
    for (size_t i = a; i < e;) {
        uint32_t cp;
        size_t l = vn_utf8_decode((const unsigned char *)s + i, e - i, &cp);
        if (!l)
            break;
        i += l;
        int t;
        cp = base_tone(vn_fold_cp(cp), &t);
        if (t)
            tone = t;
        h = (h ^ cp) * 1099511628211ULL;
    }
    h = (h ^ (uint64_t)(tone + 0x100)) * 1099511628211ULL;
    return h | 1;
}

static bool letter_at(const char *s, size_t len, size_t i, size_t *l)
{
    uint32_t cp;
    *l = vn_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    return *l && vn_is_letter_cp(cp);
}

struct words {
    uint64_t w[R_CLAUSE_WORDS];
    size_t n;
    uint8_t mode;       /* last @plan / @estimate */
    bool prior, rate, change;
};

static void words_add(struct words *ws, uint64_t h)
{
    for (size_t i = 0; i < ws->n; i++)
        if (ws->w[i] == h)
            return;
    if (ws->n < R_CLAUSE_WORDS)
        ws->w[ws->n++] = h;
}

/* Whether a token is a Roman numeral or a single letter (a row's number
 * written into its label, "(I+II+III)"). */
static bool numbering_token(const char *s, size_t a, size_t e)
{
    if (e - a == 1)
        return true;
    for (size_t i = a; i < e; i++)
        if (!strchr("IVXLivxl", s[i]))
            return false;
    return e - a <= 4;
}

/* The content words of s[a, e), with terms.tsv applied. */
static void read_words(const struct vn_vctx *c, size_t a, size_t e, struct words *ws)
{
    memset(ws, 0, sizeof *ws);
    const struct vn_vocab_table *terms = &c->vocab->terms;
    const char *s = c->s;
    for (size_t i = a; i < e;) {
        size_t l;
        if (!letter_at(s, e, i, &l) || (i > a && vn_word_char_before(s, i))) {
            i += l ? l : 1;
            continue;
        }
        struct vn_vocab_match m;
        if (terms->n && vn_vocab_match_at(terms, s, e, i, &m) && !vn_word_char_at(s, e, m.end)) {
            const char *cn = terms->e[m.index].canon;
            i = m.end;
            if (!cn || cn[0] == '-')
                continue;
            if (cn[0] == '@') {
                /* "đạt 81% dự toán": the plan of a ratio */
                size_t q = m.start;
                while (q > a && s[q - 1] == ' ')
                    q--;
                if (q > a && s[q - 1] == '%')
                    continue;
                if (!strcmp(cn, "@plan"))
                    ws->mode = M_PLAN;
                else if (!strcmp(cn, "@estimate"))
                    ws->mode = M_ESTIMATE;
                else if (!strcmp(cn, "@prior"))
                    ws->prior = true;
                else if (!strcmp(cn, "@rate"))
                    ws->rate = true;
                else if (!strcmp(cn, "@change"))
                    ws->change = true;
                continue;
            }
            size_t n = strlen(cn);
            for (size_t x = 0; x < n;) {
                size_t y = x;
                while (y < n && cn[y] != ' ')
                    y++;
                if (y > x)
                    words_add(ws, word_hash(cn, x, y));
                x = y + 1;
            }
            continue;
        }
        size_t j = i;
        while (j < e && letter_at(s, e, j, &l))
            j += l;
        if (!numbering_token(s, i, j))
            words_add(ws, word_hash(s, i, j));
        i = j;
    }
}

static bool has_word(const uint64_t *w, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] == h)
            return true;
    return false;
}

static bool subset(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    for (size_t i = 0; i < na; i++)
        if (!has_word(b, nb, a[i]))
            return false;
    return true;
}

/* ---- years --------------------------------------------------------------- */

static bool digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* A year 1900..2099 at s[i] (four digits, not part of a longer number, a
 * date or a document number). */
static int year_at(const char *s, size_t i, size_t e)
{
    if (i + 4 > e || !digit(s[i]) || !digit(s[i + 1]) || !digit(s[i + 2]) || !digit(s[i + 3]))
        return 0;
    if (!((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')))
        return 0;
    if (i > 0 && (digit(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.' || s[i - 1] == ','))
        return 0;
    if (i + 4 < e && (digit(s[i + 4]) || s[i + 4] == '/'))
        return 0;
    return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
}

/* Whether the year at s[i] is one end of a range ("2026 - 2028",
 * "2021-2025"). */
static bool year_range(const char *s, size_t i, size_t a, size_t e)
{
    size_t q = i + 4;
    while (q < e && s[q] == ' ')
        q++;
    if (q < e && (s[q] == '-' || (unsigned char)s[q] == 0xE2)) {
        size_t r = q + ((unsigned char)s[q] == 0xE2 ? 3 : 1);
        while (r < e && s[r] == ' ')
            r++;
        if (year_at(s, r, e))
            return true;
    }
    size_t p = i;
    while (p > a && s[p - 1] == ' ')
        p--;
    if (p > a && (s[p - 1] == '-' || (p >= a + 3 && (unsigned char)s[p - 3] == 0xE2))) {
        size_t r = p - 1;
        if ((unsigned char)s[p - 1] != '-')
            r = p - 3;
        while (r > a && s[r - 1] == ' ')
            r--;
        if (r >= a + 4 && year_at(s, r - 4, e))
            return true;
    }
    return false;
}

/* Whether "năm" (any case) ends right before s[i] (spaces between). */
static bool after_nam(const char *s, size_t a, size_t i)
{
    size_t p = i;
    while (p > a && s[p - 1] == ' ')
        p--;
    if (p < a + 4)
        return false;
    /* "năm" is n, ă (C4 83), m; "NĂM" is N, Ă (C4 82), M */
    const unsigned char *u = (const unsigned char *)s + p - 4;
    return (u[0] | 32) == 'n' && u[1] == 0xC4 && (u[2] == 0x83 || u[2] == 0x82) && (u[3] | 32) == 'm';
}

/* The last "năm YYYY" in s[a, e): its year, -1 when it is a range, 0 when
 * there is none. `any`: any standalone year counts (table headers). */
static int last_year(const char *s, size_t a, size_t e, bool any)
{
    for (size_t i = e; i > a; i--) {
        size_t p = i - 1;
        int y = year_at(s, p, e);
        if (!y || (!any && !after_nam(s, a, p)))
            continue;
        return year_range(s, p, a, e) ? -1 : y;
    }
    return 0;
}

/* ---- tables -------------------------------------------------------------- */

static size_t trim_l(const char *s, size_t a, size_t e)
{
    while (a < e && (s[a] == ' ' || s[a] == '*' || s[a] == '_'))
        a++;
    return a;
}

static size_t trim_r(const char *s, size_t a, size_t e)
{
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '*' || s[e - 1] == '_' || s[e - 1] == ':'))
        e--;
    return e;
}

/* A column-number cell: "1", "A", "(3)", "4=3/2", "5=3+4". */
static bool colid_cell(const char *s, size_t a, size_t e, bool *formula)
{
    if (a == e || e - a > 12)
        return false;
    for (size_t i = a; i < e; i++) {
        if (s[i] == '=')
            *formula = true;
        else if (!(digit(s[i]) || (s[i] >= 'A' && s[i] <= 'Z') || strchr("()+-/x ", s[i])))
            return false;
    }
    return true;
}

/* A numbering cell: "I", "1", "1.2", "A", "a", "-", "+". */
static int numbering(const char *s, size_t a, size_t e)
{
    /* 0: none; 1: top-level (Roman, Arabic, dotted, capital letter);
       2: a sub-item mark (lower-case letter, dash, plus) */
    if (a == e || e - a > 8)
        return 0;
    if (e - a == 1 && (s[a] == '-' || s[a] == '+'))
        return 2;
    bool all_dig = true, all_rom = true;
    for (size_t i = a; i < e; i++) {
        all_dig &= digit(s[i]) || s[i] == '.';
        all_rom &= strchr("IVXL.", s[i]) != NULL;
    }
    if (all_dig || all_rom)
        return 1;
    if ((e - a == 1 || (e - a == 2 && (s[a + 1] == '.' || s[a + 1] == ')'))) && s[a] >= 'A' && s[a] <= 'Z')
        return 1;
    if ((e - a == 1 || (e - a == 2 && (s[a + 1] == '.' || s[a + 1] == ')'))) && s[a] >= 'a' && s[a] <= 'z')
        return 2;
    return 0;
}

/* The one item a cell holds (a number and perhaps its unit), VN_NONE. */
static uint32_t cell_item(const struct vn_vctx *c, uint32_t *cursor, size_t ta, size_t te, size_t off, size_t end)
{
    uint32_t k = *cursor;
    while (k < c->n_items && c->items[k].off < off)
        k++;
    uint32_t first = k, count = 0;
    while (k < c->n_items && c->items[k].off < end) {
        count++;
        k++;
    }
    *cursor = k;
    if (count == 1 && c->items[first].off == ta && c->items[first].unit_end + 1 >= te)
        return first;
    return VN_NONE;
}

struct hrow {
    uint32_t cell0, n;          /* in the line's cells */
    uint32_t line;
    struct vn_tcell spans[R_MAX_COLS];
};

static void set_head(struct rcol *col, const char *s, size_t a, size_t e)
{
    size_t have = strlen(col->head), n = e - a;
    if (!n || have + n + 2 >= sizeof col->head)
        return;
    if (have)
        col->head[have++] = ' ';
    memcpy(col->head + have, s + a, n);
    col->head[have + n] = '\0';
}

/* Lays a two-row header whose first row has merged cells over N columns:
 * each first-row cell spans 1 column (a cell over both rows) or w >= 2
 * columns with w second-row cells under it, left to right. A cell with a
 * year cannot hold a second-row cell with another year. Of the layouts
 * that fit, the one where year cells hold the most cells without a year
 * (and then the leftmost) wins. Returns false when none fits. */
struct layout_state {
    const struct vn_vctx *c;
    const int *y1, *y2;
    uint32_t m, k, N;
    uint32_t w[R_MAX_COLS], best[R_MAX_COLS];
    int best_score;
    uint32_t steps;
};

static void layout_search(struct layout_state *st, uint32_t i, uint32_t col, uint32_t sub, int score)
{
    if (++st->steps > 20000)
        return;
    if (i == st->m) {
        if (col == st->N && sub == st->k && score > st->best_score) {
            st->best_score = score;
            memcpy(st->best, st->w, sizeof st->w);
        }
        return;
    }
    /* spans 1 (over both rows) */
    if (col + 1 + (st->m - i - 1) <= st->N) {
        st->w[i] = 1;
        layout_search(st, i + 1, col + 1, sub, score);
    }
    for (uint32_t w = 2; sub + w <= st->k && col + w + (st->m - i - 1) <= st->N; w++) {
        int sc = score;
        bool ok = true;
        for (uint32_t j = sub; j < sub + w && ok; j++) {
            if (st->y1[i] > 0 && st->y2[j] && st->y2[j] != st->y1[i])
                ok = false;
            else if (st->y1[i] > 0 && !st->y2[j])
                sc += 2;
            else
                sc += 1;
        }
        if (!ok)
            break;
        st->w[i] = w;
        /* earlier spans score a little more: the leftmost wins ties */
        layout_search(st, i + 1, col + w, sub + w, sc * 64 + (int)(st->m - i));
    }
}

static bool layout_two_rows(const struct vn_vctx *c, const struct hrow *r1, const struct hrow *r2, uint32_t N,
                            uint32_t *span)
{
    int y1[R_MAX_COLS], y2[R_MAX_COLS];
    for (uint32_t i = 0; i < r1->n; i++)
        y1[i] = last_year(c->s, r1->spans[i].off, r1->spans[i].end, true);
    for (uint32_t i = 0; i < r2->n; i++)
        y2[i] = last_year(c->s, r2->spans[i].off, r2->spans[i].end, true);
    struct layout_state st;
    memset(&st, 0, sizeof st);
    st.c = c;
    st.y1 = y1;
    st.y2 = y2;
    st.m = r1->n;
    st.k = r2->n;
    st.N = N;
    st.best_score = -1;
    layout_search(&st, 0, 0, 0, 0);
    if (st.best_score < 0 || st.steps > 20000)
        return false;
    memcpy(span, st.best, r1->n * sizeof *span);
    return true;
}

/* The header of a flattened pipe line, read again from its tokens: the
 * rows before the data split at empty tokens (the common splitter may take
 * a merged header row for a data-aligned one). */
static void flat_header(const struct vn_vctx *c, size_t b, size_t end, struct hrow *hdr, uint32_t *n_hdr, uint32_t *N,
                        bool *formula_col, bool *have_ids)
{
    const char *s = c->s;
    struct hrow cur;
    cur.n = 0;
    *n_hdr = 0;
    size_t prev = SIZE_MAX;
    for (size_t i = b; i <= end; i++) {
        if (i < end && (s[i] != '|' || (i > b && s[i - 1] == '\\')))
            continue;
        if (prev != SIZE_MAX) {
            size_t ta = trim_l(s, prev + 1, i), te = trim_r(s, ta, i);
            if (ta < te && cur.n < R_MAX_COLS) {
                cur.spans[cur.n].off = (uint32_t)ta;
                cur.spans[cur.n].end = (uint32_t)te;
                cur.n++;
            } else if (ta == te && cur.n) {
                /* a row ends: column ids, or a header row */
                bool ids = cur.n >= 3, formula[R_MAX_COLS] = {false};
                for (uint32_t k = 0; k < cur.n && ids; k++)
                    ids = colid_cell(s, cur.spans[k].off, cur.spans[k].end, &formula[k]);
                if (ids) {
                    *have_ids = true;
                    *N = cur.n;
                    memcpy(formula_col, formula, sizeof formula);
                } else if (*n_hdr < 3) {
                    hdr[(*n_hdr)++] = cur;
                }
                cur.n = 0;
            }
        }
        prev = i;
    }
}

static void col_keys(struct rctx *x, struct rcol *cols, uint32_t N)
{
    for (uint32_t k = 0; k < N; k++) {
        struct rcol *cl = &cols[k];
        size_t n = strlen(cl->head);
        int y = 0;
        bool two = false;
        for (size_t i = 0; i < n; i++) {
            int v = year_at(cl->head, i, n);
            if (!v)
                continue;
            if (y && v != y)
                two = true;
            y = v;
        }
        cl->year = (uint16_t)(two ? 0 : y);
        cl->percent = memchr(cl->head, '%', n) != NULL;
        cl->skip |= two;
        /* the header's stage words, read like a label's */
        struct vn_vctx tmp = *x->c;
        tmp.s = cl->head;
        tmp.len = n;
        struct words ws;
        read_words(&tmp, 0, n, &ws);
        cl->mode = ws.mode;
        /* "So sánh", "Tỷ lệ": a rate column */
        cl->skip |= ws.rate;
    }
}

/* Reads the rows of the table on lines [i, j) (0-based). */
static vn_status read_table(struct rctx *x, size_t i, size_t j, uint32_t *cursor)
{
    struct vn_vctx *c = x->c;
    const char *s = c->s;
    vn_status st = (vn_grow((void **)&x->tables, &x->cap_tables, x->n_tables + 1, sizeof *x->tables) ? VN_OK : VN_ENOMEM);
    if (st)
        return st;
    uint32_t ti = (uint32_t)x->n_tables++;
    struct rtable *t = &x->tables[ti];
    memset(t, 0, sizeof *t);
    t->row0 = (uint32_t)x->n_rows;
    struct hrow hdr[3];
    uint32_t n_hdr = 0, N = 0;
    bool data = false, formula_col[R_MAX_COLS] = {false}, have_ids = false;
    uint32_t last_top = VN_NONE;
    bool alone = j - i == 1;
    for (size_t li = i; li < j; li++) {
        uint32_t b = c->text->line_start[li], e = vn_line_end(c, li);
        if (vn_table_line_is_rule(s, b, e))
            continue;
        struct vn_tline tl = {x->lcells, R_MAX_LINE_CELLS, x->lrows, R_MAX_LINE_ROWS, 0, 0, 0, false, false, false};
        size_t nr = vn_table_line_split(s, b, e, alone, &tl);
        for (size_t r = 0; r < nr; r++) {
            const struct vn_trow *tr = &x->lrows[r];
            uint32_t n = tr->n_cells < R_MAX_COLS ? tr->n_cells : R_MAX_COLS;
            /* a delimiter row, a column-number row */
            bool dash = true, ids = n >= 3, formula[R_MAX_COLS] = {false};
            uint32_t nonempty = 0;
            for (uint32_t k = 0; k < n; k++) {
                const struct vn_tcell *cl = &x->lcells[tr->cell0 + k];
                size_t ta = trim_l(s, cl->off, cl->end), te = trim_r(s, ta, cl->end);
                for (size_t q = ta; q < te; q++)
                    dash &= s[q] == '-' || s[q] == ':';
                if (ta < te) {
                    nonempty++;
                    ids &= colid_cell(s, ta, te, &formula[k]);
                }
            }
            if (dash)
                continue;
            if (!data && ids && nonempty >= 3) {
                have_ids = true;
                N = n;
                memcpy(formula_col, formula, sizeof formula_col);
                continue;
            }
            /* the items of its cells */
            uint32_t item[R_MAX_COLS];
            bool numbers = false;
            for (uint32_t k = 0; k < n; k++) {
                const struct vn_tcell *cl = &x->lcells[tr->cell0 + k];
                size_t ta = trim_l(s, cl->off, cl->end), te = trim_r(s, ta, cl->end);
                item[k] = cell_item(c, cursor, ta, te, cl->off, cl->end);
                if (k > 0 && item[k] != VN_NONE)
                    numbers = true;
            }
            if (!data && !numbers) {
                if (n_hdr < 3) {
                    struct hrow *h = &hdr[n_hdr++];
                    h->n = n;
                    h->line = (uint32_t)li;
                    for (uint32_t k = 0; k < n; k++) {
                        const struct vn_tcell *cl = &x->lcells[tr->cell0 + k];
                        h->spans[k].off = (uint32_t)trim_l(s, cl->off, cl->end);
                        h->spans[k].end = (uint32_t)trim_r(s, h->spans[k].off, cl->end);
                    }
                }
                continue;
            }
            if (!numbers)
                continue;
            if (!data) {
                data = true;
                if (tl.flattened) {
                    have_ids = false;
                    N = 0;
                    flat_header(c, b, x->lcells[tr->cell0].off, hdr, &n_hdr, &N, formula_col, &have_ids);
                }
                if (!N)
                    N = tl.n_cols ? tl.n_cols : n;
            }
            /* a data row */
            st = (vn_grow((void **)&x->rows, &x->cap_rows, x->n_rows + 1, sizeof *x->rows) ? VN_OK : VN_ENOMEM);
            if (!st)
                st = (vn_grow((void **)&x->cells, &x->cap_cells, x->n_cells + n, sizeof *x->cells) ? VN_OK : VN_ENOMEM);
            if (st)
                return st;
            struct rrow *R = &x->rows[x->n_rows];
            memset(R, 0, sizeof *R);
            R->table = ti;
            R->line = (uint32_t)li + 1;
            R->parent = VN_NONE;
            R->cell0 = (uint32_t)x->n_cells;
            int mark = 0;
            for (uint32_t k = 0; k < n; k++) {
                const struct vn_tcell *cl = &x->lcells[tr->cell0 + k];
                size_t ta = trim_l(s, cl->off, cl->end), te = trim_r(s, ta, cl->end);
                if (k == 0 && item[k] == VN_NONE && (mark = numbering(s, ta, te)) != 0)
                    continue;
                if (item[k] != VN_NONE) {
                    struct rcell *X = &x->cells[x->n_cells++];
                    X->item = item[k];
                    X->row = (uint32_t)x->n_rows;
                    X->col = (uint16_t)k;
                    X->next = VN_NONE;
                    X->unit = c->items[item[k]].kind == VN_IT_MONEY ? U_MONEY
                              : c->items[item[k]].kind == VN_IT_PCT ? U_PERCENT
                                                                     : U_NONE;
                    continue;
                }
                if (te - ta == 1 && s[ta] == '%')
                    R->unit = U_PERCENT;
                else if (te > ta && !R->label_end && !memchr(s + ta, '%', te - ta)) {
                    /* a dash or "+ " opening the label is a sub-item mark */
                    if (te - ta > 2 && (s[ta] == '-' || s[ta] == '+') && s[ta + 1] == ' ')
                        mark = mark ? mark : 2;
                    R->label = (uint32_t)ta;
                    R->label_end = (uint32_t)te;
                }
            }
            R->ncell = (uint32_t)x->n_cells - R->cell0;
            R->top = mark == 1;
            if (mark != 1 && last_top != VN_NONE)
                R->parent = last_top;
            if (R->top)
                last_top = (uint32_t)x->n_rows;
            x->n_rows++;
        }
    }
    t->nrows = (uint32_t)x->n_rows - t->row0;
    /* the columns' keys, from the header rows */
    if (vn_log_on(&c->v->log, VN_LOG_DEBUG_RESTATE)) {
        char counts[VN_LOG_LINE_MAX] = "";
        size_t used = 0;
        for (uint32_t h = 0; h < n_hdr && used < sizeof counts; h++) {
            int k = snprintf(counts + used, sizeof counts - used, " %u", hdr[h].n);
            used += k > 0 ? (size_t)k : sizeof counts;
        }
        vn_logf(&c->v->log, VN_LOG_DEBUG_RESTATE, "restate: lines %zu-%zu N %u headers %u:%s", i + 1, j, N, n_hdr,
                counts);
    }
    if (!N || N > R_MAX_COLS || !n_hdr)
        return VN_OK;
    st = (vn_grow((void **)&x->cols, &x->cap_cols, x->n_cols + N, sizeof *x->cols) ? VN_OK : VN_ENOMEM);
    if (st)
        return st;
    struct rcol *cols = &x->cols[x->n_cols];
    memset(cols, 0, N * sizeof *cols);
    bool known = true;
    if (n_hdr == 1 && hdr[0].n == N) {
        uint32_t la = 0, le = 0;
        for (uint32_t k = 0; k < N; k++) {
            if (hdr[0].spans[k].end > hdr[0].spans[k].off) {
                la = hdr[0].spans[k].off;
                le = hdr[0].spans[k].end;
            }
            set_head(&cols[k], s, la, le);
        }
    } else if (n_hdr == 2 && hdr[0].n == N && hdr[1].n == N) {
        for (uint32_t h = 0; h < 2; h++) {
            uint32_t la = 0, le = 0;
            for (uint32_t k = 0; k < N; k++) {
                if (hdr[h].spans[k].end > hdr[h].spans[k].off) {
                    la = hdr[h].spans[k].off;
                    le = hdr[h].spans[k].end;
                } else if (h == 1) {
                    continue;   /* a second row's empty cell: merged from above */
                }
                set_head(&cols[k], s, la, le);
            }
        }
    } else if (n_hdr == 2 && hdr[0].n < N && hdr[1].n < N) {
        uint32_t span[R_MAX_COLS];
        known = layout_two_rows(c, &hdr[0], &hdr[1], N, span);
        for (uint32_t k = 0, col = 0, sub = 0; known && k < hdr[0].n; k++) {
            for (uint32_t w = 0; w < span[k]; w++) {
                set_head(&cols[col + w], s, hdr[0].spans[k].off, hdr[0].spans[k].end);
                if (span[k] > 1) {
                    set_head(&cols[col + w], s, hdr[1].spans[sub].off, hdr[1].spans[sub].end);
                    sub++;
                }
            }
            col += span[k];
        }
    } else {
        known = false;
    }
    if (!known)
        return VN_OK;
    for (uint32_t k = 0; k < N; k++)
        cols[k].skip = have_ids && formula_col[k];
    col_keys(x, cols, N);
    t->col0 = (uint32_t)x->n_cols;
    t->ncols = N;
    x->n_cols += N;
    /* a bare number in a "%" row or column is a percentage */
    for (uint32_t r = t->row0; r < t->row0 + t->nrows; r++)
        for (uint32_t k = x->rows[r].cell0; k < x->rows[r].cell0 + x->rows[r].ncell; k++) {
            struct rcell *X = &x->cells[k];
            if (X->unit == U_NONE && c->items[X->item].kind == VN_IT_BARE &&
                (x->rows[r].unit == U_PERCENT || (X->col < N && cols[X->col].percent)))
                X->unit = U_PERCENT;
        }
    return VN_OK;
}

static vn_status read_tables(struct rctx *x)
{
    struct vn_vctx *c = x->c;
    x->lcells = vn_malloc(R_MAX_LINE_CELLS * sizeof *x->lcells);
    x->lrows = vn_malloc(R_MAX_LINE_ROWS * sizeof *x->lrows);
    if (!x->lcells || !x->lrows)
        return VN_ENOMEM;
    uint32_t cursor = 0;
    size_t n = c->text->n_lines;
    for (size_t i = 0; i < n;) {
        if (!c->table_lines[i]) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && c->table_lines[j])
            j++;
        vn_status st = read_table(x, i, j, &cursor);
        if (st)
            return st;
        i = j;
    }
    /* row words */
    for (size_t r = 0; r < x->n_rows; r++) {
        struct rrow *R = &x->rows[r];
        struct words ws;
        read_words(c, R->label, R->label_end, &ws);
        if (ws.n > R_MAX_WORDS)
            ws.n = R_MAX_WORDS;
        vn_status st = (vn_grow((void **)&x->words, &x->cap_words, x->n_words + ws.n, sizeof *x->words) ? VN_OK : VN_ENOMEM);
        if (st)
            return st;
        R->w0 = (uint32_t)x->n_words;
        R->nw = (uint32_t)ws.n;
        if (ws.n)   /* (none yet: x->words may still be NULL) */
            memcpy(x->words + x->n_words, ws.w, ws.n * sizeof *ws.w);
        x->n_words += ws.n;
    }
    /* never NULL, so that x->words + R->w0 is defined for rows without a word */
    if (!x->words && !vn_grow((void **)&x->words, &x->cap_words, 1, sizeof *x->words))
        return VN_ENOMEM;
    return VN_OK;
}

/* ---- indexes -------------------------------------------------------------- */

static uint64_t value_key(const struct vn_item *it, uint8_t unit)
{
    struct vn_dec d = vn_dec_reduce(vn_item_cmp_value(it));
    uint64_t k = (uint64_t)d.mant ^ ((uint64_t)(d.mant >> 64) * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)d.scale << 56) ^
                 ((uint64_t)unit << 60);
    k *= 0xff51afd7ed558ccdULL;
    return k ^ (k >> 29);
}

static vn_status build_indexes(struct rctx *x)
{
    size_t cap = 64;
    while (cap < x->n_cells * 2)
        cap *= 2;
    x->vhead = vn_malloc(cap * sizeof *x->vhead);
    if (!x->vhead)
        return VN_ENOMEM;
    x->vcap = cap;
    for (size_t i = 0; i < cap; i++)
        x->vhead[i] = VN_NONE;
    /* insert in reverse so that each chain is in text order */
    for (size_t k = x->n_cells; k > 0; k--) {
        struct rcell *X = &x->cells[k - 1];
        if (X->unit == U_NONE)
            continue;
        size_t h = value_key(&x->c->items[X->item], X->unit) & (cap - 1);
        X->next = x->vhead[h];
        x->vhead[h] = (uint32_t)(k - 1);
    }
    cap = 64;
    while (cap < x->n_words * 2)
        cap *= 2;
    x->whead = vn_malloc(cap * sizeof *x->whead);
    x->post_row = vn_malloc((x->n_words ? x->n_words : 1) * sizeof *x->post_row);
    x->post_next = vn_malloc((x->n_words ? x->n_words : 1) * sizeof *x->post_next);
    x->stamp = vn_malloc((x->n_rows ? x->n_rows : 1) * sizeof *x->stamp);
    x->done = vn_calloc(x->c->n_items ? x->c->n_items : 1, sizeof *x->done);
    if (!x->whead || !x->post_row || !x->post_next || !x->stamp || !x->done)
        return VN_ENOMEM;
    x->wcap = cap;
    for (size_t i = 0; i < cap; i++)
        x->whead[i] = VN_NONE;
    for (size_t r = x->n_rows; r > 0; r--) {
        const struct rrow *R = &x->rows[r - 1];
        for (uint32_t w = 0; w < R->nw; w++) {
            size_t h = x->words[R->w0 + w] & (cap - 1);
            x->post_row[x->n_post] = (uint32_t)(r - 1);
            x->post_next[x->n_post] = x->whead[h];
            x->whead[h] = (uint32_t)x->n_post++;
        }
    }
    for (size_t r = 0; r < x->n_rows; r++)
        x->stamp[r] = VN_NONE;
    return VN_OK;
}

/* ---- verdicts ------------------------------------------------------------- */

static int sig_digits(struct vn_dec v)
{
    vn_int128 m = v.mant < 0 ? -v.mant : v.mant;
    while (m && m % 10 == 0)
        m /= 10;
    int n = 0;
    while (m) {
        n++;
        m /= 10;
    }
    return n;
}

/* Whether the claim and the cell state one value: the cell within the
 * claim's interval (a hedge), or either rounding to the other. */
static bool agree_as(const struct vn_item *claim, const struct vn_item *cell, struct vn_dec *computed, bool hedges)
{
    struct vn_dec cb = vn_item_cmp_value(cell), lo, hi;
    if (vn_to_unit_of(claim, cb, computed))
        return false;
    if (hedges && vn_item_hedged(claim)) {
        vn_item_interval(claim, &lo, &hi);
        if (vn_dec_cmp(cb, lo) >= 0 && vn_dec_cmp(cb, hi) <= 0)
            return true;
    }
    if (vn_interval_matches(*computed, *computed, claim->value))
        return true;
    struct vn_dec back;
    if (vn_to_unit_of(cell, vn_item_cmp_value(claim), &back))
        return false;
    return !vn_item_hedged(claim) && vn_interval_matches(back, back, cell->value);
}

static bool agree(const struct vn_item *claim, const struct vn_item *cell, struct vn_dec *computed)
{
    return agree_as(claim, cell, computed, true);
}

static void label_text(const struct vn_vctx *c, const struct rrow *R, char *buf, size_t cap)
{
    size_t n = R->label_end - R->label;
    if (n >= cap)
        n = cap - 1;
    while (n > 0 && n < R->label_end - R->label && ((unsigned char)c->s[R->label + n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, c->s + R->label, n);
    buf[n] = '\0';
}

static vn_status emit(struct rctx *x, uint32_t claimed, const struct rcell *cell, const struct rcell *claimed_cell,
                      struct vn_dec computed, enum vn_verdict verdict)
{
    struct vn_vctx *c = x->c;
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    d.relation = VN_REL_SUM;
    d.rule = "restatement";
    d.claimed = claimed;
    d.ops[0] = cell->item;
    d.n_ops = 1;
    d.computed = computed;
    d.verdict = verdict;
    char ct[48], ot[48], comp[64], lab[72];
    const struct vn_item *cl = &c->items[claimed], *op = &c->items[cell->item];
    vn_item_text(c, cl, ct, sizeof ct);
    vn_item_text(c, op, ot, sizeof ot);
    vn_dec_format_vn(computed, comp, sizeof comp);
    const struct rrow *R = &x->rows[cell->row];
    label_text(c, R, lab, sizeof lab);
    const struct rtable *T = &x->tables[R->table];
    const char *head = T->ncols && cell->col < T->ncols ? x->cols[T->col0 + cell->col].head : "";
    const char *where = claimed_cell ? vn_tr(VN_CAT(c), "The table") : vn_tr(VN_CAT(c), "The text");
    snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "%s states %s (line %u); the table on line %u states %s (row '%s'%s%s%s) = %s: %s."),
             where, ct, cl->line, op->line, ot, lab, head[0] ? vn_tr(VN_CAT(c), ", column '") : "", head, head[0] ? "'" : "", comp,
             verdict == VN_VERDICT_CONSISTENT ? vn_tr(VN_CAT(c), "the same figure") : vn_tr(VN_CAT(c), "a different figure for the same item"));
    x->done[claimed] = true;
    return vn_emit(c, &d);
}

/* ---- the prose against the tables ------------------------------------------ */

/* The year a prose figure is about: the last "năm YYYY" before it in its
 * sentence, else in its paragraph, else in the headings above it; 0 when
 * none is said or the nearest is a range ("2026 - 2028"). */
static int prose_year(const struct vn_vctx *c, const struct vn_item *it)
{
    const struct vn_para *p = &c->paras[it->para];
    uint32_t ss = vn_sentence_start(c, p, it->off);
    int y = last_year(c->s, ss, it->off, false);
    if (!y) {
        uint32_t a = it->off - p->off > R_PARA_REACH ? it->off - R_PARA_REACH : p->off;
        y = last_year(c->s, a, ss, false);
    }
    for (uint32_t n = p->node, steps = 0; !y && n != VN_NONE && n != 0 && steps < 16; n = c->nodes[n].parent, steps++) {
        const struct vn_para *h = &c->paras[c->nodes[n].para0];
        if (h == p)
            continue;
        uint32_t e = h->end - h->off > 300 ? h->off + 300 : h->end;
        y = last_year(c->s, h->off, e, false);
    }
    return y > 0 ? y : 0;
}

/* Where the figure's clause starts: the previous figure, or ; : ( ) or a
 * sentence end, within R_CLAUSE_REACH bytes. */
static uint32_t clause_start(const struct vn_vctx *c, uint32_t k)
{
    const struct vn_item *it = &c->items[k];
    const struct vn_para *p = &c->paras[it->para];
    uint32_t lim = it->off - p->off > R_CLAUSE_REACH ? it->off - R_CLAUSE_REACH : p->off;
    for (uint32_t j = k; j > p->item0; j--) {
        const struct vn_item *q = &c->items[j - 1];
        if (q->kind == VN_IT_BARE)
            continue;
        if (q->unit_end > lim)
            lim = q->unit_end;
        break;
    }
    uint32_t ss = vn_sentence_start(c, p, it->off);
    if (ss > lim)
        lim = ss;
    uint32_t b = it->off;
    while (b > lim && !strchr(";:()\n", c->s[b - 1]))
        b--;
    return b;
}

/* A bounded set of rows sharing a word with the clause. */
static size_t candidate_rows(struct rctx *x, const struct words *cw, uint32_t figure, uint32_t *out, size_t cap)
{
    size_t n = 0, visits = 0;
    for (size_t i = 0; i < cw->n && visits < R_MAX_VISIT; i++) {
        size_t h = cw->w[i] & (x->wcap - 1);
        for (uint32_t p = x->whead[h]; p != VN_NONE && visits < R_MAX_VISIT; p = x->post_next[p]) {
            visits++;
            uint32_t r = x->post_row[p];
            if (x->stamp[r] == figure)
                continue;
            x->stamp[r] = figure;
            if (n < cap)
                out[n++] = r;
        }
    }
    return n;
}

static bool parent_said(const struct rctx *x, const struct rrow *R, const struct words *ctx, const struct words *cw)
{
    if (R->parent == VN_NONE)
        return true;
    const struct rrow *P = &x->rows[R->parent];
    for (uint32_t i = 0; i < P->nw; i++) {
        uint64_t w = x->words[P->w0 + i];
        if (!has_word(ctx->w, ctx->n, w) && !has_word(cw->w, cw->n, w) && !has_word(x->words + R->w0, R->nw, w))
            return false;
    }
    return true;
}

static vn_status prose_keyed(struct rctx *x, uint32_t k, int year)
{
    struct vn_vctx *c = x->c;
    const struct vn_item *it = &c->items[k];
    uint8_t unit = it->kind == VN_IT_MONEY ? U_MONEY : U_PERCENT;
    uint32_t cs = clause_start(c, k);
    struct words cw, sw, ctx;
    read_words(c, cs, it->off, &cw);
    if (cw.prior || cw.change || (unit == U_PERCENT && cw.rate) || !cw.n)
        return VN_OK;
    const struct vn_para *p = &c->paras[it->para];
    uint32_t ss = vn_sentence_start(c, p, it->off);
    read_words(c, ss, it->off, &sw);
    if (sw.prior && !cw.n)
        return VN_OK;
    uint32_t pa = it->off - p->off > R_PARA_REACH ? it->off - R_PARA_REACH : p->off;
    read_words(c, pa, cs, &ctx);
    uint8_t mode = cw.mode ? cw.mode : sw.mode;
    uint32_t rows[64];
    size_t nr = candidate_rows(x, &cw, k, rows, 64);
    /* the best tier: 3 the same words, 2 the row's words all in the clause
       (most words first), 1 the clause's all in the row's */
    int best = 0;
    uint32_t best_nw = 0;
    uint32_t pick[64];
    size_t np = 0;
    for (size_t i = 0; i < nr; i++) {
        const struct rrow *R = &x->rows[rows[i]];
        if (!R->nw || !parent_said(x, R, &ctx, &cw))
            continue;
        const uint64_t *rw = x->words + R->w0;
        bool rin = subset(rw, R->nw, cw.w, cw.n), cin = subset(cw.w, cw.n, rw, R->nw);
        /* a row's words in the clause name it when they are at least
           half of the clause's */
        int tier = rin && cin ? 3 : rin && R->nw >= 2 && R->nw * 2 >= cw.n ? 2 : cin && cw.n >= 2 ? 1 : 0;
        if (!tier)
            continue;
        uint32_t nw = tier == 2 ? R->nw : 0;
        if (tier > best || (tier == best && nw > best_nw)) {
            best = tier;
            best_nw = nw;
            np = 0;
        }
        if (tier == best && nw == best_nw)
            pick[np++] = rows[i];
    }
    if (!best)
        return VN_OK;
    /* the qualifying cells */
    const struct rcell *cand[64];
    size_t nc = 0;
    uint32_t rows_with_cells = 0;
    for (size_t i = 0; i < np; i++) {
        const struct rrow *R = &x->rows[pick[i]];
        const struct rtable *T = &x->tables[R->table];
        if (!T->ncols)
            continue;
        bool any = false;
        for (uint32_t q = R->cell0; q < R->cell0 + R->ncell; q++) {
            const struct rcell *X = &x->cells[q];
            if (X->unit != unit || X->col >= T->ncols)
                continue;
            const struct rcol *cl = &x->cols[T->col0 + X->col];
            if (cl->skip || cl->year != year || (mode && cl->mode && cl->mode != mode))
                continue;
            if (nc < 64)
                cand[nc++] = X;
            any = true;
        }
        rows_with_cells += any;
    }
    if (!nc)
        return VN_OK;
    struct vn_dec computed;
    for (size_t i = 0; i < nc; i++)
        if (agree(it, &c->items[cand[i]->item], &computed))
            return emit(x, k, cand[i], NULL, computed, VN_VERDICT_CONSISTENT);
    if (rows_with_cells != 1)
        return VN_OK;
    /* the figure in another column of the row: the column may be misread */
    const struct rrow *R1 = &x->rows[cand[0]->row];
    for (uint32_t q = R1->cell0; q < R1->cell0 + R1->ncell; q++)
        if (x->cells[q].unit == unit && agree_as(it, &c->items[x->cells[q].item], &computed, false))
            return VN_OK;
    struct vn_dec v0 = vn_item_cmp_value(&c->items[cand[0]->item]);
    for (size_t i = 1; i < nc; i++)
        if (vn_dec_cmp(vn_item_cmp_value(&c->items[cand[i]->item]), v0) != 0)
            return VN_OK;
    if (vn_to_unit_of(it, v0, &computed))
        return VN_OK;
    return emit(x, k, cand[0], NULL, computed, VN_VERDICT_INCONSISTENT);
}

/* A cell of the same value as item k (another table's, or this table's in
 * another row and column when k is a cell), the one of the figure's year
 * first. */
static const struct rcell *value_match(struct rctx *x, uint32_t k, uint8_t unit, const struct rcell *self, int year)
{
    const struct vn_item *it = &x->c->items[k];
    size_t h = value_key(it, unit) & (x->vcap - 1);
    struct vn_dec v = vn_dec_reduce(vn_item_cmp_value(it));
    const struct rcell *first = NULL;
    uint32_t steps = 0;
    for (uint32_t q = x->vhead[h]; q != VN_NONE && steps < R_MAX_CHAIN; q = x->cells[q].next, steps++) {
        const struct rcell *X = &x->cells[q];
        if (X->unit != unit || vn_dec_cmp(vn_dec_reduce(vn_item_cmp_value(&x->c->items[X->item])), v) != 0)
            continue;
        if (self) {
            if (X == self)
                break;      /* only earlier cells: the later one restates */
            const struct rrow *A = &x->rows[X->row], *B = &x->rows[self->row];
            if (A->table == B->table) {
                /* in one table, only a period's figure carried to the next
                   (the end of one year is the start of the next): another
                   row, in the column of the year before or after; other
                   equal cells of a large table are mostly chance */
                const struct rtable *T = &x->tables[A->table];
                if (X->row == self->row || !T->ncols || X->col >= T->ncols || self->col >= T->ncols)
                    continue;
                int ya = x->cols[T->col0 + X->col].year, yb = x->cols[T->col0 + self->col].year;
                if (!ya || !yb || (yb != ya + 1 && ya != yb + 1))
                    continue;
            }
            return X;
        }
        const struct rtable *T = &x->tables[x->rows[X->row].table];
        if (year && T->ncols && X->col < T->ncols && x->cols[T->col0 + X->col].year == year)
            return X;
        if (!first)
            first = X;
    }
    return first;
}

static vn_status prose_figures(struct rctx *x)
{
    struct vn_vctx *c = x->c;
    for (uint32_t k = 0; k < c->n_items; k++) {
        const struct vn_item *it = &c->items[k];
        if (c->table_lines[it->line - 1] || (it->kind != VN_IT_MONEY && it->kind != VN_IT_PCT))
            continue;
        if (it->value.mant <= 0)
            continue;
        uint8_t unit = it->kind == VN_IT_MONEY ? U_MONEY : U_PERCENT;
        int year = prose_year(c, it);
        if (sig_digits(it->value) >= R_MIN_DIGITS) {
            const struct rcell *X = value_match(x, k, unit, NULL, year);
            struct vn_dec computed;
            if (X && !vn_to_unit_of(it, vn_item_cmp_value(&c->items[X->item]), &computed)) {
                vn_status st = emit(x, k, X, NULL, computed, VN_VERDICT_CONSISTENT);
                if (st)
                    return st;
                continue;
            }
        }
        if (!year || it->paren != VN_NONE || it->slash_den)
            continue;
        vn_status st = prose_keyed(x, k, year);
        if (st)
            return st;
    }
    return VN_OK;
}

/* ---- one table against another --------------------------------------------- */

static bool same_words(const struct rctx *x, const struct rrow *A, const struct rrow *B)
{
    if (A->nw != B->nw)
        return false;
    const uint64_t *a = x->words + A->w0, *b = x->words + B->w0;
    if (!subset(a, A->nw, b, B->nw))
        return false;
    const struct rrow *PA = A->parent != VN_NONE ? &x->rows[A->parent] : NULL;
    const struct rrow *PB = B->parent != VN_NONE ? &x->rows[B->parent] : NULL;
    if (!PA || !PB)
        return !PA && !PB;
    return PA->nw == PB->nw && subset(x->words + PA->w0, PA->nw, x->words + PB->w0, PB->nw);
}

/* The one column of table T for (year, mode): mode must agree when both
 * say it; VN_NONE when there is none or more than one. */
static uint32_t column_for(const struct rctx *x, const struct rtable *T, int year, int mode)
{
    uint32_t found = VN_NONE;
    for (uint32_t k = 0; k < T->ncols; k++) {
        const struct rcol *cl = &x->cols[T->col0 + k];
        if (cl->skip || cl->percent || cl->year != year || (mode && cl->mode && cl->mode != mode))
            continue;
        if (found != VN_NONE)
            return VN_NONE;
        found = k;
    }
    return found;
}

static const struct rcell *cell_at(const struct rctx *x, const struct rrow *R, uint32_t col)
{
    for (uint32_t q = R->cell0; q < R->cell0 + R->ncell; q++)
        if (x->cells[q].col == col)
            return &x->cells[q];
    return NULL;
}

/* Row B (a later table's) against row A (an earlier table's) with the same
 * label: column by column, only when some column agrees. */
static vn_status rows_keyed(struct rctx *x, const struct rrow *A, const struct rrow *B)
{
    struct vn_vctx *c = x->c;
    const struct rtable *TA = &x->tables[A->table], *TB = &x->tables[B->table];
    if (!TA->ncols || !TB->ncols)
        return VN_OK;
    const struct rcell *pa[R_MAX_COLS], *pb[R_MAX_COLS];
    size_t n = 0;
    bool confirmed = false;
    for (uint32_t k = 0; k < TB->ncols && n < R_MAX_COLS; k++) {
        const struct rcol *cl = &x->cols[TB->col0 + k];
        if (cl->skip || cl->percent || !cl->year)
            continue;
        uint32_t ka = column_for(x, TA, cl->year, cl->mode);
        if (ka == VN_NONE || column_for(x, TB, cl->year, x->cols[TA->col0 + ka].mode) != k)
            continue;
        const struct rcell *a = cell_at(x, A, ka), *b = cell_at(x, B, k);
        if (!a || !b || a->unit != U_MONEY || b->unit != U_MONEY)
            continue;
        pa[n] = a;
        pb[n++] = b;
        struct vn_dec va = vn_item_cmp_value(&c->items[a->item]);
        if (sig_digits(c->items[b->item].value) >= R_MIN_DIGITS &&
            vn_dec_cmp(va, vn_item_cmp_value(&c->items[b->item])) == 0)
            confirmed = true;
    }
    for (size_t i = 0; confirmed && i < n; i++) {
        struct vn_dec computed;
        const struct vn_item *bi = &c->items[pb[i]->item];
        bool ok = agree(bi, &c->items[pa[i]->item], &computed);
        if (!ok && vn_to_unit_of(bi, vn_item_cmp_value(&c->items[pa[i]->item]), &computed))
            continue;
        vn_status st = emit(x, pb[i]->item, pa[i], pb[i], computed, ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT);
        if (st)
            return st;
    }
    return VN_OK;
}

static vn_status table_figures(struct rctx *x)
{
    struct vn_vctx *c = x->c;
    /* rows of two tables with the same label (each the only one so
       labelled in its table), through the word index */
    for (uint32_t r = 0; r < x->n_rows; r++) {
        const struct rrow *B = &x->rows[r];
        if (B->nw < 2)
            continue;
        size_t h = x->words[B->w0] & (x->wcap - 1);
        const struct rrow *match = NULL;
        bool unique = true;
        uint32_t steps = 0;
        for (uint32_t p = x->whead[h]; p != VN_NONE && steps < R_MAX_VISIT; p = x->post_next[p], steps++) {
            uint32_t q = x->post_row[p];
            const struct rrow *A = &x->rows[q];
            if (q == r || A == match || A->table > B->table || !same_words(x, A, B))
                continue;
            /* another row so labelled in its table, or in two earlier
               tables: which one is meant is not said */
            if (A->table == B->table || match)
                unique = false;
            match = A;
        }
        if (match && unique) {
            vn_status st = rows_keyed(x, match, B);
            if (st)
                return st;
        }
    }
    /* by value: a cell restating another table's (or another row and
       column of its own table) */
    for (size_t q = 0; q < x->n_cells; q++) {
        const struct rcell *X = &x->cells[q];
        const struct vn_item *it = &c->items[X->item];
        if (X->unit != U_MONEY || x->done[X->item] || it->value.mant <= 0 || sig_digits(it->value) < R_MIN_DIGITS)
            continue;
        const struct rcell *A = value_match(x, X->item, X->unit, X, 0);
        struct vn_dec computed;
        if (A && !vn_to_unit_of(it, vn_item_cmp_value(&c->items[A->item]), &computed)) {
            vn_status st = emit(x, X->item, A, X, computed, VN_VERDICT_CONSISTENT);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

vn_status vn_rules_restate(struct vn_vctx *c)
{
    vn_status st = vn_table_lines(c);
    if (st)
        return st;
    bool any = false;
    for (size_t i = 0; i < c->text->n_lines && !any; i++)
        any = c->table_lines[i] != 0;
    if (!any)
        return VN_OK;
    struct rctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    st = read_tables(&x);
    if (!st && vn_log_on(&c->v->log, VN_LOG_DEBUG_RESTATE))
        for (size_t t = 0; t < x.n_tables; t++) {
            const struct rtable *T = &x.tables[t];
            vn_logf(&c->v->log, VN_LOG_DEBUG_RESTATE, "restate: table %zu line %u rows %u cols %u", t,
                    T->nrows ? x.rows[T->row0].line : 0, T->nrows, T->ncols);
            for (uint32_t k = 0; k < T->ncols; k++) {
                const struct rcol *cl = &x.cols[T->col0 + k];
                vn_logf(&c->v->log, VN_LOG_DEBUG_RESTATE, "  col %u year %u mode %u skip %d pct %d '%s'", k, cl->year,
                        cl->mode, cl->skip,
                        cl->percent, cl->head);
            }
        }
    if (!st)
        st = build_indexes(&x);
    if (!st)
        st = table_figures(&x);
    if (!st)
        st = prose_figures(&x);
    vn_free(x.tables);
    vn_free(x.rows);
    vn_free(x.cells);
    vn_free(x.cols);
    vn_free(x.words);
    vn_free(x.vhead);
    vn_free(x.whead);
    vn_free(x.post_row);
    vn_free(x.post_next);
    vn_free(x.stamp);
    vn_free(x.done);
    vn_free(x.lcells);
    vn_free(x.lrows);
    return st;
}
