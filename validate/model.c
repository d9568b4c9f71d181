/* The model the rules read: every number of the text as an item (from the
 * extraction records, plus bare numbers the extractor leaves alone because
 * they carry no unit), paragraphs, parentheses, labels and "a/b" pairs.
 * One pass each over the text or the items: linear. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/alloc.h"
#include "common/utf8.h"
#include "validate/validate_internal.h"

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

size_t vn_skip_space(const struct vn_vctx *c, size_t pos, size_t limit, const char *punct)
{
    while (pos < limit && (is_space(c->s[pos]) || (punct && c->s[pos] && strchr(punct, c->s[pos]))))
        pos++;
    return pos;
}

/* First code point at s[pos] is a lower-case letter. */
static bool lower_letter_at(const char *s, size_t len, size_t pos)
{
    uint32_t cp;
    if (pos >= len || !vn_utf8_decode((const unsigned char *)s + pos, len - pos, &cp))
        return false;
    return vn_is_letter_cp(cp) && vn_fold_cp(cp) == cp;
}

static bool upper_letter_at(const char *s, size_t len, size_t pos)
{
    uint32_t cp;
    if (pos >= len || !vn_utf8_decode((const unsigned char *)s + pos, len - pos, &cp))
        return false;
    return vn_is_letter_cp(cp) && vn_fold_cp(cp) != cp;
}

/* ---- fast byte searches -------------------------------------------------- */

/* The first position in [from, end) holding byte a or b (end if none). */
static size_t find_either(const char *s, size_t from, size_t end, char a, char b)
{
    size_t q = from;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
    for (; q + 16 <= end; q += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + q));
        int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
        if (m)
            return q + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
    while (q < end && s[q] != a && s[q] != b)
        q++;
    return q;
}

/* The first digit in [from, end) (end if none). */
static size_t find_digit(const char *s, size_t from, size_t end)
{
    size_t q = from;
#if defined(__SSE2__)
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    for (; q + 16 <= end; q += 16) {
        __m128i d = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(s + q)), zero);
        int m = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
        if (m)
            return q + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
    while (q < end && !is_digit(s[q]))
        q++;
    return q;
}

/* ---- paragraphs ---------------------------------------------------------- */

uint32_t vn_line_end(const struct vn_vctx *c, size_t i)
{
    size_t e = i + 1 < c->text->n_lines ? c->text->line_start[i + 1] : c->len;
    while (e > c->text->line_start[i] && (c->s[e - 1] == '\n' || c->s[e - 1] == '\r'))
        e--;
    return (uint32_t)e;
}

static bool line_blank(const struct vn_vctx *c, size_t i)
{
    uint32_t b = c->text->line_start[i], e = vn_line_end(c, i);
    for (uint32_t k = b; k < e; k++)
        if (!is_space(c->s[k]))
            return false;
    return true;
}

/* A sentence broken by a page break: the line ends without closing
 * punctuation and the next text line starts in lower case ("đạt 2,82% kế" /
 * "hoạch giao"), but not with a list letter ("a) ..."). */
static bool continues(const struct vn_vctx *c, uint32_t end_of_prev, size_t next_line)
{
    size_t k = end_of_prev;
    while (k > 0 && is_space(c->s[k - 1]))
        k--;
    if (k == 0 || strchr(".:;!?)", c->s[k - 1]))
        return false;
    uint32_t b = c->text->line_start[next_line];
    if (!lower_letter_at(c->s, c->len, b))
        return false;
    /* rows of a table (cells separated by TABs) are never joined */
    uint32_t e = vn_line_end(c, next_line);
    if (memchr(c->s + b, '\t', e - b))
        return false;
    size_t ps = end_of_prev;
    while (ps > 0 && c->s[ps - 1] != '\n')
        ps--;
    if (memchr(c->s + ps, '\t', end_of_prev - ps))
        return false;
    size_t after = b + 1;
    if ((unsigned char)c->s[b] >= 0x80) {
        uint32_t cp;
        after = b + vn_utf8_decode((const unsigned char *)c->s + b, c->len - b, &cp);
    }
    while (after < c->len && c->s[after] == ' ')
        after++;    /* "a . Vốn ...", as word-segmented text writes "a. Vốn" */
    return !(after < c->len && (c->s[after] == ')' || c->s[after] == '.'));
}

