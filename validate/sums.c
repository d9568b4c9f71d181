/* Sums: a total and the parts the text gives for it.
 *   sum-breakdown  parts in a parenthesis after the total ("Kinh phí 673
 *                  triệu đồng (NSTW: 505 ...; NSĐP: 168 ...)"), after
 *                  "trong đó" / "gồm" in the same sentence, or one part per
 *                  following line after a line ending in "trong đó:"
 *   sum-children   a node's figure (total, NSTW, NSĐP, giải ngân) against
 *                  the same figure of its children (Dự án against its Tiểu
 *                  dự án, a programme against its Dự án, a heading against
 *                  its bullets)
 * Verdicts: parts equal to the total (contract's rounding rule) are
 * consistent; parts above it are inconsistent; parts below it are
 * inconsistent when they are all the parts there are (complementary
 * sources or capitals, "gồm", every named child), otherwise partial. */
#include <stdio.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "validate/validate_internal.h"

struct breakdown {
    uint32_t totals[3];     /* candidates for the total, preferred first */
    size_t n_totals;
    uint32_t parts[VN_MAX_PARTS];
    size_t n_parts;
    bool exhaustive;        /* the text says these are all the parts */
    bool foreign;           /* the list also counts in another measure ("22 công
                               trình, 09 trường học"): the parts may be incomplete */
    const char *rule;
};

/* Parts that split one dimension completely: NSTW and NSĐP, or vốn đầu tư
 * and vốn sự nghiệp. */
static bool complementary(const struct vn_vctx *c, const struct breakdown *b)
{
    unsigned src = 0, cap = 0;
    for (size_t i = 0; i < b->n_parts; i++) {
        src |= 1u << c->items[b->parts[i]].source;
        cap |= 1u << c->items[b->parts[i]].capital;
    }
    bool by_source = (src & (1u << VN_SRC_CENTRAL)) && (src & (1u << VN_SRC_LOCAL));
    bool by_capital = (cap & (1u << VN_CAP_INVESTMENT)) && (cap & (1u << VN_CAP_RECURRENT));
    return by_source || by_capital;
}

static void part_list(const struct vn_vctx *c, const uint32_t *parts, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 4 < cap; i++) {
        char t[48];
        vn_item_text(c, &c->items[parts[i]], t, sizeof t);
        int w = snprintf(buf + o, cap - o, "%s%s", i ? " + " : "", t);
        if (w < 0 || (size_t)w >= cap - o) {
            snprintf(buf + (cap > 5 ? cap - 5 : 0), 5, "...");
            return;
        }
        o += (size_t)w;
    }
}

/* Sum of the parts, in the total's unit; false on overflow. */
static bool parts_sum(const struct vn_vctx *c, const uint32_t *parts, size_t n, const struct vn_item *total,
                      struct vn_dec *sum_base, struct vn_dec *in_unit)
{
    struct vn_dec s = {0, 0};
    for (size_t i = 0; i < n; i++) {
        struct vn_dec v = vn_item_cmp_value(&c->items[parts[i]]);
        if (v.mant < 0)
            v.mant = -v.mant;
        if (vn_dec_add(s, v, &s))
            return false;
    }
    *sum_base = s;
    return vn_to_unit_of(total, s, in_unit) == VN_OK;
}

/* Hedged figures: some values in the intervals add up. */
static bool hedged_match(const struct vn_vctx *c, const uint32_t *parts, size_t n, const struct vn_item *total)
{
    bool any = vn_item_hedged(total);
    struct vn_dec lo = {0, 0}, hi = {0, 0};
    for (size_t i = 0; i < n; i++) {
        const struct vn_item *it = &c->items[parts[i]];
        struct vn_dec a, b;
        vn_item_interval(it, &a, &b);
        any |= vn_item_hedged(it);
        if (vn_dec_add(lo, a, &lo) || vn_dec_add(hi, b, &hi))
            return false;
    }
    if (!any)
        return false;
    struct vn_dec tlo, thi;
    vn_item_interval(total, &tlo, &thi);
    return vn_dec_cmp(lo, thi) <= 0 && vn_dec_cmp(hi, tlo) >= 0;
}

