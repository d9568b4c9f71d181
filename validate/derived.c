/* Figures derived from two others.
 *   product-yield      area x yield = output ("diện tích 70 ha, năng suất
 *                      67 tạ/ha, sản lượng 469 tấn"), units converted
 *                      through vocab/conversions.tsv
 *   difference-remain  total - allocated = remainder ("tổng kinh phí T, đã
 *                      phân bổ a, còn b chưa phân bổ"; "giải ngân a/T, còn
 *                      lại b chưa giải ngân"); without "còn" the
 *                      same three figures are read as a sum (a + b = T)
 *   sum-of-lines       a line starting with "Tổng" whose figure is the sum
 *                      of the first such figure of each line before it
 *                      ("- Cây lúa: ... 7.245,23 tấn" / "- Cây ngô: ...
 *                      2.972,96 tấn" / "Tổng sản lượng 10.218,19 tấn")
 *   ratio-of-prior-total  and when each of those lines states its change
 *                      ("(+70,03 tấn)"), "bằng p% so với cùng kỳ" on the
 *                      total against the sum of the lines' prior values */
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "validate/validate_internal.h"

/* The conversion entry for the unit text [off, end) (exactly), or -1. */
static int conversion(const struct vn_vctx *c, size_t off, size_t end)
{
    struct vn_vocab_match m;
    if (off >= end || !vn_vocab_match_at(&c->vocab->conversions, c->s, end, off, &m) || m.end != end)
        return -1;
    return m.index;
}

/* A yield: a quantity whose unit is "X/ha" with X convertible. Sets the
 * conversion of X. */
static bool is_yield(const struct vn_vctx *c, const struct vn_item *it, int *num_conv)
{
    if (it->kind != VN_IT_QTY || !it->unit.len)
        return false;
    const char *u = c->s + it->unit.off;
    const char *slash = memchr(u, '/', it->unit.len);
    if (!slash)
        return false;
    size_t so = (size_t)(slash - c->s);
    int den = conversion(c, so + 1, it->unit.off + it->unit.len);
    size_t ne = so;
    while (ne > it->unit.off && c->s[ne - 1] == ' ')
        ne--;
    *num_conv = conversion(c, it->unit.off, ne);
    return den >= 0 && *num_conv >= 0 && c->vocab->conversions.e[den].value == 4;   /* per ha */
}

static int unit_conv(const struct vn_vctx *c, const struct vn_item *it)
{
    if (it->kind != VN_IT_QTY || !it->unit.len)
        return -1;
    return conversion(c, it->unit.off, it->unit.off + it->unit.len);
}

/* d * 10^k, exactly, for k of either sign */
static vn_status times_pow10(struct vn_dec *d, int k)
{
    if (k >= 0)
        return vn_dec_shift(*d, k, d);
    if (d->scale - k > VN_DEC_MAX_SCALE)
        return VN_EOVERFLOW;
    d->scale -= k;
    return VN_OK;
}

