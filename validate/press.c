/* Relations as the press and resolutions write them, across sentences.
 *   sum-breakdown    "Tổng chi ... đạt X. Trong đó, chi A a; chi B b": the
 *                    parts in the sentence after the total's; a part "a/b"
 *                    gives two sums (the figures and their plans)
 *   sum-breakdown    a sentence's total ("Tổng số giờ ... 2.575 giờ") and the figures
 *                    of its measure in the sentences after it, one to a
 *                    sentence; or a count alone of its kind in its sentence
 *                    and the counts after it ("05 dự án ... 04 dự án ...; 01
 *                    dự án"): reported only when they add up (discovery)
 *   sum-breakdown    "a/T ..., b/T ...": two parts of one whole (discovery)
 *   ratio-of-earlier "a, chiếm p%": a part against the whole it is a share
 *                    of: its breakdown's total, or the one earlier figure
 *                    of the same kind in its sentence
 * The total is chosen by what the figures are, never by position alone:
 * the parts' stage (giải ngân: a disbursement's total), plans for the
 * plans; exactly one candidate or nothing (an accusation needs a forced
 * assignment). */
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "validate/validate_internal.h"

#define MAX_SHARES 64

struct press {
    /* parts of the breakdowns found, with their totals (for shares) */
    uint32_t part[MAX_SHARES], total[MAX_SHARES];
    size_t n;
};

static bool is_figure(const struct vn_item *it)
{
    return it->kind == VN_IT_MONEY || it->kind == VN_IT_QTY;
}

/* The first item of a parenthesis that opens after a plan word of the same
 * clause ("kế hoạch Thủ tướng giao (7,08 nghìn tỷ đồng)"): a plan. */
static bool plan_paren(const struct vn_vctx *c, const struct vn_para *pa, uint32_t k)
{
    const struct vn_item *it = &c->items[k];
    if (it->paren == VN_NONE || it->slash_num || (k > pa->item0 && c->items[k - 1].paren == it->paren))
        return false;
    uint32_t open = c->parens[it->paren].open;
    if (vn_skip_space(c, open + 1, pa->end, NULL) != it->off)
        return false;
    uint32_t from = open > pa->off + 80 ? open - 80 : pa->off;
    for (uint32_t p = open; p > from; p--) {
        char ch = c->s[p - 1];
        if (ch == ',' || ch == ';' || ch == ')' || ch == '(' || (ch >= '0' && ch <= '9'))
            return false;
        size_t e;
        if (vn_word_start(c->s, p - 1, from) && vn_link_at(c, p - 1, open, &e) == VN_LINK_PLAN)
            return true;
    }
    return false;
}

/* Whether item k is a plan: a budget word in its label, the denominator of
 * "a/b", or a parenthesis after a plan word. */
static bool is_plan(const struct vn_vctx *c, const struct vn_para *pa, uint32_t k)
{
    const struct vn_item *it = &c->items[k];
    if (it->slash_den)
        return true;
    if (it->paren == VN_NONE)
        return it->what == VN_WHAT_TOTAL;
    return plan_paren(c, pa, k);
}

/* The sentence before the one at `start`: in its paragraph, or the last of
 * the paragraph before. *pp is updated to the paragraph it is in. */
static bool prev_sentence(const struct vn_vctx *c, uint32_t *pp, uint32_t start, uint32_t *a, uint32_t *b)
{
    const struct vn_para *pa = &c->paras[*pp];
    uint32_t e = start;
    while (e > pa->off && (c->s[e - 1] == ' ' || c->s[e - 1] == '.'))
        e--;
    if (e <= pa->off) {
        if (*pp == 0)
            return false;
        (*pp)--;
        pa = &c->paras[*pp];
        /* a heading or a blank gap of more than a line is no sentence before */
        if (pa->end - pa->off < 2)
            return false;
        e = pa->end;
    }
    *b = e;
    *a = vn_sentence_start(c, pa, e > pa->off ? e - 1 : e);
    return true;
}

struct series {
    uint32_t parts[VN_MAX_PARTS];
    size_t n;
};

/* The one candidate for the total of `s` in [a, b) of paragraph pa: a
 * figure of the parts' kind outside parentheses (for plans, also a plan in
 * one), with the parts' stage when they have one; n_found counts them. */
