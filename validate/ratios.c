/* Ratios: a percentage the text claims, against the two figures it is the
 * ratio of.
 *   ratio-of-pair    "a/b ... đạt p%", "a/b = p%"
 *   ratio-of-change  "tăng p% (+d)", "giảm p% (-d)": d against the prior
 *                    value, the current one minus (plus) d
 *   ratio-of-plan    "giải ngân a, đạt p% KH", "a = p% KH": a against the
 *                    plan figure stated before it for the same paragraph
 *                    or section
 *   ratio-of-earlier "14 nhà = 616 triệu đồng, đạt 30,43%" (no plan word):
 *                    against an earlier figure of the same kind ("46 nhà"),
 *                    reported only when one gives the percentage */
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "validate/validate_internal.h"


/* The percentage's verdict: exact, or within the hedges of the figures. */
static bool ratio_matches(const struct vn_item *num, const struct vn_item *den, const struct vn_item *pct,
                          struct vn_dec exact, int scale)
{
    if (vn_claim_matches(exact, pct->value))
        return true;
    if (!vn_item_hedged(num) && !vn_item_hedged(den) && !vn_item_hedged(pct))
        return false;
    struct vn_dec nlo, nhi, dlo, dhi, plo, phi, lo, hi;
    vn_item_interval(num, &nlo, &nhi);
    vn_item_interval(den, &dlo, &dhi);
    if (dlo.mant <= 0 || vn_percent(nlo, dhi, scale, &lo) || vn_percent(nhi, dlo, scale, &hi))
        return false;
    /* a hedged claim ("khoảng 80%") is an interval too: they must meet
       (a percentage's base is its value) */
    if (vn_item_hedged(pct)) {
        vn_item_interval(pct, &plo, &phi);
        return vn_dec_cmp(lo, phi) <= 0 && vn_dec_cmp(hi, plo) >= 0;
    }
    return vn_interval_matches(lo, hi, pct->value);
}

static void describe(const struct vn_vctx *c, struct vn_relation_draft *d, const char *what,
                     const struct vn_item *num, const char *den_text, const struct vn_item *pct)
{
    char a[48], p[48], comp[48], r[48], t[48];
    const char *b = den_text;
    vn_item_text(c, num, a, sizeof a);
    vn_item_text(c, pct, p, sizeof p);
    vn_dec_format_vn(d->computed, comp, sizeof comp);
    what = vn_tr(VN_CAT(c), what);
    int dd = pct->value.scale;
    vn_dec_format_vn(vn_dec_round(d->computed, dd, VN_ROUND_HALF_UP), r, sizeof r);
    vn_dec_format_vn(vn_dec_round(d->computed, dd, VN_ROUND_TRUNCATE), t, sizeof t);
    if (d->verdict == VN_VERDICT_CONSISTENT)
        snprintf(d->message, sizeof d->message, vn_tr(VN_CAT(c), "%s: %s / %s = %s%%, which gives the stated %s%%."), what, a, b,
                 comp, p);
    else if (d->verdict == VN_VERDICT_AMBIGUOUS)
        snprintf(d->message, sizeof d->message,
                 vn_tr(VN_CAT(c), "%s: no plan stated for this section gives %s%%; against %s it is %s%% (%s%% rounded)."), what, p,
                 b, comp, r);
    else
        snprintf(d->message, sizeof d->message,
                 vn_tr(VN_CAT(c), "%s: %s / %s = %s%% (%s%% rounded, %s%% truncated), not the stated %s%%."), what, a, b, comp, r, t,
                 p);
}

/* A change word ("tăng", "giảm") right before the percentage. */
static int change_before(const struct vn_vctx *c, const struct vn_item *pct)
{
    size_t b = pct->off;
    while (b > 0 && (c->s[b - 1] == ' ' || c->s[b - 1] == '\t'))
        b--;
    size_t from = b > 12 ? b - 12 : 0;
    for (size_t p = from; p < b; p++) {
        size_t e;
        int l = vn_link_at(c, p, b, &e);
        if ((l == VN_LINK_INCREASE || l == VN_LINK_DECREASE || l == VN_LINK_EXCESS) && e == b)
            return l;
    }
    return VN_LINK_NONE;
}

/* A plan word after the percentage ("% KH", "%/KH", "% kế" / "hoạch"),
 * read with whitespace (page breaks included) collapsed. */
