/* The structure of a report: headings ("II.", "1.", "1.2.", "a)", "PHẦN
 * I"), named units ("Dự án 2", "Tiểu dự án 1", from vocab/sections.tsv) and
 * bullets ("-", "+", "*") become a tree of nodes. Each node gets its
 * figures by facet (total, NSTW, NSĐP, giải ngân, ...) from its own
 * paragraphs, so that a node can be checked against its children. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/utf8.h"
#include "validate/validate_internal.h"

/* Levels: smaller is outer. Named units take the level of their kind so
 * that "1. Dự án 1" and "Dự án 1:" nest alike. */
enum {
    LV_PART = 5,
    LV_ROMAN = 10,
    LV_ARABIC = 20,     /* + 2 per extra ".n" */
    LV_PROJECT = 20,
    LV_LETTER = 30,
    LV_SUBPROJECT = 30,
    LV_CONTENT = 34,
    LV_BULLET = 100     /* + 1 for '+', + 2 for '*' and '•' */
};

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static size_t skip_blank(const char *s, size_t p, size_t end)
{
    while (p < end && (s[p] == ' ' || s[p] == '\t'))
        p++;
    return p;
}

static bool roman_char(char ch)
{
    return ch == 'I' || ch == 'V' || ch == 'X' || ch == 'L';
}

/* The numbering prefix of a heading; returns its level (0: none) and sets
 * *after to the text after it. */
static int prefix_level(const char *s, size_t p, size_t end, size_t *after)
{
    /* PHẦN I / Phần thứ nhất */
    static const char part_upper[] = "PH\xe1\xba\xa6N ", part_title[] = "Ph\xe1\xba\xa7n ";
    if (end - p > 6 && (!memcmp(s + p, part_upper, 7) || !memcmp(s + p, part_title, 7))) {
        *after = p + 7;
        return LV_PART;
    }
    size_t q = p;
    while (q < end && roman_char(s[q]) && q - p < 5)
        q++;
    if (q > p && q < end && (s[q] == '.' || s[q] == ')') && q + 1 < end && s[q + 1] == ' ') {
        *after = q + 2;
        return LV_ROMAN;
    }
    q = p;
    /* "(6)." and "(6)": a number in parentheses */
    if (q < end && s[q] == '(') {
        size_t d = q + 1;
        while (d < end && is_digit(s[d]) && d - q <= 2)
            d++;
        if (d > q + 1 && d < end && s[d] == ')') {
            d++;
            if (d < end && s[d] == '.')
                d++;
            if (d < end && s[d] == ' ') {
                *after = d + 1;
                return LV_ARABIC;
            }
        }
        return 0;
    }
    int dots = 0;
    for (;;) {
        size_t d = q;
        while (q < end && is_digit(s[q]) && q - d < 3)
            q++;
        if (q == d || q - d > 2 || (q < end && is_digit(s[q])))
            return 0;
        if (q < end && s[q] == '.' && q + 1 < end && is_digit(s[q + 1])) {
            q++;
            dots++;
            continue;
        }
        break;
    }
    if (q < end && (s[q] == '.' || s[q] == ')'))
        q++;
    else if (!dots)
        return 0;
    if (q >= end || s[q] != ' ')
        return 0;
    *after = q + 1;
    return LV_ARABIC + 2 * dots;
}

static int letter_level(const char *s, size_t p, size_t end, size_t *after)
{
    size_t l = 1;
    if (end - p >= 2 && (unsigned char)s[p] == 0xC4 && (unsigned char)s[p + 1] == 0x91)   /* đ */
        l = 2;
    else if (!(s[p] >= 'a' && s[p] <= 'z'))
        return 0;
    if (p + l + 1 < end && s[p + l] == ')' && s[p + l + 1] == ' ') {
        *after = p + l + 2;
        return LV_LETTER;
    }
    return 0;
}

/* A named unit with its number at s[p]: "Dự án 3", "Tiểu dự án 1". */
static int named_unit(const struct vn_vctx *c, size_t p, size_t end, int *no)
{
    struct vn_vocab_match m;
    if (!vn_vocab_match_at(&c->vocab->sections, c->s, end, p, &m) || vn_word_char_at(c->s, c->len, m.end))
        return VN_UK_NONE;
    size_t q = skip_blank(c->s, m.end, end);
    if (q >= end || !is_digit(c->s[q]))
        return VN_UK_NONE;
    int n = 0;
    while (q < end && is_digit(c->s[q]) && n < 10000)
        n = n * 10 + (c->s[q++] - '0');
    if (q < end && (vn_word_char_at(c->s, c->len, q) || c->s[q] == '/'))
        return VN_UK_NONE;
    *no = n;
    return VN_ROLE_VALUE(c->vocab->sections.e[m.index].value);
}