static vn_status build_paras(struct vn_vctx *c)
{
    size_t n = c->text->n_lines;
    c->paras = vn_calloc(n ? n : 1, sizeof *c->paras);
    if (!c->paras)
        return VN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (line_blank(c, i))
            continue;
        struct vn_para *p = &c->paras[c->n_paras++];
        p->off = c->text->line_start[i];
        p->end = vn_line_end(c, i);
        p->first_line = p->last_line = (uint32_t)(i + 1);
        p->node = 0;
        /* join up to two blank lines of a page break */
        for (;;) {
            size_t j = i + 1;
            while (j < n && j <= i + 3 && line_blank(c, j))
                j++;
            if (j >= n || j > i + 3 || !continues(c, p->end, j))
                break;
            i = j;
            p->end = vn_line_end(c, i);
            p->last_line = (uint32_t)(i + 1);
        }
    }
    return VN_OK;
}

/* ---- items --------------------------------------------------------------- */

static vn_status push_item(struct vn_vctx *c, size_t *cap, const struct vn_item *it)
{
    if (c->n_items == *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        struct vn_item *p = vn_realloc(c->items, nc * sizeof *p);
        if (!p)
            return VN_ENOMEM;
        c->items = p;
        *cap = nc;
    }
    c->items[c->n_items++] = *it;
    return VN_OK;
}

static int hedge_kind(const struct vn_vctx *c, int hedge)
{
    if (hedge < 0 || (size_t)hedge >= c->vocab->hedges.n)
        return -1;
    int k = c->vocab->hedges.e[hedge].value;
    return k == VN_HEDGE_ESTIMATE ? -1 : k;
}

static void item_init(struct vn_item *it)
{
    memset(it, 0, sizeof *it);
    it->paren = it->partner = it->change = VN_NONE;
    it->label_off = VN_NONE;
    it->measure = -1;
    it->hedge = -1;
}

static void item_from_record(const struct vn_vctx *c, const struct vn_record *r, struct vn_item *it)
{
    item_init(it);
    const struct vn_number *num = NULL;
    switch (r->type) {
    case VN_REC_AMOUNT:
        num = &r->u.amount.num;
        it->kind = VN_IT_MONEY;
        it->base = r->u.amount.dong;
        it->pow10 = (int8_t)r->u.amount.unit_pow10;
        it->unit = r->u.amount.unit;
        it->hedge = (int8_t)hedge_kind(c, r->u.amount.hedge);
        break;
    case VN_REC_QUANTITY:
        num = &r->u.quantity.num;
        it->kind = VN_IT_QTY;
        it->unit = r->u.quantity.unit;
        it->measure = (int16_t)r->u.quantity.measure;
        it->hedge = (int8_t)hedge_kind(c, r->u.quantity.hedge);
        break;
    default:
        num = &r->u.percent.num;
        it->kind = VN_IT_PCT;
        it->hedge = (int8_t)hedge_kind(c, r->u.percent.hedge);
        break;
    }
    it->off = num->span.off;
    it->end = num->span.off + num->span.len;
    it->unit_end = r->text.off + r->text.len;
    if (it->unit_end < it->end)
        it->unit_end = it->end;
    it->value = num->value;
    if (it->kind != VN_IT_MONEY)
        it->base = num->value;
    it->line = r->line;
}

/* A year as written: four digits from 1900 to 2100, nothing else. */
static bool year_text(const char *s, size_t off, size_t end)
{
    if (end - off != 4)
        return false;
    int y = 0;
    for (size_t i = off; i < end; i++) {
        if (!is_digit(s[i]))
            return false;
        y = y * 10 + (s[i] - '0');
    }
    return y >= 1900 && y <= 2100;
}

static int year_value(const char *s, size_t off)
{
    return (s[off] - '0') * 1000 + (s[off + 1] - '0') * 100 + (s[off + 2] - '0') * 10 + (s[off + 3] - '0');
}

bool vn_period_before(const struct vn_vctx *c, size_t pos)
{
    size_t b = pos;
    while (b > 0 && (c->s[b - 1] == ' ' || c->s[b - 1] == '\t'))
        b--;
    size_t from = b > 20 ? b - 20 : 0;
    for (size_t p = from; p < b; p++) {
        size_t e;
        if (vn_link_at(c, p, b, &e) == VN_LINK_PERIOD && e == b)
            return true;
    }
    return false;
}

/* A year after a period word ("năm 2023 (500 tỷ đồng)", where the extractor
 * lends the year the unit of the parenthesis): never an operand. */
static bool period_year(const struct vn_vctx *c, size_t off, size_t end)
{
    return year_text(c->s, off, end) && vn_period_before(c, off);
}