static void total_candidates(const struct vn_vctx *c, uint32_t pi, uint32_t a, uint32_t b, const struct series *s,
                             bool plans, int what, uint32_t *found, size_t *n_found)
{
    const struct vn_para *pa = &c->paras[pi];
    const struct vn_item *P0 = &c->items[s->parts[0]];
    for (uint32_t k = vn_item_from(c, pa, a); k < pa->item1 && c->items[k].off < b; k++) {
        const struct vn_item *it = &c->items[k];
        if (!is_figure(it) || it->kind != P0->kind || !vn_item_same_dim(c, it, P0))
            continue;
        if (plans) {
            if (!is_plan(c, pa, k))
                continue;
        } else {
            if (it->paren != VN_NONE || it->slash_den || is_plan(c, pa, k))
                continue;
            if (what && it->what != what)
                continue;
        }
        if (*n_found < 4)
            found[*n_found] = k;
        (*n_found)++;
    }
}

static vn_status emit_sum(struct vn_vctx *c, struct press *ps, uint32_t total, const struct series *s)
{
    const struct vn_item *T = &c->items[total];
    struct vn_dec sum = {0, 0}, lo = {0, 0}, hi = {0, 0}, in_unit;
    bool hedged = vn_item_hedged(T);
    for (size_t i = 0; i < s->n; i++) {
        const struct vn_item *it = &c->items[s->parts[i]];
        struct vn_dec v = vn_item_cmp_value(it), a, b;
        vn_item_interval(it, &a, &b);
        hedged |= vn_item_hedged(it);
        if (v.mant < 0 || vn_dec_add(sum, v, &sum) || vn_dec_add(lo, a, &lo) || vn_dec_add(hi, b, &hi))
            return VN_OK;
    }
    if (vn_to_unit_of(T, sum, &in_unit))
        return VN_OK;
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    d.relation = VN_REL_SUM;
    d.rule = "sum-breakdown";
    d.claimed = total;
    d.n_ops = s->n;
    memcpy(d.ops, s->parts, s->n * sizeof *s->parts);
    d.computed = in_unit;
    bool ok = vn_claim_matches(in_unit, T->value);
    if (!ok && hedged) {
        struct vn_dec tlo, thi;
        vn_item_interval(T, &tlo, &thi);
        ok = vn_dec_cmp(lo, thi) <= 0 && vn_dec_cmp(hi, tlo) >= 0;
    }
    /* parts that split a dimension (NSTW and NSĐP) are all there are */
    unsigned src = 0, cap = 0;
    for (size_t i = 0; i < s->n; i++) {
        src |= 1u << c->items[s->parts[i]].source;
        cap |= 1u << c->items[s->parts[i]].capital;
    }
    bool all = (src == ((1u << VN_SRC_CENTRAL) | (1u << VN_SRC_LOCAL))) ||
               (cap == ((1u << VN_CAP_INVESTMENT) | (1u << VN_CAP_RECURRENT)));
    int cmp = vn_dec_cmp(sum, vn_item_cmp_value(T));
    d.verdict = ok ? VN_VERDICT_CONSISTENT : cmp > 0 || all ? VN_VERDICT_INCONSISTENT : VN_VERDICT_PARTIAL;
    char tot[48], comp[64];
    vn_item_text(c, T, tot, sizeof tot);
    vn_dec_format_vn(in_unit, comp, sizeof comp);
    if (d.verdict == VN_VERDICT_CONSISTENT)
        snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "The parts in the sentence after it (\"Trong đó\") add up to %s, the stated total %s."),
                 comp, tot);
    else if (d.verdict == VN_VERDICT_PARTIAL)
        snprintf(d.message, sizeof d.message,
                 vn_tr(VN_CAT(c), "The parts listed in the sentence after it (%s) are only some of the total %s; the rest is not stated."),
                 comp, tot);
    else
        snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "The parts in the sentence after it (\"Trong đó\") add up to %s, not the stated total %s."),
                 comp, tot);
    for (size_t i = 0; i < s->n && ps->n < MAX_SHARES; i++) {
        ps->part[ps->n] = s->parts[i];
        ps->total[ps->n++] = total;
    }
    return vn_emit(c, &d);
}