static vn_status products(struct vn_vctx *c)
{
    const struct vn_vocab_table *cv = &c->vocab->conversions;
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t y = pa->item0; y < pa->item1; y++) {
            int yconv;
            const struct vn_item *Y = &c->items[y];
            if (Y->paren != VN_NONE || !is_yield(c, Y, &yconv))
                continue;
            /* the area: nearest "ha" figure before, outside parentheses */
            uint32_t a = VN_NONE;
            for (uint32_t k = y; k > pa->item0; k--) {
                const struct vn_item *it = &c->items[k - 1];
                int dummy;
                if (Y->off - it->off > 4 * VN_LINK_REACH)
                    break;
                if (it->paren != VN_NONE)
                    continue;
                if (is_yield(c, it, &dummy))
                    break;
                int u = unit_conv(c, it);
                if (it->paren != VN_NONE || u < 0 || cv->e[u].value != 4 || strcmp(cv->e[u].written, "ha"))
                    continue;
                a = it->slash_den ? it->partner : k - 1;
                break;
            }
            /* the output: first mass figure after, before another area */
            uint32_t o = VN_NONE;
            int oconv = -1;
            for (uint32_t k = y + 1; k < pa->item1; k++) {
                const struct vn_item *it = &c->items[k];
                int dummy;
                if (it->off - Y->unit_end > 2 * VN_LINK_REACH)
                    break;
                if (it->paren != VN_NONE || it->kind == VN_IT_PCT)
                    continue;   /* "(+0,27 tạ/ha)": a change, not the next subject */
                if (is_yield(c, it, &dummy))
                    break;
                int u = unit_conv(c, it);
                if (u >= 0 && cv->e[u].flags == cv->e[yconv].flags) {
                    o = k;
                    oconv = u;
                    break;
                }
                if (u >= 0)
                    break;      /* an area or a length: another subject */
            }
            if (a == VN_NONE || o == VN_NONE)
                continue;
            const struct vn_item *A = &c->items[a], *O = &c->items[o];
            struct vn_relation_draft d;
            memset(&d, 0, sizeof d);
            if (vn_dec_mul(A->value, Y->value, &d.computed))
                continue;
            /* yield unit -> output unit: times 10^(yield pow - output pow) */
            int k = cv->e[yconv].value - cv->e[oconv].value;
            if (times_pow10(&d.computed, k))
                continue;
            d.computed = vn_dec_reduce(d.computed);
            d.relation = VN_REL_PRODUCT;
            d.rule = "product-yield";
            d.claimed = o;
            d.ops[0] = a;
            d.ops[1] = y;
            d.n_ops = 2;
            bool ok = vn_claim_matches(d.computed, O->value);
            if (!ok && (vn_item_hedged(A) || vn_item_hedged(Y) || vn_item_hedged(O))) {
                struct vn_dec alo, ahi, ylo, yhi, olo, ohi, lo, hi;
                vn_item_interval(A, &alo, &ahi);
                vn_item_interval(Y, &ylo, &yhi);
                vn_item_interval(O, &olo, &ohi);
                if (!vn_dec_mul(alo, ylo, &lo) && !vn_dec_mul(ahi, yhi, &hi) && !times_pow10(&lo, k) &&
                    !times_pow10(&hi, k))
                    ok = vn_dec_cmp(lo, ohi) <= 0 && vn_dec_cmp(hi, olo) >= 0;
            }
            d.verdict = ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
            char at[48], yt[48], ot[48], comp[64];
            vn_item_text(c, A, at, sizeof at);
            vn_item_text(c, Y, yt, sizeof yt);
            vn_item_text(c, O, ot, sizeof ot);
            vn_dec_format_vn(d.computed, comp, sizeof comp);
            snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "Area x yield: %s x %s = %s %s, %s the stated %s."), at, yt, comp,
                     cv->e[oconv].written, ok ? vn_trp(VN_CAT(c), "claim", "which gives") : vn_trp(VN_CAT(c), "claim", "not"), ot);
            vn_status st = vn_emit(c, &d);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

/* The total an allocation is taken from: a total stated before it in the
 * paragraph, else the section's total. */
static size_t total_candidates(const struct vn_vctx *c, const struct vn_para *pa, uint32_t alloc, uint32_t *out,
                               size_t cap)
{
    size_t n = 0;
    /* in the paragraph: a budget figure, or any figure that is not itself a
       stage ("Vốn sự nghiệp NSTW 8.470 ..., đã giao 7.860 ..., còn 610") */
    for (uint32_t k = alloc; k > vn_scan_floor(pa, alloc) && n < cap; k--) {
        const struct vn_item *it = &c->items[k - 1];
        if (it->kind == VN_IT_MONEY && it->paren == VN_NONE &&
            (it->what == VN_WHAT_TOTAL || it->what == VN_WHAT_NONE))
            out[n++] = k - 1;
    }
    /* the section's budget: its total, or the total of the one source it
       is about ("1. Ngân sách Trung ương: tổng kinh phí là 98.801") */
    static const int budget[] = {VN_F_TOTAL, VN_F_CENTRAL, VN_F_LOCAL};
    uint32_t node = pa->node;
    for (int up = 0; up < 2 && node != VN_NONE && n < cap; up++, node = c->nodes[node].parent)
        for (size_t f = 0; f < 3; f++)
            for (int j = 0; j < VN_FACET_CANDIDATES && n < cap; j++) {
                uint32_t t = c->nodes[node].facet[budget[f]][j];
                if (t != VN_NONE && c->items[t].off < c->items[alloc].off && c->items[t].what == VN_WHAT_TOTAL)
                    out[n++] = t;
            }
    return n;
}