static bool plan_after(const struct vn_vctx *c, const struct vn_item *pct)
{
    char buf[64];
    size_t n = 0, p = vn_skip_space(c, pct->unit_end, c->len, "/");
    bool space = false;
    for (; p < c->len && n + 1 < sizeof buf; p++) {
        char ch = c->s[p];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = true;
            continue;
        }
        if (space && n)
            buf[n++] = ' ';
        space = false;
        if (n + 1 < sizeof buf)
            buf[n++] = ch;
    }
    buf[n] = '\0';
    struct vn_vocab_match m;
    if (!vn_vocab_match_at(&c->vocab->links, buf, n, 0, &m) || vn_word_char_at(buf, n, m.end))
        return false;
    return VN_ROLE_VALUE(c->vocab->links.e[m.index].value) == VN_LINK_PLAN;
}

static bool has_char_between(const struct vn_vctx *c, size_t a, size_t b, const char *set)
{
    for (size_t i = a; i < b; i++)
        if (strchr(set, c->s[i]))
            return true;
    return false;
}

/* "= 24 đối tượng" right after a figure restates it in another measure */
static bool restates(const struct vn_vctx *c, size_t prev_end, const struct vn_item *it)
{
    size_t p = vn_skip_space(c, prev_end, it->off, NULL);
    return p < it->off && c->s[p] == '=' && vn_skip_space(c, p + 1, it->off, NULL) == it->off;
}

static bool numeric_pair(const struct vn_vctx *c, const struct vn_item *a, const struct vn_item *b)
{
    if (a->kind == VN_IT_BARE || b->kind == VN_IT_BARE)
        return true;
    return vn_item_same_dim(c, a, b);
}

static vn_status emit_ratio(struct vn_vctx *c, const char *rule, const char *what, uint32_t num, uint32_t den,
                            uint32_t pct, struct vn_dec num_v, struct vn_dec den_v, const char *den_text,
                            bool *matched, bool weak)
{
    const struct vn_item *P = &c->items[pct];
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    int scale = vn_percent_scale(P);
    if (den_v.mant <= 0 || num_v.mant < 0 || vn_percent(num_v, den_v, scale, &d.computed))
        return VN_OK;
    struct vn_item n = c->items[num], m = c->items[den];
    n.base = num_v;
    m.base = den_v;
    bool ok = ratio_matches(&n, &m, P, d.computed, scale);
    if (matched) {
        *matched = ok;
        if (!ok)
            return VN_OK;
    }
    d.relation = VN_REL_RATIO;
    d.rule = rule;
    d.claimed = pct;
    d.ops[0] = num;
    d.ops[1] = den;
    d.n_ops = 2;
    d.verdict = ok ? VN_VERDICT_CONSISTENT : weak ? VN_VERDICT_AMBIGUOUS : VN_VERDICT_INCONSISTENT;
    char dt[64];
    if (!den_text) {
        vn_item_text(c, &c->items[den], dt, sizeof dt);
        den_text = dt;
    }
    describe(c, &d, what, &c->items[num], den_text, P);
    c->items[pct].used_as_ratio = true;
    return vn_emit(c, &d);
}

/* Values to divide: money in đồng, otherwise as written. */
static struct vn_dec ratio_value(const struct vn_item *it)
{
    return it->kind == VN_IT_MONEY ? it->base : it->value;
}

static vn_status pair_ratios(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t x = pa->item0; x < pa->item1; x++) {
            const struct vn_item *X = &c->items[x];
            if (!X->slash_num)
                continue;
            uint32_t y = X->partner;
            const struct vn_item *Y = &c->items[y];
            if (!numeric_pair(c, X, Y))
                continue;
            uint32_t prev_end = Y->unit_end;
            for (uint32_t k = y + 1; k < pa->item1; k++) {
                const struct vn_item *it = &c->items[k];
                if (it->off - Y->unit_end > VN_LINK_REACH || has_char_between(c, prev_end, it->off, ";("))
                    break;
                if (it->kind == VN_IT_PCT) {
                    /* "a/b, vượt p% kế hoạch": a/b - 100 % (the excess over
                       the plan b) */
                    if (!it->used_as_ratio && change_before(c, it) == VN_LINK_EXCESS && plan_after(c, it)) {
                        struct vn_dec xv = ratio_value(X), yv = ratio_value(Y), dv;
                        bool money = X->kind == VN_IT_MONEY && Y->kind == VN_IT_MONEY;
                        if (!money) {
                            xv = X->value;
                            yv = Y->value;
                        }
                        if (!vn_dec_sub(xv, yv, &dv) && dv.mant >= 0) {
                            char den_text[64];
                            vn_item_text(c, Y, den_text, sizeof den_text);
                            vn_status st = emit_ratio(c, "ratio-of-pair", N_("excess over the plan (a - b) / b"), x, y,
                                                      k, dv, yv, den_text, NULL, false);
                            if (st)
                                return st;
                        }
                        break;
                    }
                    if (!it->used_as_ratio && !change_before(c, it)) {
                        /* a bare side takes the other side's unit */
                        bool money = X->kind == VN_IT_MONEY && Y->kind == VN_IT_MONEY;
                        vn_status st = emit_ratio(c, "ratio-of-pair", N_("ratio"), x, y, k,
                                                  money ? X->base : X->value, money ? Y->base : Y->value, NULL,
                                                  NULL, false);
                        if (st)
                            return st;
                    }
                    break;
                }
                if (!restates(c, prev_end, it))
                    break;
                prev_end = it->unit_end;
            }
        }
    }
    return VN_OK;
}