/* "X. Trong đó, A a; B b." */
static vn_status next_sentence_breakdowns(struct vn_vctx *c, struct press *ps)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t k = pa->item0; k < pa->item1; k++) {
            const struct vn_item *F = &c->items[k];
            uint32_t start = vn_sentence_start(c, pa, F->off);
            if (k > pa->item0 && c->items[k - 1].off >= start)
                continue;   /* not the sentence's first item */
            size_t p = vn_skip_space(c, start, pa->end, "*"), e;
            int l = vn_link_at(c, p, pa->end, &e);
            if (l != VN_LINK_BREAKDOWN || vn_skip_space(c, e, pa->end, NULL) >= pa->end ||
                c->s[vn_skip_space(c, e, pa->end, NULL)] != ',')
                continue;
            /* the parts: each ';' clause's first figure outside parentheses */
            uint32_t end = vn_sentence_end(c, pa, F->off);
            struct series num = {{0}, 0}, den = {{0}, 0};
            uint32_t clause = start;
            bool bad = false;
            for (uint32_t j = k; j < pa->item1 && c->items[j].off < end; j++) {
                const struct vn_item *it = &c->items[j];
                bool fresh = j == k || memchr(c->s + clause, ';', it->off - clause) != NULL;
                if (!fresh)
                    continue;
                if (it->paren != VN_NONE || it->kind == VN_IT_PCT || it->kind == VN_IT_BARE || it->slash_den ||
                    num.n == VN_MAX_PARTS) {
                    bad = true;
                    break;
                }
                clause = it->unit_end;
                num.parts[num.n++] = j;
                if (it->slash_num)
                    den.parts[den.n++] = it->partner;
            }
            if (bad || num.n < 2 || (den.n && den.n != num.n))
                continue;
            for (size_t i = 1; i < num.n; i++)
                if (c->items[num.parts[i]].kind != c->items[num.parts[0]].kind ||
                    !vn_item_same_dim(c, &c->items[num.parts[i]], &c->items[num.parts[0]]))
                    bad = true;
            if (bad)
                continue;
            /* the parts' stage, when they all say the same */
            int what = c->items[num.parts[0]].what;
            for (size_t i = 1; i < num.n; i++)
                if (c->items[num.parts[i]].what != what)
                    what = VN_WHAT_NONE;
            if (what == VN_WHAT_TOTAL)
                what = VN_WHAT_NONE;
            /* the total: in the sentence before; with a stage, the one
               before that too */
            uint32_t found[4], dfound[4];
            size_t nf = 0, nd = 0;
            uint32_t pp = (uint32_t)pi, a, b, at = start;
            for (int back = 0; back < (what ? 2 : 1); back++) {
                if (!prev_sentence(c, &pp, at, &a, &b))
                    break;
                total_candidates(c, pp, a, b, &num, false, what, found, &nf);
                if (den.n)
                    total_candidates(c, pp, a, b, &den, true, 0, dfound, &nd);
                at = a;
            }
            if (nf == 1) {
                vn_status st = emit_sum(c, ps, found[0], &num);
                if (st)
                    return st;
            }
            if (den.n && nd == 1) {
                vn_status st = emit_sum(c, ps, dfound[0], &den);
                if (st)
                    return st;
            }
        }
    }
    return VN_OK;
}

/* "a, chiếm p%": a against its breakdown's total, or against the one
 * earlier figure of its kind in the sentence when no words after the
 * percentage name another whole ("chiếm 22,8% số kiến nghị ..."). */