/* Classifies a paragraph: its level as a node (0: plain text). */
static int classify(const struct vn_vctx *c, const struct vn_para *pa, int *unit_kind, int *unit_no, bool *bullet)
{
    const char *s = c->s;
    size_t end = pa->end, p = skip_blank(s, pa->off, end);
    *unit_kind = VN_UK_NONE;
    *bullet = false;
    if (p >= end)
        return 0;
    if ((s[p] == '-' || s[p] == '+' || s[p] == '*') && p + 1 < end && s[p + 1] == ' ') {
        *bullet = true;
        return LV_BULLET + (s[p] == '-' ? 0 : s[p] == '+' ? 1 : 2);
    }
    if (end - p > 3 && !memcmp(s + p, "\xe2\x80\xa2", 3)) {    /* • */
        *bullet = true;
        return LV_BULLET + 2;
    }
    size_t after = p;
    int lv = prefix_level(s, p, end, &after);
    if (!lv)
        lv = letter_level(s, p, end, &after);
    size_t q = skip_blank(s, lv ? after : p, end);
    while (q < end && s[q] == '*')
        q++;
    int kind = named_unit(c, q, end, unit_no);
    if (kind) {
        *unit_kind = kind;
        if (kind == VN_UK_PROJECT)
            return lv && lv < LV_PROJECT ? lv : LV_PROJECT;
        if (kind == VN_UK_SUBPROJECT)
            return LV_SUBPROJECT;
        if (kind == VN_UK_CONTENT)
            return lv ? lv : LV_CONTENT;
        return lv;      /* "Chương trình ..." only with a numbering prefix */
    }
    return lv;
}

static vn_status new_node(struct vn_vctx *c, size_t *cap, uint32_t parent, uint32_t para, int level,
                          uint32_t *out)
{
    if (c->n_nodes == *cap) {
        size_t nc = *cap * 2;
        struct vn_node *p = realloc(c->nodes, nc * sizeof *p);
        if (!p)
            return VN_ENOMEM;
        c->nodes = p;
        *cap = nc;
    }
    uint32_t id = (uint32_t)c->n_nodes++;
    struct vn_node *n = &c->nodes[id];
    memset(n, 0, sizeof *n);
    n->parent = parent;
    n->first_child = n->next_sibling = n->prev_sibling = n->last_child = VN_NONE;
    n->para0 = para;
    n->para1 = n->own_end = VN_NONE;
    n->level = level;
    for (int f = 0; f < VN_F_COUNT; f++)
        for (int k = 0; k < VN_FACET_CANDIDATES; k++)
            n->facet[f][k] = VN_NONE;
    if (parent != VN_NONE) {
        struct vn_node *pn = &c->nodes[parent];
        if (pn->last_child == VN_NONE)
            pn->first_child = id;
        else
            c->nodes[pn->last_child].next_sibling = id;
        n->prev_sibling = pn->last_child;
        pn->last_child = id;
        if (pn->own_end == VN_NONE)
            pn->own_end = para;
    }
    *out = id;
    return VN_OK;
}

/* The facet an item gives its node, or -1. */
static int facet_of(const struct vn_item *it)
{
    if (it->kind != VN_IT_MONEY)
        return -1;
    bool top = it->paren == VN_NONE;
    if (it->source == VN_SRC_CENTRAL && (it->what == VN_WHAT_NONE || it->what == VN_WHAT_TOTAL))
        return VN_F_CENTRAL;
    if (it->source == VN_SRC_LOCAL && (it->what == VN_WHAT_NONE || it->what == VN_WHAT_TOTAL))
        return VN_F_LOCAL;
    if (!top)
        return -1;
    switch (it->what) {
    case VN_WHAT_TOTAL: return it->source || it->capital ? -1 : VN_F_TOTAL;
    case VN_WHAT_DISBURSED: return VN_F_DISBURSED;
    case VN_WHAT_ALLOCATED: return VN_F_ALLOCATED;
    case VN_WHAT_UNALLOCATED: return VN_F_UNALLOCATED;
    default: return -1;
    }
}

static void add_candidate(uint32_t *slots, uint32_t item)
{
    for (int k = 0; k < VN_FACET_CANDIDATES; k++)
        if (slots[k] == VN_NONE) {
            slots[k] = item;
            return;
        }
}