static vn_status emit_sum(struct vn_vctx *c, const struct breakdown *b)
{
    if (!b->n_parts || !b->n_totals)
        return VN_OK;
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    d.relation = VN_REL_SUM;
    d.rule = b->rule;
    struct vn_dec sum_base, in_unit = {0, 0};
    size_t pick = 0;
    bool ok = false;
    for (size_t t = 0; t < b->n_totals && !ok; t++) {
        const struct vn_item *T = &c->items[b->totals[t]];
        if (!parts_sum(c, b->parts, b->n_parts, T, &sum_base, &in_unit))
            return VN_OK;
        struct vn_dec tv = T->value;
        if (tv.mant < 0)
            tv.mant = -tv.mant;
        ok = vn_claim_matches(in_unit, tv) || hedged_match(c, b->parts, b->n_parts, T);
        if (ok)
            pick = t;
    }
    const struct vn_item *T = &c->items[b->totals[pick]];
    if (!parts_sum(c, b->parts, b->n_parts, T, &sum_base, &in_unit))
        return VN_OK;
    d.claimed = b->totals[pick];
    d.n_ops = b->n_parts;
    memcpy(d.ops, b->parts, b->n_parts * sizeof *b->parts);
    d.computed = in_unit;
    bool exhaustive = b->exhaustive || complementary(c, b);
    int cmp = vn_dec_cmp(sum_base, vn_item_cmp_value(T));
    if (ok)
        d.verdict = VN_VERDICT_CONSISTENT;
    else if (b->foreign && cmp > 0)
        return VN_OK;
    else if (!b->foreign && (cmp > 0 || exhaustive))
        d.verdict = VN_VERDICT_INCONSISTENT;
    else
        d.verdict = VN_VERDICT_PARTIAL;
    char parts[200], tot[48], comp[64], diff[64];
    part_list(c, b->parts, b->n_parts, parts, sizeof parts);
    vn_item_text(c, T, tot, sizeof tot);
    vn_dec_format_vn(in_unit, comp, sizeof comp);
    struct vn_dec tv = T->value, dv;
    if (tv.mant < 0)
        tv.mant = -tv.mant;
    if (vn_dec_sub(in_unit, tv, &dv))
        dv.mant = 0;
    vn_dec_format_vn(dv, diff, sizeof diff);
    switch (d.verdict) {
    case VN_VERDICT_CONSISTENT:
        snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "The parts %s = %s add up to the stated total %s."), parts, comp, tot);
        break;
    case VN_VERDICT_INCONSISTENT:
        snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "The parts %s = %s, not the stated total %s (%s%s)."), parts, comp,
                 tot, dv.mant > 0 ? "+" : "", diff);
        break;
    default:
        snprintf(d.message, sizeof d.message,
                 vn_tr(VN_CAT(c), "The parts listed (%s = %s) are only some of the total %s; the rest is not stated."), parts, comp,
                 tot);
        break;
    }
    return vn_emit(c, &d);
}

/* Total candidates: the item, and for "a/b" both sides (a first). */
static void add_total(const struct vn_vctx *c, struct breakdown *b, uint32_t t)
{
    const struct vn_item *it = &c->items[t];
    if (it->slash_den && b->n_totals < 3)
        b->totals[b->n_totals++] = it->partner;
    if (b->n_totals < 3)
        b->totals[b->n_totals++] = t;
    if (it->slash_num && b->n_totals < 3)
        b->totals[b->n_totals++] = it->partner;
}

static bool only_space_between(const struct vn_vctx *c, size_t a, size_t b)
{
    return vn_skip_space(c, a, b, ":*") == b;
}

/* ---- parentheses --------------------------------------------------------- */

/* A bare number counts as a part only where it ends a list entry
 * ("cảnh cáo 02; phạt tiền 277 trường hợp"), not inside words ("năm 2022
 * chuyển sang", "dưới 16 tuổi"). */