/* The current value a change is measured from: the nearest figure of the
 * same kind before the percentage, outside parentheses; of "a/b", a. */
static uint32_t current_value(const struct vn_vctx *c, const struct vn_para *pa, uint32_t pct, const struct vn_item *d)
{
    for (uint32_t k = pct; k > pa->item0; k--) {
        const struct vn_item *it = &c->items[k - 1];
        if (c->items[pct].off - it->off > 4 * VN_LINK_REACH)
            break;
        if (it->kind == VN_IT_PCT || it->paren != VN_NONE || it->kind == VN_IT_BARE)
            continue;
        if (!vn_item_same_dim(c, it, d))
            continue;
        return it->slash_den ? it->partner : k - 1;
    }
    return VN_NONE;
}

static vn_status change_ratios(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t k = pa->item0; k + 1 < pa->item1; k++) {
            struct vn_item *P = &c->items[k];
            if (P->kind != VN_IT_PCT || P->used_as_ratio)
                continue;
            int dir = change_before(c, P);
            if (!dir || dir == VN_LINK_EXCESS)
                continue;
            size_t q = vn_skip_space(c, P->unit_end, pa->end, NULL);
            if (q >= pa->end || c->s[q] != '(')
                continue;
            /* the change's sign is part of its number ("(-16,74 ha)") or,
               spaced, before it ("(+ 31,41 ha)") */
            size_t q0 = vn_skip_space(c, q + 1, pa->end, NULL), le;
            /* "(giảm tuyệt đối 14.200 tỷ đồng)": the change word again */
            int again = vn_link_at(c, q0, pa->end, &le);
            if (again == VN_LINK_INCREASE || again == VN_LINK_DECREASE) {
                if (again != dir)
                    continue;
                q0 = vn_skip_space(c, le, pa->end, NULL);
            }
            q = vn_skip_space(c, q0, pa->end, "+-");
            const struct vn_item *D = &c->items[k + 1];
            if ((D->off != q && D->off != q0) || D->kind == VN_IT_PCT || D->kind == VN_IT_BARE)
                continue;
            uint32_t cur = current_value(c, pa, k, D);
            if (cur == VN_NONE)
                continue;
            struct vn_dec prior, dv = ratio_value(D), cv = ratio_value(&c->items[cur]);
            if (dv.mant < 0)
                dv.mant = -dv.mant;
            vn_status st = dir == VN_LINK_INCREASE ? vn_dec_sub(cv, dv, &prior) : vn_dec_add(cv, dv, &prior);
            if (st || prior.mant <= 0)
                continue;
            c->items[cur].change = k + 1;
            c->items[cur].change_dir = (int8_t)dir;
            char cur_text[64], den_text[160], d_text[64];
            vn_item_text(c, &c->items[cur], cur_text, sizeof cur_text);
            vn_item_text(c, D, d_text, sizeof d_text);
            snprintf(den_text, sizeof den_text, "(%s %c %s)", cur_text, dir == VN_LINK_INCREASE ? '-' : '+', d_text);
            st = emit_ratio(c, "ratio-of-change", N_("change against the prior value"), k + 1, cur, k, dv, prior,
                            den_text, NULL, false);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

/* Plan figures a percentage of the plan may refer to, best first: those
 * of the same capital or source as the figure ("Vốn đầu tư: giải ngân a,
 * đạt p% KH" -> the vốn đầu tư plan), then the totals stated earlier in the
 * paragraph, then the section's totals up the tree. *strong says whether
 * the first is stated for this very paragraph or section: otherwise a
 * mismatch is ambiguous rather than inconsistent. */
struct plan_bases {
    uint32_t item[12];
    size_t n;
    bool strong;
};

static void add_base(struct plan_bases *b, uint32_t t, bool strong)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->item[i] == t)
            return;
    if (b->n == sizeof b->item / sizeof b->item[0])
        return;
    if (!b->n)
        b->strong = strong;
    b->item[b->n++] = t;
}