/* A bare number at s[pos] (a digit not inside any record): its end, or 0
 * when it is not one (part of a word, a code, a time). */
static size_t bare_number(const struct vn_vctx *c, size_t pos, struct vn_item *it)
{
    if (vn_word_char_before(c->s, pos))
        return 0;
    size_t e = pos;
    while (e < c->len && (is_digit(c->s[e]) ||
                          ((c->s[e] == '.' || c->s[e] == ',') && e + 1 < c->len && is_digit(c->s[e + 1]))))
        e++;
    if (e - pos > 40 || vn_word_char_at(c->s, c->len, e))
        return 0;
    /* a bare number matters only as a side of "a/b", next to '=', as a list
       entry ("cảnh cáo 02;") or alone in a table cell (TAB or
       markdown pipe, perhaps in emphasis stars); most (years, counts
       in prose, numbering) are none of these and are not kept */
    size_t q = e;
    while (q < c->len && c->s[q] == ' ')
        q++;
    bool after = q >= c->len || strchr("/;,)=\t\n|*", c->s[q]) != NULL;
    size_t b = pos;
    while (b > 0 && c->s[b - 1] == ' ')
        b--;
    bool before = b == 0 || strchr("/=(\t\n|*", c->s[b - 1]) != NULL;
    if (!after && !before)
        return 0;
    if (period_year(c, pos, e))
        return 0;
    struct vn_number num;
    if (vn_number_parse(c->s + pos, e - pos, &num))
        return 0;
    item_init(it);
    it->kind = VN_IT_BARE;
    it->off = (uint32_t)pos;
    it->end = it->unit_end = (uint32_t)e;
    it->value = it->base = num.value;
    return e;
}

/* Past VN_VALIDATE_MAX_ITEMS figures the rest of the document is not read
 * (from the line of the first figure left out; said at the end). */
static bool items_full(struct vn_vctx *c, uint32_t line)
{
    if (c->n_items < VN_VALIDATE_MAX_ITEMS)
        return false;
    if (!c->cut_line || line < c->cut_line)
        c->cut_line = line;
    return true;
}

static vn_status build_items(struct vn_vctx *c)
{
    const struct vn_records *r = c->records;
    /* the records plus some bare numbers: one allocation in most documents */
    size_t cap = r->n + r->n / 2 + 16;
    c->items = vn_malloc(cap * sizeof *c->items);
    if (!c->items)
        return VN_ENOMEM;
    size_t pos = 0, line = 0;
    const uint32_t *ls = c->text->line_start;
    for (size_t i = 0; i <= r->n; i++) {
        const struct vn_record *rec = i < r->n && r->items[i].text.off < c->len ? &r->items[i] : NULL;
        if (rec && rec->type == VN_REC_CHECK)
            continue;
        size_t stop = rec ? rec->text.off : c->len;
        /* bare numbers in the gap before this record */
        for (; pos < stop; pos++) {
            pos = find_digit(c->s, pos, stop);
            if (pos >= stop)
                break;
            struct vn_item it;
            size_t e = bare_number(c, pos, &it);
            if (!e || e > stop) {
                while (pos + 1 < stop && (is_digit(c->s[pos + 1]) || c->s[pos + 1] == '.' || c->s[pos + 1] == ','))
                    pos++;
                continue;
            }
            while (line + 1 < c->text->n_lines && ls[line + 1] <= pos)
                line++;
            it.line = (uint32_t)(line + 1);
            if (items_full(c, it.line))
                return VN_OK;
            vn_status st = push_item(c, &cap, &it);
            if (st)
                return st;
            pos = e - 1;
        }
        if (!rec)
            break;
        size_t rend = (size_t)rec->text.off + rec->text.len;
        if (rend > pos)
            pos = rend;
        if (rec->type != VN_REC_AMOUNT && rec->type != VN_REC_QUANTITY && rec->type != VN_REC_PERCENT)
            continue;
        struct vn_item it;
        item_from_record(c, rec, &it);
        bool implied = rec->type == VN_REC_AMOUNT ? rec->u.amount.implied_unit
                       : rec->type == VN_REC_QUANTITY ? rec->u.quantity.implied_unit : false;
        if (implied && period_year(c, it.off, it.end))
            continue;
        if (items_full(c, it.line))
            return VN_OK;
        vn_status st = push_item(c, &cap, &it);
        if (st)
            return st;
    }
    return VN_OK;
}

/* ---- parentheses, paragraphs of items ------------------------------------ */