static bool bare_list_entry(const struct vn_vctx *c, const struct vn_item *it, size_t limit)
{
    if (it->kind != VN_IT_BARE)
        return false;
    size_t q = vn_skip_space(c, it->end, limit, "*");
    return q >= limit || c->s[q] == ';' || c->s[q] == ',' || c->s[q] == ')';
}

/* The link word at the start of a parenthesis or just before it. */
static int paren_link(const struct vn_vctx *c, const struct vn_paren *p, uint32_t para_off)
{
    size_t in = vn_skip_space(c, p->open + 1, p->close, "*:");
    int l = vn_link_at(c, in, p->close, NULL);
    if (l == VN_LINK_BREAKDOWN || l == VN_LINK_EXHAUSTIVE)
        return l;
    size_t from = p->open > para_off + 16 ? p->open - 16 : para_off;
    for (size_t q = from; q < p->open; q++) {
        size_t e;
        l = vn_link_at(c, q, p->open, &e);
        if ((l == VN_LINK_BREAKDOWN || l == VN_LINK_EXHAUSTIVE) && only_space_between(c, e, p->open))
            return l;
    }
    return VN_LINK_NONE;
}

static vn_status paren_breakdowns(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t k = pa->item0; k < pa->item1; k++) {
            uint32_t pr = c->items[k].paren;
            /* handle each parenthesis once, at its first item */
            if (pr == VN_NONE || (k > pa->item0 && c->items[k - 1].paren == pr))
                continue;
            const struct vn_paren *P = &c->parens[pr];
            if (P->close == VN_NONE)
                continue;
            uint32_t end = k;
            while (end < pa->item1 && c->items[end].off < P->close)
                end++;
            /* the figures right before '(' ("37 vụ = 44 bị can (") */
            uint32_t before[3];
            size_t nbefore = 0;
            uint32_t edge = P->open;
            for (uint32_t j = k; j > pa->item0 && nbefore < 3; j--) {
                const struct vn_item *it = &c->items[j - 1];
                if (it->off >= P->open || it->paren != P->parent)
                    continue;
                if (it->kind == VN_IT_BARE)
                    break;      /* "so với năm 2023 (...)": a year is no total */
                size_t q = vn_skip_space(c, it->unit_end, edge, ":*");
                if (q != edge && !(q < edge && c->s[q] == '=' && vn_skip_space(c, q + 1, edge, NULL) == edge))
                    break;
                before[nbefore++] = j - 1;
                edge = it->off;
                /* a hedge or label before the number ends the chain */
                size_t w = it->off;
                while (w > pa->off && c->s[w - 1] == ' ')
                    w--;
                if (w == pa->off || c->s[w - 1] != '=')
                    break;
                edge = (uint32_t)(w - 1);
            }
            int link = paren_link(c, P, pa->off);
            /* parts, by kind: each group of one measure */
            uint32_t done[VN_MAX_PARTS];
            size_t ndone = 0;
            for (uint32_t g = k; g < end; g++) {
                const struct vn_item *rep = &c->items[g];
                if (rep->paren != pr || rep->kind == VN_IT_PCT || rep->kind == VN_IT_BARE || rep->slash_num ||
                    rep->slash_den)
                    continue;
                bool seen = false;
                for (size_t i = 0; i < ndone; i++)
                    seen |= vn_item_same_dim(c, &c->items[done[i]], rep) && c->items[done[i]].kind == rep->kind;
                if (seen || ndone == VN_MAX_PARTS)
                    continue;
                done[ndone++] = g;
                struct breakdown b;
                memset(&b, 0, sizeof b);
                b.rule = "sum-breakdown";
                b.exhaustive = link == VN_LINK_EXHAUSTIVE;
                for (uint32_t j = k; j < end && b.n_parts < VN_MAX_PARTS; j++) {
                    const struct vn_item *it = &c->items[j];
                    if (it->paren == pr && it->kind != VN_IT_PCT && !it->slash_num && !it->slash_den &&
                        vn_item_same_dim(c, rep, it) && (it->kind == rep->kind || bare_list_entry(c, it, P->close)))
                        b.parts[b.n_parts++] = j;
                }
                for (size_t i = 0; i < nbefore && !b.n_totals; i++)
                    if (vn_item_same_dim(c, &c->items[before[i]], rep))
                        add_total(c, &b, before[i]);
                if (!b.n_totals && link) {
                    uint32_t start = vn_sentence_start(c, pa, P->open);
                    for (uint32_t j = k; j > pa->item0; j--) {
                        const struct vn_item *it = &c->items[j - 1];
                        if (it->off < start || P->open - it->off > 2 * VN_LINK_REACH)
                            break;
                        if (it->paren == P->parent && it->kind != VN_IT_PCT && vn_item_same_dim(c, it, rep)) {
                            add_total(c, &b, j - 1);
                            break;
                        }
                    }
                }
                vn_status st = emit_sum(c, &b);
                if (st)
                    return st;
            }
        }
    }
    return VN_OK;
}