static bool role_base(const struct vn_item *it, int cap, int src)
{
    return it->kind == VN_IT_MONEY && (it->what == VN_WHAT_NONE || it->what == VN_WHAT_TOTAL) &&
           (!cap || it->capital == cap) && (!src || it->source == src);
}

/* A figure in a parenthesis that breaks down a disbursement ("giải ngân
 * a/b (vốn đầu tư: x; ...)") is not a plan. */
static bool in_disbursement_breakdown(const struct vn_vctx *c, uint32_t k)
{
    uint32_t pr = c->items[k].paren;
    if (pr == VN_NONE)
        return false;
    uint32_t para0 = vn_scan_floor(&c->paras[c->items[k].para], k);
    while (k > para0 && (c->items[k].paren == pr || c->items[k].kind == VN_IT_PCT))
        k--;
    if (c->items[k].slash_den)
        k = c->items[k].partner;
    vn_item_roles(c, k);
    const struct vn_item *owner = &c->items[k];
    if (owner->paren == pr || owner->kind == VN_IT_PCT)
        return false;
    return owner->what == VN_WHAT_DISBURSED || owner->what == VN_WHAT_ESTIMATE;
}

/* Trims spaces and a trailing ':' from [*a, *e). */
static void trim(const char *s, uint32_t *a, uint32_t *e)
{
    while (*a < *e && (s[*a] == ' ' || s[*a] == '-' || s[*a] == '+' || s[*a] == '*'))
        (*a)++;
    while (*e > *a && (s[*e - 1] == ' ' || s[*e - 1] == ':'))
        (*e)--;
}

/* "- Tiểu dự án 1: giải ngân a, đạt p% KH" names what it is about; an
 * earlier figure labelled the same ("(Tiểu dự án 1: 1.450 triệu đồng; ...)")
 * is its plan. */
static void named_bases(const struct vn_vctx *c, const struct vn_para *pa, uint32_t num, struct plan_bases *b)
{
    uint32_t lim = pa->end - pa->off > 80 ? pa->off + 80 : pa->end;
    const char *colon = memchr(c->s + pa->off, ':', lim - pa->off);
    if (!colon)
        return;
    uint32_t la = pa->off, le = (uint32_t)(colon - c->s);
    trim(c->s, &la, &le);
    if (le - la < 4 || c->items[num].off < le)
        return;
    uint32_t node = pa->node, seen = 0;
    for (int up = 0; up < 3 && node != VN_NONE; up++, node = c->nodes[node].parent) {
        const struct vn_node *n = &c->nodes[node];
        for (uint32_t q = n->para0; q < n->own_end && q < c->n_paras && seen < 4 * VN_SCAN_ITEMS; q++)
            for (uint32_t k = c->paras[q].item0; k < c->paras[q].item1 && seen++ < 4 * VN_SCAN_ITEMS; k++) {
                const struct vn_item *it = &c->items[k];
                if (it->off >= c->items[num].off || it->kind != VN_IT_MONEY || it->label_off == VN_NONE)
                    continue;
                uint32_t a = it->label_off, e = it->off;
                trim(c->s, &a, &e);
                if (e - a == le - la && !memcmp(c->s + a, c->s + la, le - la))
                    add_base(b, k, true);
            }
    }
}

/* Whether figure k is itself said to reach a share of its plan ("368.000
 * tấn, đạt 100% kế hoạch"): an actual, never another figure's plan. */
static bool achieves_plan(const struct vn_vctx *c, const struct vn_para *pa, uint32_t k)
{
    if (k + 1 >= pa->item1)
        return false;
    const struct vn_item *it = &c->items[k], *P = &c->items[k + 1];
    return P->kind == VN_IT_PCT && P->off - it->unit_end <= 24 && plan_after(c, P);
}