static vn_status build_parens(struct vn_vctx *c)
{
    size_t cap = 64;
    c->parens = vn_malloc(cap * sizeof *c->parens);
    if (!c->parens)
        return VN_ENOMEM;
    size_t k = 0;
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        struct vn_para *p = &c->paras[pi];
        uint32_t stack[VN_MAX_PAREN_DEPTH];
        size_t depth = 0, overflow = 0;
        while (k < c->n_items && c->items[k].off < p->off)
            k++;
        p->item0 = (uint32_t)k;
        for (uint32_t o = p->off; o < p->end; o++) {
            o = (uint32_t)find_either(c->s, o, p->end, '(', ')');
            while (k < c->n_items && c->items[k].off < o) {
                c->items[k].para = (uint32_t)pi;
                c->items[k].paren = depth ? stack[depth - 1] : VN_NONE;
                k++;
            }
            if (o >= p->end)
                break;
            if (c->s[o] == '(') {
                if (depth == VN_MAX_PAREN_DEPTH) {
                    overflow++;
                    continue;
                }
                if (c->n_parens == cap) {
                    cap *= 2;
                    struct vn_paren *np = vn_realloc(c->parens, cap * sizeof *np);
                    if (!np)
                        return VN_ENOMEM;
                    c->parens = np;
                }
                struct vn_paren *pr = &c->parens[c->n_parens];
                pr->open = o;
                pr->close = VN_NONE;
                pr->parent = depth ? stack[depth - 1] : VN_NONE;
                stack[depth++] = (uint32_t)c->n_parens++;
            } else {
                if (overflow)
                    overflow--;
                else if (depth)
                    c->parens[stack[--depth]].close = o;
            }
        }
        while (k < c->n_items && c->items[k].off < p->end) {
            c->items[k].para = (uint32_t)pi;
            c->items[k].paren = depth ? stack[depth - 1] : VN_NONE;
            k++;
        }
        p->item1 = (uint32_t)k;
        /* a parenthesis left open at the paragraph's end (an editing
           leftover) encloses nothing: its items belong to the enclosing one */
        for (uint32_t i = p->item0; i < p->item1; i++)
            while (c->items[i].paren != VN_NONE && c->parens[c->items[i].paren].close == VN_NONE)
                c->items[i].paren = c->parens[c->items[i].paren].parent;
        for (size_t i = c->n_parens; i > 0 && c->parens[i - 1].open >= p->off; i--)
            while (c->parens[i - 1].parent != VN_NONE && c->parens[c->parens[i - 1].parent].close == VN_NONE)
                c->parens[i - 1].parent = c->parens[c->parens[i - 1].parent].parent;
    }
    /* items outside any paragraph cannot happen (they are in non-blank
       lines), but keep them harmless */
    return VN_OK;
}

/* ---- labels and roles ---------------------------------------------------- */

int vn_link_at(const struct vn_vctx *c, size_t pos, size_t limit, size_t *end)
{
    struct vn_vocab_match m;
    if (vn_word_char_before(c->s, pos) || !vn_vocab_match_at(&c->vocab->links, c->s, limit, pos, &m) ||
        vn_word_char_at(c->s, c->len, m.end))
        return VN_LINK_NONE;
    if (end)
        *end = m.end;
    return VN_ROLE_VALUE(c->vocab->links.e[m.index].value);
}

/* The characters that end a label, looking back from a number. */
static bool label_stop(char ch)
{
    switch (ch) {
    case ',': case ';': case '(': case ')': case '=': case '\n':
        return true;
    default:
        return false;
    }
}