/* ---- "trong đó" in a sentence, and lists of lines ------------------------ */

static uint32_t nearest_before(const struct vn_vctx *c, const struct vn_para *pa, size_t off, uint32_t paren,
                               uint32_t floor_off)
{
    uint32_t from = vn_item_from(c, pa, off);
    for (uint32_t j = from; j > vn_scan_floor(pa, from); j--) {
        const struct vn_item *it = &c->items[j - 1];
        if (it->off < floor_off)
            break;
        if (it->paren == paren && it->kind != VN_IT_PCT)
            return j - 1;
    }
    return VN_NONE;
}

/* The bullet mark a paragraph starts with ('-', '+', '*'), or 0. */
static char bullet_mark(const struct vn_vctx *c, const struct vn_para *p)
{
    size_t q = vn_skip_space(c, p->off, p->end, NULL);
    if (q + 1 < p->end && (c->s[q] == '-' || c->s[q] == '+' || c->s[q] == '*') && c->s[q + 1] == ' ')
        return c->s[q];
    return 0;
}

/* "Trong đó:" at the end of a line: one part per following line. */
static vn_status line_list(struct vn_vctx *c, size_t pi, size_t link_off, int link)
{
    const struct vn_para *pa = &c->paras[pi];
    uint32_t t = nearest_before(c, pa, link_off, VN_NONE, pa->off);
    if (t == VN_NONE && pi > 0)
        t = nearest_before(c, &c->paras[pi - 1], c->paras[pi - 1].end, VN_NONE, c->paras[pi - 1].off);
    if (t == VN_NONE || c->items[t].kind == VN_IT_BARE)
        return VN_OK;
    struct breakdown b;
    memset(&b, 0, sizeof b);
    b.rule = "sum-breakdown";
    b.exhaustive = link == VN_LINK_EXHAUSTIVE;
    /* the paragraph's budget figure first ("Tổng kế hoạch vốn ... 68.450,720
       ..., gồm: NSTW ...; NSĐP 3.260 .... Cụ thể:"), then the nearest */
    const struct vn_para *tp = &c->paras[c->items[t].para];
    for (uint32_t j = tp->item0; j < tp->item1 && j < tp->item0 + VN_SCAN_ITEMS; j++) {
        const struct vn_item *it = &c->items[j];
        if (it->off >= link_off)
            break;
        if (it->kind == VN_IT_MONEY && it->paren == VN_NONE && it->what == VN_WHAT_TOTAL && !it->source &&
            !it->capital && j != t && vn_item_same_dim(c, it, &c->items[t])) {
            add_total(c, &b, j);
            break;
        }
    }
    add_total(c, &b, t);
    char mark = 0;      /* the bullet mark of the list's entries */
    char outer = bullet_mark(c, pa);    /* the introducing line's */
    int idle = 0;       /* lines in a row without a figure of the kind */
    for (size_t q = pi + 1; q < c->n_paras && b.n_parts < VN_MAX_PARTS; q++) {
        const struct vn_para *p = &c->paras[q];
        const struct vn_node *n = &c->nodes[p->node];
        if (n->para0 == q && !n->bullet)
            break;      /* a heading ends the list */
        char m = bullet_mark(c, p);
        if (m && m == outer)
            break;      /* a line of the introducing line's level ends the list */
        if (b.n_parts && mark && m != mark)
            continue;   /* a sub-item of the entry before */
        uint32_t first = VN_NONE;
        for (uint32_t j = p->item0; j < p->item1 && first == VN_NONE; j++)
            if (c->items[j].paren == VN_NONE && c->items[j].kind != VN_IT_PCT && c->items[j].kind != VN_IT_BARE &&
                vn_item_same_dim(c, &c->items[j], &c->items[t]))
                first = j;
        if (first == VN_NONE) {
            /* a sub-item or a remark between the entries (its bullet mark
               may be lost in a converted document): skip a few */
            bool money = false;
            for (uint32_t j = p->item0; j < p->item1 && !money; j++)
                money = c->items[j].kind == c->items[t].kind && c->items[j].kind != VN_IT_BARE;
            if (money || !b.n_parts || ++idle > 3)
                break;
            continue;
        }
        idle = 0;
        vn_item_roles(c, first);
        const struct vn_item *it = &c->items[first];
        if (!(it->source || it->capital || it->what) && !m)
            break;
        if (!b.n_parts)
            mark = m;
        b.parts[b.n_parts++] = first;
    }
    return emit_sum(c, &b);
}