static vn_status differences(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *pa = &c->paras[pi];
        for (uint32_t u = pa->item0; u < pa->item1; u++) {
            const struct vn_item *U = &c->items[u];
            if (U->kind != VN_IT_MONEY || U->paren != VN_NONE ||
                (U->what != VN_WHAT_UNALLOCATED && U->what != VN_WHAT_UNDISBURSED))
                continue;
            /* what is left after an allocation, or after a disbursement */
            bool after_disbursed = U->what == VN_WHAT_UNDISBURSED || U->link == VN_LINK_REMAINDER;
            uint32_t a = VN_NONE;
            for (uint32_t k = u; k > pa->item0; k--) {
                const struct vn_item *it = &c->items[k - 1];
                if (U->off - it->unit_end > VN_LINK_REACH)
                    break;
                if (it->kind == VN_IT_MONEY && it->paren == VN_NONE &&
                    ((it->what == VN_WHAT_ALLOCATED && U->what == VN_WHAT_UNALLOCATED) ||
                     (it->what == VN_WHAT_DISBURSED && after_disbursed))) {
                    a = k - 1;
                    break;
                }
            }
            if (a == VN_NONE)
                continue;
            /* the part is of the remainder's scope: a part that names a
               source or capital the remainder (or its paragraph's lead-in)
               does not is one source's figure, not the whole's ("vốn NSTW
               giải ngân 1.812,2/3.440; số vốn còn lại 2.952,4") */
            int lead_src, lead_cap;
            vn_para_lead(c, (uint32_t)pi, &lead_src, &lead_cap);
            int u_src = U->source ? U->source : lead_src, u_cap = U->capital ? U->capital : lead_cap;
            const struct vn_item *Ap = &c->items[a];
            if ((Ap->source && !u_src) || (Ap->capital && !u_cap && !(U->capital && U->capital != Ap->capital)))
                continue;
            uint32_t tot[8];
            size_t nt = 0;
            if (c->items[a].slash_num)     /* "giải ngân a/T, ...; còn lại b" */
                tot[nt++] = c->items[a].partner;
            nt += total_candidates(c, pa, a, tot + nt, 8 - nt);
            if (!nt)
                continue;
            const struct vn_item *A = &c->items[a];
            /* a part that says its source or capital is taken from a total
               that says the same; a total that does not say is another
               figure's plan */
            /* parts of different capitals or sources ("đã phân bổ 2.224 vốn
               đầu tư, chưa phân bổ 740 vốn sự nghiệp") split a total of
               both along that dimension */
            bool split_cap = A->capital && U->capital && A->capital != U->capital;
            bool split_src = A->source && U->source && A->source != U->source;
            size_t kept = 0;
            for (size_t t = 0; t < nt; t++) {
                const struct vn_item *T = &c->items[tot[t]];
                bool again = false;
                for (size_t k = 0; k < kept; k++)
                    again |= tot[k] == tot[t];
                bool pair = A->slash_num && tot[t] == A->partner;    /* "a/T" shares a's key */
                bool cap_ok = split_cap ? !T->capital : (!A->capital || T->capital == A->capital);
                bool src_ok = split_src ? !T->source : (!A->source || T->source == A->source);
                if (!again && (pair || (cap_ok && src_ok)))
                    tot[kept++] = tot[t];
            }
            nt = kept;
            if (!nt)
                continue;

            size_t pick = 0;
            bool ok = false;
            struct vn_dec v;
            /* a remainder is never negative: prefer the totals at least as
               large as the part; if there is none, the part exceeds its
               total, and the nearest total shows it */
            size_t keep = 0;
            for (size_t t = 0; t < nt; t++)
                if (vn_dec_cmp(c->items[tot[t]].base, A->base) >= 0)
                    tot[keep++] = tot[t];
            if (keep)
                nt = keep;
            else
                nt = 1;
            for (size_t t = 0; t < nt && !ok; t++) {
                struct vn_dec sum;
                if (vn_dec_add(A->base, U->base, &sum))
                    break;
                ok = vn_dec_cmp(sum, c->items[tot[t]].base) == 0;
                if (ok)
                    pick = t;
            }
            const struct vn_item *T = &c->items[tot[pick]];
            /* what is left ("còn", a negated stage) is the claim; but parts
               of different capitals or sources stated after their total's
               sentence ("đã phân bổ 2.224 vốn đầu tư, chưa phân bổ 740 vốn
               sự nghiệp") split the total, which is then the claim */
            bool remainder = U->link == VN_LINK_REMAINDER || T->off >= vn_sentence_start(c, pa, A->off) ||
                             !(split_cap || split_src);
            struct vn_relation_draft d;
            memset(&d, 0, sizeof d);
            d.rule = "difference-remain";
            char tt[48], at[48], ut[48], comp[64];
            vn_item_text(c, T, tt, sizeof tt);
            vn_item_text(c, A, at, sizeof at);
            vn_item_text(c, U, ut, sizeof ut);
            if (remainder) {
                if (vn_dec_sub(T->base, A->base, &v) || vn_to_unit_of(U, v, &d.computed))
                    continue;
                d.relation = VN_REL_DIFFERENCE;
                d.claimed = u;
                d.ops[0] = tot[pick];
                d.ops[1] = a;
            } else {
                if (vn_dec_add(A->base, U->base, &v) || vn_to_unit_of(T, v, &d.computed))
                    continue;
                d.relation = VN_REL_SUM;
                d.claimed = tot[pick];
                d.ops[0] = a;
                d.ops[1] = u;
            }
            d.n_ops = 2;
            /* an accusation needs the one total the text allows: the
               partner of "a/T", a single candidate, or one in the sentence
               that states the part and the remainder */
            if (!ok && nt > 1 && !c->items[a].slash_num &&
                c->items[tot[0]].off < vn_sentence_start(c, pa, A->off))
                continue;
            d.verdict = ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
            vn_dec_format_vn(d.computed, comp, sizeof comp);
            if (remainder)
                snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "Total %s less the %s %s leaves %s, %s the stated %s."), tt,
                         A->what == VN_WHAT_DISBURSED ? vn_trp(VN_CAT(c), "stage", "disbursed") : vn_trp(VN_CAT(c), "stage", "allocated"), at, comp, ok ? vn_trp(VN_CAT(c), "claim", "which is") : vn_trp(VN_CAT(c), "claim", "not"),
                         ut);
            else
                snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "Allocated %s plus unallocated %s = %s, %s the total %s."), at,
                         ut, comp, ok ? vn_trp(VN_CAT(c), "claim", "which is") : vn_trp(VN_CAT(c), "claim", "not"), tt);
            vn_status st = vn_emit(c, &d);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