static void read_label(struct vn_vctx *c, struct vn_item *it, uint32_t floor)
{
    size_t b = it->off;
    size_t lim = it->off > VN_LABEL_MAX ? it->off - VN_LABEL_MAX : 0;
    if (lim < floor)
        lim = floor;
    while (b > lim) {
        char ch = c->s[b - 1];
        if (label_stop(ch) || (ch == '.' && b < it->off && is_space(c->s[b])))
            break;
        b--;
    }
    it->label_off = (uint32_t)b;
    uint8_t dims[VN_ROLE_NDIMS] = {0};
    for (size_t p = b; p < it->off; p++) {
        if (!vn_word_start(c->s, p, b) || !vn_prefix_maybe(&c->v->labels, c->s, p, it->off))
            continue;
        struct vn_vocab_match m;
        if (vn_vocab_match_at(&c->vocab->roles, c->s, it->off, p, &m) && !vn_word_char_at(c->s, c->len, m.end)) {
            int v = c->vocab->roles.e[m.index].value;
            /* a budget word names the kind of money, a stage word what
               happened to it: "đã giao dự toán" is allocated, "KH vốn đã
               phân bổ" too; so "total" never overrides another stage */
            if (!(VN_ROLE_DIM(v) == VN_ROLE_WHAT && VN_ROLE_VALUE(v) == VN_WHAT_TOTAL && dims[VN_ROLE_WHAT]))
                dims[VN_ROLE_DIM(v)] = (uint8_t)VN_ROLE_VALUE(v);
            /* a matched phrase is consumed: "chưa giải ngân" is not read
               again as "giải ngân" */
            size_t le;
            int l = vn_link_at(c, p, m.end, &le);
            if (l && l != VN_LINK_PERIOD && l != VN_LINK_SHARE && l != VN_LINK_EQUAL && l != VN_LINK_GROWTH &&
                l != VN_LINK_RELATIVE && l != VN_LINK_PER_HEAD && l != VN_LINK_POPULATION)
                dims[VN_ROLE_LINK] = (uint8_t)l;
            p = m.end - 1;
            continue;
        }
        size_t le;
        int l = vn_link_at(c, p, it->off, &le);
        /* a period ("năm 2024"), a share word or a table row's word is no
           link of a label */
        if (l && l != VN_LINK_PERIOD && l != VN_LINK_SHARE && l != VN_LINK_EQUAL && l != VN_LINK_GROWTH &&
            l != VN_LINK_RELATIVE && l != VN_LINK_PER_HEAD && l != VN_LINK_POPULATION)
            dims[VN_ROLE_LINK] = (uint8_t)l;
    }
    /* no stage in the words after the last comma: the clause's stage before
       it, with no figure between ("đã phân bổ kinh phí cho các xã, thị trấn
       7.700 triệu đồng") */
    if (!dims[VN_ROLE_WHAT] && b > lim && c->s[b - 1] == ',') {
        size_t a = b - 1;
        while (a > lim && !label_stop(c->s[a - 1]) && c->s[a - 1] != ':' &&
               !(c->s[a - 1] == '.' && is_space(c->s[a])))
            a--;
        int what = 0;
        for (size_t p = a; p + 1 < b; p++) {
            struct vn_vocab_match m;
            if (vn_word_start(c->s, p, a) && vn_vocab_match_at(&c->vocab->roles, c->s, b - 1, p, &m) &&
                !vn_word_char_at(c->s, c->len, m.end) && VN_ROLE_DIM(c->vocab->roles.e[m.index].value) == VN_ROLE_WHAT) {
                int v = VN_ROLE_VALUE(c->vocab->roles.e[m.index].value);
                if (v != VN_WHAT_TOTAL || !what)
                    what = v;
                p = m.end - 1;
            }
        }
        dims[VN_ROLE_WHAT] = (uint8_t)what;
    }
    /* a negated stage may follow the figure: "còn 120 triệu đồng chưa giải
       ngân;", and so may a capital or a source */
    size_t q = it->unit_end;
    while (q < c->len && c->s[q] == ' ')
        q++;
    struct vn_vocab_match m;
    if (q < c->len && vn_vocab_match_at(&c->vocab->roles, c->s, c->len, q, &m) &&
        !vn_word_char_at(c->s, c->len, m.end)) {
        int v = c->vocab->roles.e[m.index].value;
        size_t r = m.end;
        while (r < c->len && c->s[r] == ' ')
            r++;
        bool ends = r >= c->len || strchr(",;.)\n", c->s[r]);
        if (VN_ROLE_DIM(v) == VN_ROLE_WHAT &&
            (VN_ROLE_VALUE(v) == VN_WHAT_UNDISBURSED || VN_ROLE_VALUE(v) == VN_WHAT_UNALLOCATED) && ends)
            dims[VN_ROLE_WHAT] = (uint8_t)VN_ROLE_VALUE(v);
        /* "2.224 triệu đồng vốn đầu tư,": the capital or source named right
           after the figure, when the label did not name one */
        if ((VN_ROLE_DIM(v) == VN_ROLE_CAPITAL || VN_ROLE_DIM(v) == VN_ROLE_SOURCE) && ends &&
            !dims[VN_ROLE_DIM(v)])
            dims[VN_ROLE_DIM(v)] = (uint8_t)VN_ROLE_VALUE(v);
    }
    it->what = dims[VN_ROLE_WHAT];
    it->source = dims[VN_ROLE_SOURCE];
    it->capital = dims[VN_ROLE_CAPITAL];
    it->link = dims[VN_ROLE_LINK];
}