/* Where list words ("trong đó", "gồm", "cụ thể") may start: one byte-table
 * pass over the text (a byte that can start one, at a word start, with the
 * first four bytes of a list word), sorted by offset. */
static bool push_pos(uint32_t **pos, size_t *k, size_t *cap, size_t o)
{
    if (*k == *cap) {
        uint32_t *np = vn_realloc(*pos, *cap * 2 * sizeof *np);
        if (!np)
            return false;
        *pos = np;
        *cap *= 2;
    }
    (*pos)[(*k)++] = (uint32_t)o;
    return true;
}

static vn_status list_word_positions(const struct vn_vctx *c, uint32_t **out, size_t *n)
{
    size_t cap = 64, k = 0;
    uint32_t *pos = vn_malloc(cap * sizeof *pos);
    if (!pos)
        return VN_ENOMEM;
    const struct vn_prefix_set *ps = &c->v->lists;
    const char *s = c->s;
    size_t o = 1;
#if defined(__SSE2__)
    /* sixteen positions at a time: those whose first two bytes are the
       first two of a list word ("tr", "gồ", "ba", "cụ", capitalised too) */
    if (ps->n_pairs <= VN_PREFIX_PAIRS) {
        for (; o + 17 <= c->len; o += 16) {
            __m128i v0 = _mm_loadu_si128((const __m128i *)(s + o));
            __m128i v1 = _mm_loadu_si128((const __m128i *)(s + o + 1));
            /* 'T' | 0x20 == 't' and no other byte becomes an ASCII letter
               that way: one comparison finds both cases of a first letter */
            __m128i v0l = _mm_or_si128(v0, _mm_set1_epi8(0x20));
            __m128i m = _mm_setzero_si128();
            for (size_t i = 0; i < ps->n_pairs; i++) {
                uint8_t f = ps->pair[i][0];
                __m128i first = (f >= 'a' && f <= 'z') ? v0l : v0;
                m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(first, _mm_set1_epi8((char)f)),
                                                  _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)ps->pair[i][1]))));
            }
            unsigned bits = (unsigned)_mm_movemask_epi8(m);
            while (bits) {
                size_t q = o + (size_t)__builtin_ctz(bits);
                bits &= bits - 1;
                if (vn_word_start(s, q, 0) && vn_prefix_maybe(ps, s, q, c->len) && !push_pos(&pos, &k, &cap, q)) {
                    vn_free(pos);
                    return VN_ENOMEM;
                }
            }
        }
    }