static vn_status shares(struct vn_vctx *c, const struct press *ps)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t k = pa->item0; k < pa->item1; k++) {
            struct vn_item *P = &c->items[k];
            if (P->kind != VN_IT_PCT || P->used_as_ratio || P->value.mant <= 0)
                continue;
            /* "chiếm" right before the percentage */
            size_t b = P->off;
            while (b > pa->off && c->s[b - 1] == ' ')
                b--;
            bool share = false;
            for (size_t p = b > pa->off + 24 ? b - 24 : pa->off; p < b && !share; p++) {
                size_t e;
                share = vn_link_at(c, p, b, &e) == VN_LINK_SHARE && e == b;
            }
            if (!share)
                continue;
            uint32_t start = vn_sentence_start(c, pa, P->off), part = VN_NONE;
            for (uint32_t j = k; j > vn_scan_floor(pa, k); j--) {
                const struct vn_item *it = &c->items[j - 1];
                if (it->off < start || it->kind == VN_IT_PCT || P->off - it->unit_end > VN_LINK_REACH)
                    break;
                if (it->kind == VN_IT_BARE || it->paren != P->paren)
                    continue;
                if (is_figure(it) && !it->slash_den)
                    part = j - 1;
                break;
            }
            if (part == VN_NONE)
                continue;
            uint32_t base = VN_NONE;
            for (size_t i = 0; i < ps->n; i++)
                if (ps->part[i] == part)
                    base = ps->total[i];
            if (base == VN_NONE) {
                /* words after the percentage name the whole: not read here */
                size_t q = vn_skip_space(c, P->unit_end, pa->end, NULL);
                if (q < pa->end && !strchr(",;.)", c->s[q]))
                    continue;
                size_t n = 0;
                const struct vn_item *A = &c->items[part];
                for (uint32_t j = part; j > vn_scan_floor(pa, part); j--) {
                    const struct vn_item *it = &c->items[j - 1];
                    if (it->off < start)
                        break;
                    if (it->kind != A->kind || it->paren != VN_NONE || it->slash_den || it->slash_num ||
                        !vn_item_same_dim(c, it, A))
                        continue;
                    base = j - 1;
                    n++;
                }
                if (n != 1)
                    continue;
            }
            const struct vn_item *N = &c->items[part], *D = &c->items[base];
            if (!vn_item_same_dim(c, N, D))
                continue;
            struct vn_dec nv = vn_item_cmp_value(N), dv = vn_item_cmp_value(D);
            struct vn_relation_draft d;
            memset(&d, 0, sizeof d);
            int scale = vn_percent_scale(P);
            if (dv.mant <= 0 || nv.mant < 0 || vn_percent(nv, dv, scale, &d.computed))
                continue;
            bool ok = vn_claim_matches(d.computed, P->value);
            if (!ok && (vn_item_hedged(N) || vn_item_hedged(D) || vn_item_hedged(P))) {
                struct vn_dec nlo, nhi, dlo, dhi, lo, hi;
                vn_item_interval(N, &nlo, &nhi);
                vn_item_interval(D, &dlo, &dhi);
                if (dlo.mant <= 0 || vn_percent(nlo, dhi, scale, &lo) || vn_percent(nhi, dlo, scale, &hi))
                    continue;
                ok = vn_interval_matches(lo, hi, P->value);
            }
            d.relation = VN_REL_RATIO;
            d.rule = "ratio-of-earlier";
            d.claimed = k;
            d.ops[0] = part;
            d.ops[1] = base;
            d.n_ops = 2;
            d.verdict = ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
            char a[48], w[48], pc[48], comp[64];
            vn_item_text(c, N, a, sizeof a);
            vn_item_text(c, D, w, sizeof w);
            vn_item_text(c, P, pc, sizeof pc);
            vn_dec_format_vn(d.computed, comp, sizeof comp);
            snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "share of the whole: %s / %s = %s%%, %s the stated %s%%."), a, w,
                     comp, ok ? vn_trp(VN_CAT(c), "claim", "which gives") : vn_trp(VN_CAT(c), "claim", "not"), pc);
            P->used_as_ratio = true;
            vn_status st = vn_emit(c, &d);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

/* "Tổng số giờ ... được 2.575 giờ. Chương trình A ... 2.200 giờ. B ... 155
 * giờ. C ... 220 giờ.": a figure whose label says it is a total, and the
 * figures of its measure in the sentences after it, one to a sentence;
 * when the first of them add up to it exactly, the relation is there.
 * Found by arithmetic, so only ever reported consistent. */