/* "a/b": the text between a's unit and b is at most a short unit word, a
 * slash and spaces ("1.178,47ha/1.187 ha", "2.972,96 tấn/2.974 tấn"). */
static bool slash_between(const struct vn_vctx *c, const struct vn_item *a, const struct vn_item *b)
{
    size_t p = vn_skip_space(c, a->unit_end, b->off, NULL);
    size_t word = 0;
    while (p < b->off && c->s[p] != '/' && word < 16 && !is_digit(c->s[p]) && !strchr(",;().=", c->s[p])) {
        p++;
        word++;
    }
    if (p >= b->off || c->s[p] != '/')
        return false;
    p = vn_skip_space(c, p + 1, b->off, NULL);
    if (p != b->off)
        return false;
    /* not "1/2/2023" */
    return !(b->end + 1 < c->len && c->s[b->end] == '/' && is_digit(c->s[b->end + 1]));
}

/* A paragraph's lead-in: the words before its first ':' ("- Vốn sự nghiệp:
 * giải ngân ..."), whose capital or source applies to the whole paragraph. */
static void read_lead(struct vn_vctx *c, struct vn_para *p);

void vn_para_lead(const struct vn_vctx *cc, uint32_t pi, int *source, int *capital)
{
    /* a cache filled on first use, like vn_item_roles */
    struct vn_vctx *c = (struct vn_vctx *)(uintptr_t)cc;
    struct vn_para *p = &c->paras[pi];
    if (!p->lead_read) {
        p->lead_read = true;
        read_lead(c, p);
    }
    *source = p->lead_source;
    *capital = p->lead_capital;
}

static void read_lead(struct vn_vctx *c, struct vn_para *p)
{
    uint32_t lim = p->end - p->off > 80 ? p->off + 80 : p->end;
    const char *colon = memchr(c->s + p->off, ':', lim - p->off);
    if (!colon)
        return;
    struct vn_item probe;
    item_init(&probe);
    probe.off = (uint32_t)(colon - c->s);
    read_label(c, &probe, p->off);
    p->lead_source = probe.source;
    p->lead_capital = probe.capital;
}

/* "tháng 9/2024", "năm học 2023/2024", "quý III/2024" and a figure of
 * speech "1/2 chặng đường" are no ratio of two figures: two bare numbers,
 * the second a year and the first a month or the year before it, or the
 * first after a period word, or a small fraction (a half, two thirds). */
static bool date_pair(const struct vn_vctx *c, const struct vn_item *a, const struct vn_item *b)
{
    if (a->kind != VN_IT_BARE || b->kind != VN_IT_BARE)
        return false;
    if (vn_period_before(c, a->off))
        return true;
    bool ai = a->value.scale == 0 && a->value.mant > 0, bi = b->value.scale == 0 && b->value.mant > 0;
    if (!ai || !bi)
        return false;
    if (year_text(c->s, b->off, b->end) &&
        (a->value.mant <= 12 || (year_text(c->s, a->off, a->end) && year_value(c->s, a->off) + 1 == year_value(c->s, b->off))))
        return true;
    return b->value.mant <= 10 && a->value.mant < b->value.mant && a->end - a->off == 1 && b->end - b->off <= 2;
}

static void link_pairs_and_labels(struct vn_vctx *c, size_t from, size_t to, bool quantities)
{
    for (size_t pi = from; pi < to; pi++) {
        struct vn_para *p = &c->paras[pi];
        uint32_t prev_end = p->off;
        for (uint32_t k = p->item0; k < p->item1; k++) {
            struct vn_item *it = &c->items[k];
            /* money's roles are read now (the structure needs them all);
               a quantity's only when a rule asks (vn_item_roles) */
            it->label_floor = prev_end;
            if (it->kind == VN_IT_MONEY || (quantities && it->kind == VN_IT_QTY))
                read_label(c, it, prev_end);
            /* a bare number inside a name ("Tiểu dự án 1 là: 2.483") does
               not end the next number's label */
            if (it->kind != VN_IT_BARE)
                prev_end = it->unit_end;
            if (k + 1 < p->item1 && it->kind != VN_IT_PCT && c->items[k + 1].kind != VN_IT_PCT &&
                !it->slash_den && slash_between(c, it, &c->items[k + 1]) && !date_pair(c, it, &c->items[k + 1])) {
                it->slash_num = true;
                it->partner = k + 1;
                c->items[k + 1].slash_den = true;
                c->items[k + 1].partner = k;
                /* "2.972,96" / "tấn/2.974 tấn" across a page break: the
                   bare side takes the other side's unit */
                struct vn_item *y = &c->items[k + 1];
                if (it->kind == VN_IT_BARE && y->kind == VN_IT_QTY) {
                    it->kind = VN_IT_QTY;
                    it->unit = y->unit;
                    it->measure = y->measure;
                }
            }
        }
    }
}