#endif
    for (; o < c->len; o++) {
        if (!ps->first[(unsigned char)s[o]] || !vn_word_start(s, o, 0) || !vn_prefix_maybe(ps, s, o, c->len))
            continue;
        if (!push_pos(&pos, &k, &cap, o)) {
            vn_free(pos);
            return VN_ENOMEM;
        }
    }
    *out = pos;
    *n = k;
    return VN_OK;
}

/* The innermost closed parenthesis around byte `off`, or VN_NONE. */
static uint32_t paren_around(const struct vn_vctx *c, uint32_t off)
{
    size_t lo = 0, hi = c->n_parens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->parens[mid].open < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t p = lo ? (uint32_t)(lo - 1) : VN_NONE, steps = 0; p != VN_NONE && steps < 64;
         p = c->parens[p].parent, steps++)
        if (c->parens[p].close != VN_NONE && c->parens[p].close > off)
            return p;
    return VN_NONE;
}

static vn_status inline_breakdowns(struct vn_vctx *c)
{
    uint32_t *cand;
    size_t nc;
    vn_status st = list_word_positions(c, &cand, &nc);
    if (st)
        return st;
    size_t pi = 0;
    uint32_t done_to = 0;   /* a list word inside one just handled */
    for (size_t ci = 0; ci < nc && !st; ci++) {
        uint32_t o = cand[ci];
        while (pi < c->n_paras && c->paras[pi].end <= o)
            pi++;
        if (pi == c->n_paras)
            break;
        const struct vn_para *pa = &c->paras[pi];
        if (o < pa->off || o < done_to || !vn_word_start(c->s, o, pa->off))
            continue;
        size_t e;
        int link = vn_link_at(c, o, pa->end, &e);
        if (link != VN_LINK_BREAKDOWN && link != VN_LINK_EXHAUSTIVE)
            continue;
        done_to = (uint32_t)e;
        size_t after = vn_skip_space(c, e, pa->end, ":*");
        if (after < pa->end && c->s[after] == '(')
            continue;       /* the parenthesis rule reads it */
        uint32_t paren = paren_around(c, o);
        if (after >= pa->end) {
            if (paren == VN_NONE)
                st = line_list(c, pi, o, link);
            continue;
        }
        if (paren != VN_NONE)
            continue;       /* inside a parenthesis: the parenthesis rule */
        uint32_t t = nearest_before(c, pa, o, VN_NONE, vn_sentence_start(c, pa, o));
        if (t == VN_NONE || c->items[t].kind == VN_IT_BARE)
            continue;
        struct breakdown b;
        memset(&b, 0, sizeof b);
        b.rule = "sum-breakdown";
        b.exhaustive = link == VN_LINK_EXHAUSTIVE;
        add_total(c, &b, t);
        uint32_t send = vn_sentence_end(c, pa, (uint32_t)e);
        for (uint32_t j = vn_item_from(c, pa, e); j < pa->item1 && b.n_parts < VN_MAX_PARTS; j++) {
            const struct vn_item *it = &c->items[j];
            if (it->paren != VN_NONE || it->kind == VN_IT_PCT || it->kind == VN_IT_BARE)
                continue;
            if (it->off >= send)
                break;
            if (vn_item_same_dim(c, it, &c->items[t]))
                b.parts[b.n_parts++] = j;
            else
                b.foreign = true;
        }
        st = emit_sum(c, &b);
    }
    vn_free(cand);
    return st;
}

vn_status vn_rules_breakdowns(struct vn_vctx *c)
{
    vn_status st = paren_breakdowns(c);
    if (!st)
        st = inline_breakdowns(c);
    return st;
}

/* ---- a node against its children ------------------------------------------ */