static void plan_candidates(const struct vn_vctx *c, const struct vn_para *pa, uint32_t num, struct plan_bases *b)
{
    const struct vn_item *N = &c->items[num];
    b->n = 0;
    b->strong = false;
    named_bases(c, pa, num, b);
    int lead_src, lead_cap;
    vn_para_lead(c, N->para, &lead_src, &lead_cap);
    int cap = N->capital ? N->capital : lead_cap, src = N->source ? N->source : lead_src;
    if (N->kind == VN_IT_MONEY && (cap || src)) {
        for (uint32_t k = num; k > vn_scan_floor(pa, num); k--)
            if (role_base(&c->items[k - 1], cap, src) && !in_disbursement_breakdown(c, k - 1))
                add_base(b, k - 1, true);
        uint32_t node = pa->node;
        for (int up = 0; up < 4 && node != VN_NONE; up++, node = c->nodes[node].parent) {
            const struct vn_node *n = &c->nodes[node];
            /* the section's own lead-in, bounded: its first paragraphs */
            uint32_t seen = 0;
            for (uint32_t q = n->para0; q < n->own_end && q < c->n_paras && seen < 4 * VN_SCAN_ITEMS; q++)
                for (uint32_t k = c->paras[q].item0; k < c->paras[q].item1 && seen++ < 4 * VN_SCAN_ITEMS; k++)
                    if (c->items[k].off < N->off && role_base(&c->items[k], cap, src) &&
                        !in_disbursement_breakdown(c, k))
                        add_base(b, k, true);
        }
    }
    for (uint32_t k = num; k > vn_scan_floor(pa, num); k--) {
        vn_item_roles(c, k - 1);
        const struct vn_item *it = &c->items[k - 1];
        if (it->what == VN_WHAT_TOTAL && it->paren == VN_NONE && vn_item_same_dim(c, it, N) && it->kind == N->kind &&
            !achieves_plan(c, pa, k - 1))
            add_base(b, k - 1, true);
    }
    if (N->kind != VN_IT_MONEY)
        return;
    /* the section's budget: its total, or the total of the one source it
       is about ("1. Ngân sách Trung ương: tổng kinh phí là 98.801") */
    static const int budget[] = {VN_F_TOTAL, VN_F_CENTRAL, VN_F_LOCAL};
    uint32_t node = pa->node;
    for (int up = 0; up < 4 && node != VN_NONE; up++, node = c->nodes[node].parent)
        for (size_t f = 0; f < 3; f++)
            for (int j = 0; j < VN_FACET_CANDIDATES; j++) {
                uint32_t t = c->nodes[node].facet[budget[f]][j];
                if (t != VN_NONE && t != num && c->items[t].off < N->off &&
                    (budget[f] == VN_F_TOTAL || c->items[t].what == VN_WHAT_TOTAL))
                    add_base(b, t, up == 0);
            }
}

static vn_status plan_ratios(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t k = pa->item0; k < pa->item1; k++) {
            const struct vn_item *P = &c->items[k];
            if (P->kind != VN_IT_PCT || P->used_as_ratio || change_before(c, P) || !plan_after(c, P))
                continue;
            uint32_t start = vn_sentence_start(c, pa, P->off), num = VN_NONE;
            for (uint32_t j = k; j > pa->item0; j--) {
                const struct vn_item *it = &c->items[j - 1];
                if (it->off < start || it->kind == VN_IT_PCT || P->off - it->unit_end > VN_LINK_REACH)
                    break;
                if (it->kind == VN_IT_BARE || it->paren != P->paren)
                    continue;
                if (!it->slash_num && !it->slash_den)
                    num = j - 1;
                break;
            }
            if (num == VN_NONE)
                continue;
            struct plan_bases pb;
            plan_candidates(c, pa, num, &pb);
            if (!pb.n)
                continue;
            bool matched = false;
            for (size_t b = 0; b < pb.n && !matched; b++) {
                vn_status st = emit_ratio(c, "ratio-of-plan", N_("share of the plan"), num, pb.item[b], k,
                                          ratio_value(&c->items[num]), ratio_value(&c->items[pb.item[b]]), NULL,
                                          &matched, false);
                if (st)
                    return st;
            }
            if (!matched) {
                vn_status st = emit_ratio(c, "ratio-of-plan", N_("share of the plan"), num, pb.item[0], k,
                                          ratio_value(&c->items[num]), ratio_value(&c->items[pb.item[0]]), NULL,
                                          NULL, !pb.strong);
                if (st)
                    return st;
            }
        }
    }
    return VN_OK;
}

/* ---- the press's forms: the other figure named right after the claim ---- */

/* The figure a percentage is of: the nearest earlier figure of its sentence
 * and parenthesis (not a side of "a/b"), or VN_NONE. */