/* The first figure like `like` in [a, b) of a paragraph: outside
 * parentheses, not the "b" of "a/b". */
static uint32_t first_like_in(const struct vn_vctx *c, const struct vn_para *p, size_t a, size_t b,
                              const struct vn_item *like)
{
    for (uint32_t k = vn_item_from(c, p, a); k < p->item1 && c->items[k].off < b; k++) {
        const struct vn_item *it = &c->items[k];
        if (it->paren == VN_NONE && it->kind == like->kind && !it->slash_den && vn_item_same_dim(c, it, like))
            return k;
    }
    return VN_NONE;
}

/* The first amount or quantity in [a, b) of a paragraph that can be a
 * total ("Tổng ... 10.218,19/21.420 tấn" -> 10.218,19). */
static uint32_t first_total_in(const struct vn_vctx *c, const struct vn_para *p, size_t a, size_t b)
{
    for (uint32_t k = vn_item_from(c, p, a); k < p->item1 && c->items[k].off < b; k++) {
        const struct vn_item *it = &c->items[k];
        if (it->paren == VN_NONE && !it->slash_den && (it->kind == VN_IT_MONEY || it->kind == VN_IT_QTY))
            return k;
    }
    return VN_NONE;
}

/* Emits d (its parts in d->ops) as a consistent sum-of-lines check when the
 * parts add up to `total`; otherwise nothing, since which lines are meant is
 * then not certain. `what` names the parts in the message. */