static void node_facets(struct vn_vctx *c, struct vn_node *n)
{
    for (uint32_t pi = n->para0; pi < n->own_end; pi++) {
        const struct vn_para *p = &c->paras[pi];
        for (uint32_t k = p->item0; k < p->item1; k++) {
            int f = facet_of(&c->items[k]);
            if (f >= 0)
                add_candidate(n->facet[f], k);
            /* a source figure that is the first of its paragraph's sentence
               ("Ngân sách Trung ương là 38.678 ...") is also a total of
               that source, handled by the source facets above */
        }
    }
    for (uint32_t pi = n->para0; pi < n->para1 && !n->carries_money; pi++)
        for (uint32_t k = c->paras[pi].item0; k < c->paras[pi].item1; k++)
            if (c->items[k].kind == VN_IT_MONEY) {
                n->carries_money = true;
                break;
            }
    /* A heading whose figures are all in one bullet under it ("- Vốn và
       nguồn vốn: 393 triệu đồng (...)") takes them from that bullet. */
    if (n->first_child == VN_NONE || !c->nodes[n->first_child].bullet)
        return;
    for (int f = 0; f < VN_F_COUNT; f++) {
        if (n->facet[f][0] != VN_NONE)
            continue;
        uint32_t only = VN_NONE;
        int carriers = 0;
        for (uint32_t ch = n->first_child; ch != VN_NONE; ch = c->nodes[ch].next_sibling)
            if (c->nodes[ch].facet[f][0] != VN_NONE) {
                carriers++;
                only = ch;
            }
        if (carriers == 1)
            memcpy(n->facet[f], c->nodes[only].facet[f], sizeof n->facet[f]);
    }
}

/* VN_LOG_DEBUG_STRUCTURE: the tree, one line per node, for rule writers */
static void dump(const struct vn_vctx *c)
{
    for (size_t i = 0; i < c->n_nodes; i++) {
        const struct vn_node *n = &c->nodes[i];
        int depth = 0;
        for (uint32_t p = n->parent; p != VN_NONE; p = c->nodes[p].parent)
            depth++;
        const struct vn_para *pa = &c->paras[n->para0 < c->n_paras ? n->para0 : 0];
        int len = (int)(pa->end - pa->off > 50 ? 50 : pa->end - pa->off);
        vn_logf(&c->v->log, VN_LOG_DEBUG_STRUCTURE, "%*s#%zu line %u level %d kind %d:%d total %d | %.*s",
                2 * depth, "", i, n->line, n->level,
                n->unit_kind, n->unit_no,
                n->facet[VN_F_TOTAL][0] == VN_NONE ? -1 : (int)c->items[n->facet[VN_F_TOTAL][0]].line, len,
                i ? c->s + pa->off : "");
    }
}

vn_status vn_structure_build(struct vn_vctx *c)
{
    size_t cap = 64;
    c->nodes = malloc(cap * sizeof *c->nodes);
    if (!c->nodes)
        return VN_ENOMEM;
    uint32_t root;
    vn_status st = new_node(c, &cap, VN_NONE, 0, 0, &root);
    if (st)
        return st;
    uint32_t stack[64];
    size_t depth = 0;
    stack[depth++] = root;
    for (uint32_t pi = 0; pi < c->n_paras; pi++) {
        int kind, no = 0;
        bool bullet;
        int lv = classify(c, &c->paras[pi], &kind, &no, &bullet);
        if (lv) {
            while (depth > 1 && c->nodes[stack[depth - 1]].level >= lv) {
                c->nodes[stack[depth - 1]].para1 = pi;
                depth--;
            }
            uint32_t id;
            st = new_node(c, &cap, stack[depth - 1], pi, lv, &id);
            if (st)
                return st;
            struct vn_node *n = &c->nodes[id];
            n->unit_kind = (int8_t)kind;
            n->unit_no = no;
            n->bullet = bullet;
            n->line = c->paras[pi].first_line;
            if (depth < sizeof stack / sizeof stack[0])
                stack[depth++] = id;
        }
        c->paras[pi].node = stack[depth - 1];
    }
    while (depth > 0)
        c->nodes[stack[--depth]].para1 = (uint32_t)c->n_paras;
    for (size_t i = 0; i < c->n_nodes; i++)
        if (c->nodes[i].own_end == VN_NONE)
            c->nodes[i].own_end = c->nodes[i].para1;
    /* children before parents: nodes are numbered in document order, so a
       node's descendants have larger numbers */
    for (size_t i = c->n_nodes; i > 0; i--)
        node_facets(c, &c->nodes[i - 1]);
    if (vn_log_on(&c->v->log, VN_LOG_DEBUG_STRUCTURE))
        dump(c);
    return VN_OK;
}