static uint32_t claim_figure(const struct vn_vctx *c, const struct vn_para *pa, uint32_t k, bool skip_pct)
{
    const struct vn_item *P = &c->items[k];
    uint32_t start = vn_sentence_start(c, pa, P->off);
    for (uint32_t j = k; j > vn_scan_floor(pa, k); j--) {
        const struct vn_item *it = &c->items[j - 1];
        if (it->off < start || (it->kind == VN_IT_PCT && !skip_pct) || P->off - it->unit_end > VN_LINK_REACH)
            return VN_NONE;
        if (it->kind == VN_IT_BARE || it->kind == VN_IT_PCT || it->paren != P->paren)
            continue;
        return it->slash_num || it->slash_den ? VN_NONE : j - 1;
    }
    return VN_NONE;
}

/* Where the words after s[from] end: a clause or sentence end, a closing
 * parenthesis, at most `reach` bytes on. */
static uint32_t clause_stop(const struct vn_vctx *c, const struct vn_para *pa, uint32_t from, uint32_t reach)
{
    uint32_t lim = pa->end - from > reach ? from + reach : pa->end;
    for (uint32_t o = from; o < lim; o++) {
        char ch = c->s[o];
        if (ch == ',' || ch == ';' || ch == ')' || ch == '\n' || (ch == '.' && (o + 1 >= pa->end || c->s[o + 1] == ' ')))
            return o;
    }
    return lim;
}

/* The figure the words after s[from] name: in a parenthesis that opens
 * right there (after at most a plan word: "(KH 16.390 tỷ đồng)") or after
 * "là" ("giao là 405.000 tỷ đồng"), before the clause ends. With `words`,
 * any words without a figure may come first inside the parenthesis ("(năm
 * 2023 là 8.622 tỷ đồng)"). VN_NONE when there is none. */
static uint32_t named_after(const struct vn_vctx *c, const struct vn_para *pa, uint32_t k, uint32_t from, bool words)
{
    uint32_t stop = clause_stop(c, pa, from, VN_LINK_REACH / 2);
    uint32_t j = k + 1;
    while (j < pa->item1 && c->items[j].off < from)
        j++;
    if (j >= pa->item1)
        return VN_NONE;
    const struct vn_item *it = &c->items[j];
    size_t b = it->off;
    while (b > from && (c->s[b - 1] == ' ' || c->s[b - 1] == ':'))
        b--;
    /* "là 405.000" */
    if (it->off < stop && b >= from + 2) {
        for (size_t p = b > from + 8 ? b - 8 : from; p < b; p++) {
            size_t e;
            if (vn_link_at(c, p, b, &e) == VN_LINK_EQUAL && e == b)
                return j;
        }
    }
    /* "(16.390 tỷ đồng)": the first parenthesis after `from`, after words
       without figures ("dự toán Trung ương giao (16.390 tỷ đồng)") */
    size_t q = from;
    while (q < stop && c->s[q] != '(' && !(c->s[q] >= '0' && c->s[q] <= '9'))
        q++;
    if (q >= stop || c->s[q] != '(' || it->paren == VN_NONE || c->parens[it->paren].open != q)
        return VN_NONE;
    size_t r = vn_skip_space(c, q + 1, pa->end, NULL), e;
    if (vn_link_at(c, r, it->off, &e) == VN_LINK_PLAN)
        r = vn_skip_space(c, e, pa->end, ":");
    if (r == it->off)
        return j;
    if (!words)
        return VN_NONE;
    for (size_t p = q + 1; p < it->off; p++)
        if ((c->s[p] >= '0' && c->s[p] <= '9') || c->s[p] == ';' || c->s[p] == ',')
            return VN_NONE;
    return j;
}

/* "đạt 112,4% dự toán (16.390 tỷ đồng)", "đạt 86,7% dự toán ... giao là
 * 405.000 tỷ đồng": the plan is named after the plan word, so it is the
 * one base (a forced assignment: the verdict may be an accusation). */