static vn_status emit_if_total(struct vn_vctx *c, struct vn_relation_draft *d, uint32_t total, const char *what,
                               bool *emitted)
{
    *emitted = false;
    const struct vn_item *T = &c->items[total];
    struct vn_dec sum = {0, 0};
    for (size_t i = 0; i < d->n_ops; i++)
        if (vn_dec_add(sum, c->items[d->ops[i]].base, &sum))
            return VN_OK;
    if (vn_to_unit_of(T, sum, &d->computed) || !vn_claim_matches(d->computed, T->value))
        return VN_OK;
    d->relation = VN_REL_SUM;
    d->rule = "sum-of-lines";
    d->claimed = total;
    d->verdict = VN_VERDICT_CONSISTENT;
    char tt[48], comp[64];
    vn_item_text(c, T, tt, sizeof tt);
    vn_dec_format_vn(d->computed, comp, sizeof comp);
    snprintf(d->message, sizeof d->message, vn_tr(VN_CAT(c), "The %zu %s add up to %s, the stated total %s."), d->n_ops, vn_tr(VN_CAT(c), what), comp,
             tt);
    *emitted = true;
    return vn_emit(c, d);
}

/* The prior-year value of a line's figure: the figure less (plus) its
 * stated increase (decrease). */
static bool prior_of(const struct vn_vctx *c, const struct vn_item *it, struct vn_dec *out)
{
    if (it->change == VN_NONE)
        return false;
    struct vn_dec d = c->items[it->change].base;
    if (d.mant < 0)
        d.mant = -d.mant;
    vn_status st = it->change_dir == VN_LINK_INCREASE ? vn_dec_sub(it->base, d, out) : vn_dec_add(it->base, d, out);
    return st == VN_OK && out->mant > 0;
}

static vn_status prior_total(struct vn_vctx *c, const struct vn_para *q, uint32_t total, const uint32_t *parts,
                             size_t n)
{
    struct vn_dec prior = {0, 0};
    for (size_t i = 0; i < n; i++) {
        struct vn_dec p;
        if (!prior_of(c, &c->items[parts[i]], &p) || vn_dec_add(prior, p, &prior))
            return VN_OK;
    }
    for (uint32_t k = total + 1; k < q->item1; k++) {
        struct vn_item *P = &c->items[k];
        if (P->kind != VN_IT_PCT || P->used_as_ratio)
            continue;
        size_t after = vn_skip_space(c, P->unit_end, q->end, NULL);
        if (vn_link_at(c, after, q->end, NULL) != VN_LINK_PRIOR)
            continue;
        struct vn_relation_draft d;
        memset(&d, 0, sizeof d);
        if (vn_percent(c->items[total].base, prior, vn_percent_scale(P), &d.computed))
            return VN_OK;
        d.relation = VN_REL_RATIO;
        d.rule = "ratio-of-prior-total";
        d.claimed = k;
        d.ops[0] = total;
        d.n_ops = 1;
        for (size_t i = 0; i < n && d.n_ops + 2 <= VN_MAX_PARTS; i++) {
            d.ops[d.n_ops++] = parts[i];
            d.ops[d.n_ops++] = c->items[parts[i]].change;
        }
        bool ok = vn_claim_matches(d.computed, P->value);
        d.verdict = ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
        char tt[48], pp[48], pr[64], comp[64];
        vn_item_text(c, &c->items[total], tt, sizeof tt);
        vn_item_text(c, P, pp, sizeof pp);
        vn_dec_format_vn(prior, pr, sizeof pr);
        vn_dec_format_vn(d.computed, comp, sizeof comp);
        snprintf(d.message, sizeof d.message,
                 vn_tr(VN_CAT(c), "Against last year: the lines' prior values add up to %s, and %s / %s = %s%%, %s the stated %s%%."),
                 pr, tt, pr, comp, ok ? vn_trp(VN_CAT(c), "claim", "which gives") : vn_trp(VN_CAT(c), "claim", "not"), pp);
        P->used_as_ratio = true;
        return vn_emit(c, &d);
    }
    return VN_OK;
}