static vn_status following_totals(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t t = pa->item0; t < pa->item1; t++) {
            const struct vn_item *T = &c->items[t];
            if (!is_figure(T) || T->paren != VN_NONE || T->value.mant <= 0)
                continue;
            /* its sentence opens with a total word ("Tổng số giờ ..."); or
               it counts things, alone of its kind in its sentence ("Thực
               hiện 05 dự án. ... 04 dự án ...; 01 dự án ..."), and other
               figures may come between its parts */
            size_t s0 = vn_skip_space(c, vn_sentence_start(c, pa, T->off), T->off, "-+*");
            bool count = false;
            if (vn_link_at(c, s0, T->off, NULL) != VN_LINK_TOTAL) {
                if (T->kind != VN_IT_QTY)
                    continue;
                uint32_t send = vn_sentence_end(c, pa, T->unit_end);
                bool alone = true;
                for (uint32_t k = pa->item0; k < pa->item1 && alone; k++)
                    alone = k == t || c->items[k].off < s0 || c->items[k].off >= send ||
                            !vn_item_same_dim(c, &c->items[k], T) || c->items[k].kind != VN_IT_QTY;
                if (!alone)
                    continue;
                count = true;
            }
            /* the first figure of its sentence */
            if (!count && t > pa->item0 && c->items[t - 1].off >= s0 && is_figure(&c->items[t - 1]))
                continue;
            uint32_t parts[VN_MAX_PARTS];
            size_t n = 0;
            struct vn_dec sum = {0, 0};
            uint32_t sent = vn_sentence_end(c, pa, T->unit_end);
            for (uint32_t k = t + 1; k < pa->item1 && n < VN_MAX_PARTS; k++) {
                const struct vn_item *it = &c->items[k];
                if (it->kind == VN_IT_PCT || it->kind == VN_IT_BARE || it->paren != VN_NONE)
                    continue;
                if (!vn_item_same_dim(c, it, T) || it->kind != T->kind) {
                    if (count)
                        continue;
                    break;      /* another measure between: not a list */
                }
                if (it->off < sent)
                    break;      /* a part is in a sentence after the total's */
                if (!count && n && it->off < vn_sentence_end(c, pa, c->items[parts[n - 1]].unit_end))
                    break;      /* one to a sentence */
                parts[n++] = k;
                if (vn_dec_add(sum, vn_item_cmp_value(it), &sum))
                    break;
                int cmp = vn_dec_cmp(sum, vn_item_cmp_value(T));
                if (cmp > 0)
                    break;
                if (cmp < 0 || n < 2)
                    continue;
                struct vn_relation_draft d;
                memset(&d, 0, sizeof d);
                d.relation = VN_REL_SUM;
                d.rule = "sum-breakdown";
                d.claimed = t;
                d.n_ops = n;
                memcpy(d.ops, parts, n * sizeof *parts);
                if (vn_to_unit_of(T, sum, &d.computed))
                    break;
                d.verdict = VN_VERDICT_CONSISTENT;
                char tt[48], comp[64];
                vn_item_text(c, T, tt, sizeof tt);
                vn_dec_format_vn(d.computed, comp, sizeof comp);
                snprintf(d.message, sizeof d.message,
                         vn_tr(VN_CAT(c), "The %zu figures stated in the sentences after it add up to %s, which is the total %s."), n,
                         comp, tt);
                vn_status st = vn_emit(c, &d);
                if (st)
                    return st;
                break;
            }
        }
    }
    return VN_OK;
}

/* "272/281 đạt, 09/281 không đạt": two parts of one whole written as a/T
 * and b/T in a sentence; when a + b = T the whole is split in two.
 * Found by arithmetic (a third category may exist), so only consistent. */
static vn_status complementary_pairs(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t a = pa->item0; a < pa->item1; a++) {
            const struct vn_item *A = &c->items[a];
            if (!A->slash_num || A->partner == VN_NONE)
                continue;
            uint32_t send = vn_sentence_end(c, pa, A->unit_end);
            for (uint32_t b = a + 2; b < pa->item1 && c->items[b].off < send; b++) {
                const struct vn_item *B = &c->items[b];
                if (!B->slash_num || B->partner == VN_NONE)
                    continue;
                const struct vn_item *TA = &c->items[A->partner], *TB = &c->items[B->partner];
                struct vn_dec sum;
                if (vn_dec_cmp(vn_item_cmp_value(TA), vn_item_cmp_value(TB)) != 0 || !vn_item_same_dim(c, A, B) ||
                    vn_dec_add(vn_item_cmp_value(A), vn_item_cmp_value(B), &sum) ||
                    vn_dec_cmp(sum, vn_item_cmp_value(TA)) != 0)
                    continue;
                struct vn_relation_draft d;
                memset(&d, 0, sizeof d);
                d.relation = VN_REL_SUM;
                d.rule = "sum-breakdown";
                d.claimed = A->partner;
                d.ops[0] = a;
                d.ops[1] = b;
                d.n_ops = 2;
                if (vn_to_unit_of(TA, sum, &d.computed))
                    continue;
                d.verdict = VN_VERDICT_CONSISTENT;
                char at[48], bt[48], tt[48];
                vn_item_text(c, A, at, sizeof at);
                vn_item_text(c, B, bt, sizeof bt);
                vn_item_text(c, TA, tt, sizeof tt);
                snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "%s/%s and %s/%s: the two parts make up the whole %s."), at, tt,
                         bt, tt, tt);
                vn_status st = vn_emit(c, &d);
                if (st)
                    return st;
                break;
            }
        }
    }
    return VN_OK;
}

vn_status vn_rules_press(struct vn_vctx *c)
{
    struct press ps;
    ps.n = 0;
    vn_status st = next_sentence_breakdowns(c, &ps);
    if (!st)
        st = shares(c, &ps);
    if (!st)
        st = following_totals(c);
    if (!st)
        st = complementary_pairs(c);
    return st;
}