static vn_status stated_plan_ratios(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t k = pa->item0; k < pa->item1; k++) {
            const struct vn_item *P = &c->items[k];
            if (P->kind != VN_IT_PCT || P->used_as_ratio || change_before(c, P))
                continue;
            size_t p = vn_skip_space(c, P->unit_end, pa->end, "/"), e;
            if (vn_link_at(c, p, pa->end, &e) != VN_LINK_PLAN)
                continue;
            uint32_t num = claim_figure(c, pa, k, false);
            if (num == VN_NONE)
                continue;
            uint32_t den = named_after(c, pa, k, (uint32_t)e, false);
            if (den == VN_NONE)
                continue;
            const struct vn_item *N = &c->items[num], *D = &c->items[den];
            /* "(25.694/39.826 tỷ đồng)": the figure over its plan */
            if (D->slash_num) {
                if (vn_dec_cmp(vn_item_cmp_value(D), vn_item_cmp_value(N)))
                    continue;
                den = D->partner;
                D = &c->items[den];
            }
            if (D->kind == VN_IT_PCT || D->kind == VN_IT_BARE || !vn_item_same_dim(c, N, D))
                continue;
            vn_status st = emit_ratio(c, "ratio-of-plan", N_("share of the plan"), num, den, k, ratio_value(N),
                                      ratio_value(D), NULL, NULL, false);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

/* The year a figure's label names ("năm 2024 đạt 540"), or 0. */
static int label_year(const struct vn_vctx *c, const struct vn_item *it)
{
    if (it->label_off == VN_NONE)
        return 0;
    int year = 0;
    for (uint32_t p = it->label_off; p + 4 <= it->off; p++) {
        if (p > it->label_off && c->s[p - 1] >= '0' && c->s[p - 1] <= '9')
            continue;
        int y = 0, n = 0;
        while (n < 4 && c->s[p + n] >= '0' && c->s[p + n] <= '9')
            y = y * 10 + (c->s[p + n++] - '0');
        if (n == 4 && !(c->s[p + 4] >= '0' && c->s[p + 4] <= '9') && y >= 1900 && y <= 2100 &&
            vn_period_before(c, p))
            year = y;
    }
    return year;
}

/* The year in force at a figure: the last "năm YYYY" before it in its
 * paragraph (at most 1200 bytes back), or 0. */
static int year_in_force(const struct vn_vctx *c, const struct vn_para *pa, const struct vn_item *it)
{
    uint32_t from = it->off > pa->off + 1200 ? it->off - 1200 : pa->off;
    for (uint32_t p = it->off; p >= from + 4; p--) {
        uint32_t q = p - 4;
        if (q > pa->off && c->s[q - 1] >= '0' && c->s[q - 1] <= '9')
            continue;
        int y = 0, n = 0;
        while (n < 4 && c->s[q + n] >= '0' && c->s[q + n] <= '9')
            y = y * 10 + (c->s[q + n++] - '0');
        if (n == 4 && (p >= it->off || !(c->s[p] >= '0' && c->s[p] <= '9')) && y >= 1900 && y <= 2100 &&
            vn_period_before(c, q))
            return y;
    }
    return 0;
}

/* "tăng 6,9% so với năm 2023 (16.812 tỷ đồng)", "tăng 14,2% so với năm
 * trước (năm 2023 là 8.622 tỷ đồng)", or the prior year's figure stated
 * earlier in the paragraph with its year ("năm 2023 đạt 500 tỷ đồng; năm
 * 2024 đạt 540 tỷ đồng, tăng 8% so với cùng kỳ"): (current - prior) / prior.
 * The current figure is the claim's own (the nearest before it in its
 * sentence); the prior one is named, or the one figure of the year before. */
static vn_status stated_prior_changes(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t k = pa->item0; k < pa->item1; k++) {
            struct vn_item *P = &c->items[k];
            if (P->kind != VN_IT_PCT || P->used_as_ratio)
                continue;
            int dir = change_before(c, P);
            if (!dir || dir == VN_LINK_EXCESS)
                continue;
            size_t p = vn_skip_space(c, P->unit_end, pa->end, NULL), e;
            if (vn_link_at(c, p, pa->end, &e) != VN_LINK_PRIOR)
                continue;
            uint32_t cur = claim_figure(c, pa, k, true);
            if (cur == VN_NONE || c->items[cur].paren != VN_NONE)
                continue;
            const struct vn_item *C = &c->items[cur];
            /* the words after the prior link, up to the parenthesis */
            uint32_t stop = clause_stop(c, pa, (uint32_t)e, VN_LINK_REACH / 2), prior = VN_NONE;
            uint32_t open = VN_NONE;
            for (uint32_t o = (uint32_t)e; o < stop; o++)
                if (c->s[o] == '(') {
                    open = o;
                    break;
                }
            if (open != VN_NONE) {
                for (size_t o = e; o < open; o++)
                    if (c->s[o] >= '0' && c->s[o] <= '9' && !vn_period_before(c, o) &&
                        !(o > e && c->s[o - 1] >= '0' && c->s[o - 1] <= '9'))
                        goto next;
                prior = named_after(c, pa, k, open, true);
            } else {
                int y = label_year(c, C);
                size_t n = 0;
                for (uint32_t j = cur; y && j > vn_scan_floor(pa, cur); j--) {
                    const struct vn_item *B = &c->items[j - 1];
                    if (B->kind != C->kind || B->paren != VN_NONE || !vn_item_same_dim(c, B, C))
                        continue;
                    if (year_in_force(c, pa, B) == y - 1) {
                        prior = j - 1;
                        n++;
                    }
                }
                if (n != 1)
                    prior = VN_NONE;
            }
            if (prior == VN_NONE)
                continue;
            const struct vn_item *B = &c->items[prior];
            if (B->kind != C->kind || B->slash_num || B->slash_den || !vn_item_same_dim(c, B, C))
                continue;
            struct vn_dec cv = ratio_value(C), bv = ratio_value(B), d;
            if (bv.mant <= 0 || (dir == VN_LINK_INCREASE ? vn_dec_sub(cv, bv, &d) : vn_dec_sub(bv, cv, &d)))
                continue;
            if (d.mant < 0)
                continue;   /* the other direction: the words and the figures disagree on the sign */
            char ct[48], bt[48], den_text[192];
            vn_item_text(c, C, ct, sizeof ct);
            vn_item_text(c, B, bt, sizeof bt);
            snprintf(den_text, sizeof den_text, vn_tr(VN_CAT(c), "%s, the change being %s - %s"), bt, dir == VN_LINK_INCREASE ? ct : bt,
                     dir == VN_LINK_INCREASE ? bt : ct);
            vn_status st = emit_ratio(c, "ratio-of-change", N_("change against the prior value"), cur, prior, k, d, bv,
                                      den_text, NULL, false);
            if (st)
                return st;
        next:;
        }
    }
    return VN_OK;
}