/* ---- queries ------------------------------------------------------------- */

/* Whether a quantity's unit has a scale among the units of its dimension
 * (conversions.tsv: "tấn" and "kg", "ha" and "m²"). Counts ("nhà", "nhà
 * ở", "căn") do not: any of their words counts the same things. */
static bool scaled(const struct vn_vctx *c, const struct vn_item *it)
{
    struct vn_vocab_match m;
    return it->unit.len && vn_vocab_match_at(&c->vocab->conversions, c->s, it->unit.off + it->unit.len,
                                             it->unit.off, &m);
}

bool vn_item_same_dim(const struct vn_vctx *c, const struct vn_item *a, const struct vn_item *b)
{
    if (a->kind == VN_IT_PCT || b->kind == VN_IT_PCT)
        return false;
    if (a->kind == VN_IT_MONEY || b->kind == VN_IT_MONEY)
        return a->kind == b->kind;
    if (a->kind == VN_IT_BARE || b->kind == VN_IT_BARE)
        return true;
    if (a->measure == b->measure)
        return true;
    /* two words of one dimension ("nhà", "nhà ở", "căn"): counts of the
       same things unless a unit scales (tấn, kg) */
    const struct vn_vocab_table *m = &c->vocab->measures;
    return a->measure >= 0 && b->measure >= 0 && (size_t)a->measure < m->n && (size_t)b->measure < m->n &&
           m->e[a->measure].value == m->e[b->measure].value && !scaled(c, a) && !scaled(c, b);
}

static bool sentence_break(const struct vn_vctx *c, size_t o, size_t end)
{
    /* ". X" with X a capital letter or a digit, "; " is not a break */
    if (c->s[o] != '.' && c->s[o] != '!' && c->s[o] != '?')
        return false;
    size_t q = o + 1;
    if (q >= end || !is_space(c->s[q]))
        return q >= end;
    q = vn_skip_space(c, q, end, "*");
    return q < end && (upper_letter_at(c->s, c->len, q) || c->s[q] == '-' || c->s[q] == '+');
}

/* A paragraph's sentence breaks, found the first time one of its figures
 * asks (the rules ask for the sentence around a figure many times, and a
 * paragraph's figures share its sentences); kept in one array, each
 * paragraph's run [brk0, brk1) in text order. False when out of memory:
 * the callers then scan. */
static bool para_breaks(const struct vn_vctx *cc, const struct vn_para *cp)
{
    struct vn_vctx *c = (struct vn_vctx *)(uintptr_t)cc;
    struct vn_para *p = (struct vn_para *)(uintptr_t)cp;
    if (p->brk_read)
        return p->brk_ok;
    p->brk_read = true;
    p->brk0 = p->brk1 = (uint32_t)c->n_breaks;
    /* the next '.', '!' and '?' each found by memchr (vectorised), the
       nearest of them tried */
    const char *base = c->s, *end = c->s + p->end;
    const char *nx[3] = {NULL, NULL, NULL};
    static const char marks[3] = {'.', '!', '?'};
    for (uint32_t o = p->off; o < p->end;) {
        uint32_t best = p->end;
        for (int k = 0; k < 3; k++) {
            if (!nx[k] || nx[k] < base + o) {
                nx[k] = memchr(base + o, marks[k], (size_t)(end - (base + o)));
                if (!nx[k])
                    nx[k] = end;
            }
            if ((uint32_t)(nx[k] - base) < best)
                best = (uint32_t)(nx[k] - base);
        }
        if (best >= p->end)
            break;
        o = best + 1;
        if (!sentence_break(c, best, p->end))
            continue;
        if (!vn_grow((void **)&c->breaks, &c->cap_breaks, c->n_breaks + 1, sizeof *c->breaks)) {
            c->n_breaks = p->brk0;
            return false;
        }
        c->breaks[c->n_breaks++] = best;
    }
    p->brk1 = (uint32_t)c->n_breaks;
    p->brk_ok = true;
    return true;
}