vn_status vn_rules_children(struct vn_vctx *c)
{
    static const int facets[] = {VN_F_TOTAL, VN_F_CENTRAL, VN_F_LOCAL, VN_F_DISBURSED};
    for (size_t ni = 1; ni < c->n_nodes; ni++) {
        const struct vn_node *n = &c->nodes[ni];
        if (n->first_child == VN_NONE)
            continue;
        bool headings = false;
        for (uint32_t ch = n->first_child; ch != VN_NONE; ch = c->nodes[ch].next_sibling)
            headings |= !c->nodes[ch].bullet;
        bool named = headings;
        for (uint32_t ch = n->first_child; ch != VN_NONE; ch = c->nodes[ch].next_sibling)
            if (!c->nodes[ch].bullet && c->nodes[ch].unit_kind == VN_UK_NONE)
                named = false;
        for (size_t fi = 0; fi < sizeof facets / sizeof facets[0]; fi++) {
            int f = facets[fi];
            if (n->facet[f][0] == VN_NONE)
                continue;
            struct breakdown b;
            memset(&b, 0, sizeof b);
            b.rule = "sum-children";
            b.exhaustive = named;
            bool complete = true;
            for (uint32_t ch = n->first_child; ch != VN_NONE && complete; ch = c->nodes[ch].next_sibling) {
                const struct vn_node *k = &c->nodes[ch];
                if (k->bullet == headings)
                    continue;
                uint32_t part = k->facet[f][0];
                if (part == VN_NONE) {
                    complete = !k->carries_money;
                    continue;
                }
                for (int j = 0; j < VN_FACET_CANDIDATES; j++)
                    if (n->facet[f][j] == part)
                        complete = false;   /* the node's figure is its child's */
                if (b.n_parts < VN_MAX_PARTS)
                    b.parts[b.n_parts++] = part;
            }
            if (!complete || !b.n_parts)
                continue;
            for (int j = 0; j < VN_FACET_CANDIDATES && n->facet[f][j] != VN_NONE && b.n_totals < 3; j++)
                b.totals[b.n_totals++] = n->facet[f][j];
            vn_status st;
            if (!named) {
                /* bullets and plain headings may list only some items: a
                   shortfall is partial, an excess is ambiguous */
                struct vn_dec sb, iu;
                const struct vn_item *T = &c->items[b.totals[0]];
                if (parts_sum(c, b.parts, b.n_parts, T, &sb, &iu) && vn_dec_cmp(sb, vn_item_cmp_value(T)) > 0) {
                    bool any = false;
                    for (size_t t = 0; t < b.n_totals; t++) {
                        const struct vn_item *Tt = &c->items[b.totals[t]];
                        if (parts_sum(c, b.parts, b.n_parts, Tt, &sb, &iu))
                            any |= vn_claim_matches(iu, Tt->value);
                    }
                    if (!any) {
                        struct vn_relation_draft d;
                        memset(&d, 0, sizeof d);
                        d.relation = VN_REL_SUM;
                        d.rule = b.rule;
                        d.claimed = b.totals[0];
                        d.n_ops = b.n_parts;
                        memcpy(d.ops, b.parts, b.n_parts * sizeof *b.parts);
                        parts_sum(c, b.parts, b.n_parts, T, &sb, &d.computed);
                        d.verdict = VN_VERDICT_AMBIGUOUS;
                        char parts[200], tot[48], comp[64];
                        part_list(c, b.parts, b.n_parts, parts, sizeof parts);
                        vn_item_text(c, T, tot, sizeof tot);
                        vn_dec_format_vn(d.computed, comp, sizeof comp);
                        snprintf(d.message, sizeof d.message,
                                 vn_tr(VN_CAT(c), "The items under this heading (%s = %s) add up to more than its figure %s; "
                                 "some may be parts of others."),
                                 parts, comp, tot);
                        st = vn_emit(c, &d);
                        if (st)
                            return st;
                        continue;
                    }
                }
            }
            st = emit_sum(c, &b);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

/* ---- a summary section against the detail section ------------------------ */

/* A named unit's total: its own, or the sum of its named children's when it
 * states none ("Dự án 1" whose figures are in its two Tiểu dự án). */
static bool unit_total(const struct vn_vctx *c, uint32_t node, uint32_t *parts, size_t *n, int depth)
{
    const struct vn_node *u = &c->nodes[node];
    if (u->facet[VN_F_TOTAL][0] != VN_NONE) {
        if (*n == VN_MAX_PARTS)
            return false;
        parts[(*n)++] = u->facet[VN_F_TOTAL][0];
        return true;
    }
    if (depth > 1 || u->first_child == VN_NONE)
        return !u->carries_money;
    bool any = false;
    for (uint32_t ch = u->first_child; ch != VN_NONE; ch = c->nodes[ch].next_sibling) {
        const struct vn_node *k = &c->nodes[ch];
        if (k->bullet || k->unit_kind == VN_UK_NONE)
            continue;
        if (!unit_total(c, ch, parts, n, depth + 1))
            return false;
        any = true;
    }
    return any || !u->carries_money;
}

/* "II. Nguồn vốn: tổng 24.380" ... "III. Các dự án: 1. Dự án 1 ... 7. Dự án
 * 7": the programme total stated in a summary section against the totals
 * of the named units of a later (or earlier) section that states none of
 * its own. */
vn_status vn_rules_sections(struct vn_vctx *c)
{
    for (size_t di = 1; di < c->n_nodes; di++) {
        const struct vn_node *D = &c->nodes[di];
        if (D->bullet || D->unit_kind != VN_UK_NONE || D->facet[VN_F_TOTAL][0] != VN_NONE ||
            D->first_child == VN_NONE)
            continue;
        struct breakdown b;
        memset(&b, 0, sizeof b);
        b.rule = "sum-sections";
        b.exhaustive = true;
        bool ok = true;
        size_t units = 0;
        for (uint32_t ch = D->first_child; ch != VN_NONE && ok; ch = c->nodes[ch].next_sibling) {
            const struct vn_node *k = &c->nodes[ch];
            if (k->bullet)
                continue;
            if (k->unit_kind != VN_UK_PROJECT) {
                ok = false;
                break;
            }
            units++;
            ok = unit_total(c, ch, b.parts, &b.n_parts, 0);
        }
        if (!ok || units < 2 || b.n_parts < 2)
            continue;
        /* the summary: the nearest earlier section of the same parent that
           states a total (its own, or its parts' by source) */
        int steps = 0;
        for (uint32_t s = D->prev_sibling; s != VN_NONE && steps < 16; s = c->nodes[s].prev_sibling, steps++) {
            const struct vn_node *S = &c->nodes[s];
            if (S->bullet || S->unit_kind != VN_UK_NONE)
                continue;
            b.n_totals = 0;
            for (int j = 0; j < VN_FACET_CANDIDATES && S->facet[VN_F_TOTAL][j] != VN_NONE && b.n_totals < 3; j++)
                b.totals[b.n_totals++] = S->facet[VN_F_TOTAL][j];
            bool own = b.n_totals > 0;
            static const int kinds[] = {VN_F_TOTAL, VN_F_CENTRAL, VN_F_LOCAL};
            for (uint32_t ch = S->first_child; ch != VN_NONE; ch = c->nodes[ch].next_sibling)
                for (size_t f = 0; f < 3 && b.n_totals < 3; f++)
                    if (!c->nodes[ch].bullet && c->nodes[ch].facet[kinds[f]][0] != VN_NONE)
                        b.totals[b.n_totals++] = c->nodes[ch].facet[kinds[f]][0];
            if (!b.n_totals)
                continue;
            /* without a total of its own, the summary is only compared
               when one of its parts' figures matches */
            bool match = false;
            for (size_t t = 0; t < b.n_totals && !match; t++) {
                struct vn_dec sb, iu;
                const struct vn_item *T = &c->items[b.totals[t]];
                match = parts_sum(c, b.parts, b.n_parts, T, &sb, &iu) && vn_claim_matches(iu, T->value);
            }
            if (match || own) {
                if (!match)
                    b.n_totals = 1;
                vn_status st = emit_sum(c, &b);
                if (st)
                    return st;
            }
            break;
        }
    }
    return VN_OK;
}