/* "giải ngân được 14 nhà = 616 triệu đồng, đạt 30,43%" with no plan word:
 * the figure (or what it is restated as) against an earlier figure of the
 * same kind in the paragraph ("xây mới 46 nhà"). Which one is meant is not
 * written, so only a base that gives the percentage is reported. */
static vn_status earlier_ratios(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t k = pa->item0; k < pa->item1; k++) {
            const struct vn_item *P = &c->items[k];
            if (P->kind != VN_IT_PCT || P->used_as_ratio || change_before(c, P) || P->paren != VN_NONE)
                continue;
            uint32_t start = vn_sentence_start(c, pa, P->off);
            uint32_t nums[3];
            size_t nn = 0;
            uint32_t edge = P->off;
            for (uint32_t j = k; j > vn_scan_floor(pa, k) && nn < 3; j--) {
                const struct vn_item *it = &c->items[j - 1];
                if (it->off < start || it->kind == VN_IT_PCT || edge - it->unit_end > VN_LINK_REACH / 2)
                    break;
                if (it->kind == VN_IT_BARE || it->paren != VN_NONE || it->slash_num || it->slash_den)
                    break;
                nums[nn++] = j - 1;
                /* continue only along "a = b" */
                size_t q = it->off;
                while (q > pa->off && c->s[q - 1] == ' ')
                    q--;
                if (q == pa->off || c->s[q - 1] != '=')
                    break;
                edge = (uint32_t)(q - 1);
            }
            bool found = false;
            for (size_t a = 0; a < nn && !found; a++) {
                const struct vn_item *N = &c->items[nums[a]];
                for (uint32_t j = nums[nn - 1]; j > vn_scan_floor(pa, nums[nn - 1]) && !found; j--) {
                    const struct vn_item *B = &c->items[j - 1];
                    if (B->kind != N->kind || B->kind == VN_IT_BARE || B->kind == VN_IT_PCT || B->paren != VN_NONE ||
                        !vn_item_same_dim(c, B, N) || B->value.mant <= 0)
                        continue;
                    vn_status st = emit_ratio(c, "ratio-of-earlier", N_("share of an earlier figure"), nums[a], j - 1, k,
                                              ratio_value(N), ratio_value(B), NULL, &found, false);
                    if (st)
                        return st;
                }
            }
        }
    }
    return VN_OK;
}

vn_status vn_rules_ratios(struct vn_vctx *c)
{
    vn_status st = pair_ratios(c);
    if (!st)
        st = change_ratios(c);
    if (!st)
        st = stated_prior_changes(c);
    if (!st)
        st = stated_plan_ratios(c);
    if (!st)
        st = plan_ratios(c);
    if (!st)
        st = earlier_ratios(c);
    return st;
}