static vn_status line_totals(struct vn_vctx *c)
{
    for (size_t qi = 1; qi < c->n_paras; qi++) {
        const struct vn_para *q = &c->paras[qi];
        size_t w = vn_skip_space(c, q->off, q->end, "*-+");
        if (vn_link_at(c, w, q->end, NULL) != VN_LINK_TOTAL)
            continue;
        uint32_t total = first_total_in(c, q, q->off, q->end);
        if (total == VN_NONE)
            continue;
        struct vn_relation_draft d;
        memset(&d, 0, sizeof d);
        for (size_t pi = qi; pi > 0 && d.n_ops < 12; pi--) {
            const struct vn_para *p = &c->paras[pi - 1];
            const struct vn_node *n = &c->nodes[p->node];
            if (n->para0 == pi - 1 && !n->bullet)
                break;      /* a heading above the lines */
            uint32_t f = first_like_in(c, p, p->off, p->end, &c->items[total]);
            if (f == VN_NONE)
                break;
            memmove(d.ops + 1, d.ops, d.n_ops * sizeof *d.ops);
            d.ops[0] = f;
            d.n_ops++;
        }
        if (d.n_ops < 2)
            continue;
        bool emitted;
        vn_status st = emit_if_total(c, &d, total, N_("lines above"), &emitted);
        if (!st && emitted)
            st = prior_total(c, q, total, d.ops, d.n_ops);
        if (st)
            return st;
    }
    return VN_OK;
}

/* The same within a paragraph: "...; Số lợn ... 974,7/1.540 tấn ...; Tổng sản
 * lượng ... 1788,9/2.656 tấn": a clause starting with "Tổng" after ';'
 * against the first such figure of each clause before it. */
static vn_status clause_totals(struct vn_vctx *c)
{
    for (size_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *p = &c->paras[pi];
        if (p->item1 - p->item0 < 3)
            continue;
        for (const char *semi = memchr(c->s + p->off, ';', p->end - p->off); semi;
             semi = memchr(semi + 1, ';', (size_t)(c->s + p->end - semi - 1))) {
            size_t cs = (size_t)(semi - c->s) + 1;
            size_t w = vn_skip_space(c, cs, p->end, "*-+");
            if (vn_link_at(c, w, p->end, NULL) != VN_LINK_TOTAL)
                continue;
            const char *next = memchr(c->s + w, ';', p->end - w);
            size_t ce = next ? (size_t)(next - c->s) : p->end;
            uint32_t total = first_total_in(c, p, w, ce);
            if (total == VN_NONE)
                continue;
            struct vn_relation_draft d;
            memset(&d, 0, sizeof d);
            size_t end = (size_t)(semi - c->s);     /* the clause before ends here */
            while (d.n_ops < 12 && end > p->off) {
                size_t start = end;
                while (start > p->off && c->s[start - 1] != ';')
                    start--;
                uint32_t f = first_like_in(c, p, start, end, &c->items[total]);
                if (f == VN_NONE)
                    break;
                memmove(d.ops + 1, d.ops, d.n_ops * sizeof *d.ops);
                d.ops[0] = f;
                d.n_ops++;
                end = start > p->off ? start - 1 : p->off;
            }
            if (d.n_ops < 2)
                continue;
            bool emitted;
            vn_status st = emit_if_total(c, &d, total, N_("clauses before it"), &emitted);
            if (st)
                return st;
        }
    }
    return VN_OK;
}

vn_status vn_rules_derived(struct vn_vctx *c)
{
    vn_status st = products(c);
    if (!st)
        st = differences(c);
    if (!st)
        st = clause_totals(c);
    if (!st)
        st = line_totals(c);
    return st;
}