/* The index of the paragraph's first break at or after `off`. */
static size_t break_from(const struct vn_vctx *c, const struct vn_para *p, uint32_t off)
{
    size_t lo = p->brk0, hi = p->brk1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->breaks[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint32_t vn_sentence_start(const struct vn_vctx *c, const struct vn_para *p, uint32_t off)
{
    uint32_t lim = off > p->off + 1200 ? off - 1200 : p->off;
    if (para_breaks(c, p)) {
        /* the last break o - 1 with lim < o <= off */
        size_t i = break_from(c, p, off);
        if (i > p->brk0 && c->breaks[i - 1] + 1 > lim)
            return c->breaks[i - 1] + 1;
        return lim;
    }
    for (uint32_t o = off; o > lim; o--)
        if (sentence_break(c, o - 1, p->end))
            return o;
    return lim;
}

uint32_t vn_sentence_end(const struct vn_vctx *c, const struct vn_para *p, uint32_t off)
{
    uint32_t lim = p->end - off > 1200 ? off + 1200 : p->end;
    if (para_breaks(c, p)) {
        size_t i = break_from(c, p, off);
        return i < p->brk1 && c->breaks[i] < lim ? c->breaks[i] : lim;
    }
    for (uint32_t o = off; o < lim; o++)
        if (sentence_break(c, o, p->end))
            return o;
    return lim;
}

void vn_item_roles(const struct vn_vctx *c, uint32_t k)
{
    /* a cache filled on first use: the items are the context's own */
    struct vn_item *it = &((struct vn_vctx *)(uintptr_t)c)->items[k];
    if (it->label_off == VN_NONE && it->kind == VN_IT_QTY)
        read_label((struct vn_vctx *)(uintptr_t)c, it, it->label_floor);
}

uint32_t vn_item_from(const struct vn_vctx *c, const struct vn_para *pa, size_t off)
{
    uint32_t lo = pa->item0, hi = pa->item1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->items[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* With two threads (vn_validator_set_threads): the paragraphs beside the
 * figures, then the labels of two halves of the paragraphs at the same
 * time (a paragraph's figures are its own), quantities' included (the
 * rules will ask for them all; one thread reads them when asked). */
struct model_half {
    struct vn_vctx *c;
    size_t from, to;
    vn_status st;
};

static void *paras_thread(void *arg)
{
    struct model_half *h = arg;
    h->st = build_paras(h->c);
    return NULL;
}

static void *labels_thread(void *arg)
{
    struct model_half *h = arg;
    link_pairs_and_labels(h->c, h->from, h->to, true);
    return NULL;
}

vn_status vn_model_build(struct vn_vctx *c)
{
    if (!(c->v && c->v->threads >= 2)) {
        vn_status st = build_paras(c);
        if (!st)
            st = build_items(c);
        if (!st)
            st = build_parens(c);
        if (!st)
            link_pairs_and_labels(c, 0, c->n_paras, false);
        return st;
    }
    struct model_half h = {.c = c};
    pthread_t th;
    bool threaded = pthread_create(&th, NULL, paras_thread, &h) == 0;
    vn_status st = build_items(c);
    if (threaded)
        pthread_join(th, NULL);
    else
        paras_thread(&h);
    if (!st)
        st = h.st;
    if (!st)
        st = build_parens(c);
    if (st)
        return st;
    /* the second half of the figures, by paragraph */
    size_t half = c->n_paras / 2;
    while (half < c->n_paras && c->n_items && c->paras[half].item0 < c->n_items / 2)
        half++;
    struct model_half h2 = {.c = c, .from = half, .to = c->n_paras};
    threaded = pthread_create(&th, NULL, labels_thread, &h2) == 0;
    link_pairs_and_labels(c, 0, half, true);
    if (threaded)
        pthread_join(th, NULL);
    else
        labels_thread(&h2);
    /* a bare side of "a/b" that took the other side's unit is a quantity
       now: its roles too, before the rules run beside each other */
    for (uint32_t k = 0; k < c->n_items; k++)
        vn_item_roles(c, k);
    return VN_OK;
}

void vn_model_free(struct vn_vctx *c)
{
    vn_free(c->items);
    vn_free(c->paras);
    vn_free(c->parens);
    vn_free(c->nodes);
    vn_free(c->seen);
    vn_free(c->table_lines);
    vn_free(c->breaks);
    vn_free(c->section_cache);
}
