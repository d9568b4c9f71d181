/* Which figure is wrong: for each inconsistent check, the one figure (an
 * operand or the claim) that a single typing slip explains, and the value
 * that makes the relation hold.
 *
 * A slip is one digit changed, two adjacent digits swapped, a digit left
 * out or typed once too often (vn_typo_edits), or the value of another
 * figure of the relation copied into this one. A correction is a candidate
 * when the relation, recomputed exactly with it, holds under the contract's
 * rule (vn_claim_matches: rounded half-up or truncated to the claim's
 * decimals). Then, over all checks:
 *   - a candidate that breaks a consistent check its figure is in is
 *     dropped (the figure is confirmed there);
 *   - a candidate whose figure is in several inconsistent checks and that
 *     makes all of them hold is preferred to any other (a table cell that
 *     breaks its row and its column);
 *   - the check names its suspect when exactly one candidate is left, and
 *     lists up to VN_SUSPECT_MAX_LISTED candidates when several are: which
 *     one was mistyped is then not for the arithmetic to say.
 * Checks whose figures are hedged, and checks whose result this file cannot
 * recompute exactly as the rule did (its formula is recognised by
 * reproducing the rule's computed value), get no suspect. Arithmetic is
 * vn_dec throughout; a correction whose arithmetic overflows is not a
 * candidate. The work is bounded per check (figures x edits x operands). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/i18n.h"   /* N_: the reasons are translated where they are shown */
#include "common/arena.h"
#include "common/utf8.h"
#include "validate/validate_internal.h"

const char *vn_typo_kind_name(enum vn_typo_kind k)
{
    switch (k) {
    case VN_TYPO_DIGIT: return "digit";
    case VN_TYPO_SWAP: return "transposition";
    case VN_TYPO_DROPPED: return "dropped-digit";
    case VN_TYPO_EXTRA: return "extra-digit";
    case VN_TYPO_COPY: return "copy";
    case VN_TYPO_OCR: return "ocr-misread";
    }
    return "digit";
}

const char *vn_typo_kind_why(enum vn_typo_kind k)
{
    switch (k) {
    case VN_TYPO_DIGIT: return N_("one digit changed");
    case VN_TYPO_SWAP: return N_("two digits swapped");
    case VN_TYPO_DROPPED: return N_("a digit left out");
    case VN_TYPO_EXTRA: return N_("a digit too many");
    case VN_TYPO_COPY: return N_("copied from another figure");
    case VN_TYPO_OCR: return N_("probably misread by OCR");
    }
    return "";
}

/* ---- the written number and its edits ---------------------------------- */

struct written {
    char sign;                          /* '+', '-' or 0 */
    char d[VN_TYPO_MAX_DIGITS + 2];     /* integer digits, then the fraction's */
    int nint, nfrac;
    bool grouped;                       /* '.' groups thousands */
    bool lead0;                         /* written with a leading zero ("02") */
};

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* "1.234.567,89", "8614", "02", "-16,74": dots only between groups of
 * three, a comma before the fraction. */
static bool parse_written(const char *s, size_t n, struct written *w)
{
    memset(w, 0, sizeof *w);
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        w->sign = s[i++];
    int group = 0;
    bool dots = false;
    for (; i < n && (is_digit(s[i]) || s[i] == '.'); i++) {
        if (s[i] == '.') {
            if (group == 0 || (dots ? group != 3 : group > 3))
                return false;
            dots = true;
            group = 0;
            continue;
        }
        if (w->nint >= VN_TYPO_MAX_DIGITS)
            return false;
        w->d[w->nint++] = s[i];
        group++;
    }
    if (!w->nint || (dots && group != 3))
        return false;
    if (i < n && s[i] == ',') {
        for (i++; i < n && is_digit(s[i]); i++) {
            if (w->nint + w->nfrac >= VN_TYPO_MAX_DIGITS)
                return false;
            w->d[w->nint + w->nfrac++] = s[i];
        }
        if (!w->nfrac)
            return false;
    }
    if (i != n)
        return false;
    /* a number of up to three digits says nothing: reports group */
    w->grouped = dots || w->nint <= 3;
    w->lead0 = w->nint > 1 && w->d[0] == '0';
    return true;
}

static struct vn_dec written_value(const struct written *w)
{
    struct vn_dec v = {0, w->nfrac};
    for (int i = 0; i < w->nint + w->nfrac; i++)
        v.mant = v.mant * 10 + (w->d[i] - '0');     /* at most 30 digits: no overflow */
    if (w->sign == '-')
        v.mant = -v.mant;
    return v;
}

static void written_text(const struct written *w, char *buf)
{
    size_t o = 0;
    if (w->sign)
        buf[o++] = w->sign;
    for (int i = 0; i < w->nint; i++) {
        buf[o++] = w->d[i];
        int left = w->nint - i - 1;
        if (w->grouped && left && left % 3 == 0)
            buf[o++] = '.';
    }
    if (w->nfrac) {
        buf[o++] = ',';
        memcpy(buf + o, w->d + w->nint, (size_t)w->nfrac);
        o += (size_t)w->nfrac;
    }
    buf[o] = '\0';
}

struct edit_run {
    const struct written *orig;
    struct vn_dec orig_value;
    vn_typo_fn fn;
    void *ctx;
    bool stop;
};

static void offer(struct edit_run *r, const struct written *e, enum vn_typo_kind kind)
{
    if (r->stop || e->nint < 1)
        return;
    if (e->nint > 1 && e->d[0] == '0' && !r->orig->lead0)
        return;
    struct vn_typo_edit ed;
    ed.kind = kind;
    ed.value = written_value(e);
    if (vn_dec_cmp(ed.value, r->orig_value) == 0)
        return;
    written_text(e, ed.text);
    if (!r->fn(r->ctx, &ed))
        r->stop = true;
}

bool vn_typo_edits(const char *s, size_t n, vn_typo_fn fn, void *ctx)
{
    struct written w, e;
    if (!parse_written(s, n, &w))
        return false;
    struct edit_run r = {&w, written_value(&w), fn, ctx, false};
    int total = w.nint + w.nfrac;
    /* two adjacent digits swapped (across the decimal comma too) */
    for (int i = 0; i + 1 < total; i++) {
        if (w.d[i] == w.d[i + 1])
            continue;
        e = w;
        e.d[i] = w.d[i + 1];
        e.d[i + 1] = w.d[i];
        offer(&r, &e, VN_TYPO_SWAP);
    }
    /* one digit changed */
    for (int i = 0; i < total; i++)
        for (char ch = '0'; ch <= '9'; ch++) {
            if (ch == w.d[i])
                continue;
            e = w;
            e.d[i] = ch;
            offer(&r, &e, VN_TYPO_DIGIT);
        }
    /* a digit left out: the correction inserts one, in the integer part
       (positions 0..nint) or in the fraction (nint..total, when there is
       one); inserting next to the same digit gives the same number, so
       only the leftmost place of a run is taken */
    if (total < VN_TYPO_MAX_DIGITS) {
        for (int part = 0; part < 2; part++) {
            int from = part ? w.nint : 0, to = part ? total : w.nint;
            if (part && !w.nfrac)
                break;
            for (int p = from; p <= to; p++)
                for (char ch = '0'; ch <= '9'; ch++) {
                    if (p > from && w.d[p - 1] == ch)
                        continue;
                    e = w;
                    memmove(e.d + p + 1, e.d + p, (size_t)(total - p));
                    e.d[p] = ch;
                    if (part)
                        e.nfrac++;
                    else
                        e.nint++;
                    offer(&r, &e, VN_TYPO_DROPPED);
                }
        }
    }
    /* a digit too many: the correction removes one (the first of a run) */
    for (int i = 0; i < total; i++) {
        bool in_int = i < w.nint;
        if (i > (in_int ? 0 : w.nint) && w.d[i - 1] == w.d[i])
            continue;
        if (in_int && w.nint == 1)
            continue;
        e = w;
        memmove(e.d + i, e.d + i + 1, (size_t)(total - i - 1));
        if (in_int)
            e.nint--;
        else
            e.nfrac--;
        offer(&r, &e, VN_TYPO_EXTRA);
    }
    return true;
}

bool vn_typo_format_like(const char *s, size_t n, struct vn_dec v, int scale, char *buf, size_t cap)
{
    struct written w;
    if (cap < 64 || !parse_written(s, n, &w) || scale < 0 || scale > VN_TYPO_MAX_DIGITS)
        return false;
    struct vn_dec r;
    if (scale >= v.scale) {
        if (vn_dec_rescale(v, scale, &r))
            return false;
    } else {
        r = vn_dec_round(v, scale, VN_ROUND_TRUNCATE);
        if (vn_dec_cmp(r, v) != 0)
            return false;
    }
    char plain[VN_DEC_STRLEN];
    vn_dec_format_fixed(r, plain);
    const char *p = plain;
    w.sign = 0;
    if (*p == '-') {
        w.sign = '-';
        p++;
    } else if (*s == '+') {
        w.sign = '+';
    }
    const char *dot = strchr(p, '.');
    size_t ilen = dot ? (size_t)(dot - p) : strlen(p), flen = dot ? strlen(dot + 1) : 0;
    if (ilen + flen > VN_TYPO_MAX_DIGITS)
        return false;
    memcpy(w.d, p, ilen);
    memcpy(w.d + ilen, dot ? dot + 1 : "", flen);
    w.nint = (int)ilen;
    w.nfrac = (int)flen;
    written_text(&w, buf);
    return true;
}

/* ---- the checks, recomputed with one figure replaced ------------------- */

/* How a check's result is computed from its figures (recognised by
 * reproducing the rule's own result). */
enum form {
    F_UNKNOWN = -1,     /* not looked for yet */
    F_NONE,
    F_SUM_BASE,         /* sum of |parts| (money in đồng), in the claim's unit */
    F_SUM_VALUE,        /* sum of the parts as written */
    F_DIFF,             /* op0 - op1, in the claim's unit */
    F_RATIO_BASE,       /* op0 / op1 x 100 (money in đồng) */
    F_RATIO_VALUE,      /* op0 / op1 x 100, as written */
    F_RATIO_CHANGE,     /* |op0| / (op1 -+ |op0|) x 100: a change against the prior value */
    F_RATIO_PRIOR,      /* op0 / sum(part -+ |change|) x 100, ops = total, (part, change)... */
    F_PRODUCT           /* op0 x op1 x 10^pow, as written */
};

struct rel {
    struct vn_check *chk;
    uint32_t claimed;
    uint32_t *ops;          /* into vn_suspects.pool, set once every check is noted */
    uint32_t op0;           /* its first operand's place in the pool */
    uint8_t n_ops;
    int8_t form;
    int8_t pow;             /* F_PRODUCT: the unit conversion */
    bool inconsistent;
    uint8_t linked;         /* LINK_CHANGE, LINK_PRIOR: changes linked to the ratio */
    uint32_t decrease;      /* F_RATIO_CHANGE (bit 0), F_RATIO_PRIOR (bit i:
                               part i): the change is a decrease */
};

enum { LINK_NONE, LINK_CHANGE, LINK_PRIOR };

/* One figure replaced: item `item` reads value (base in đồng for money). */
struct sub {
    uint32_t item;
    struct vn_dec value, base;
};

struct cand {
    struct sub s;
    enum vn_typo_kind kind;
    char text[64];
    uint32_t n_inc, closes;     /* inconsistent checks with the figure; made to hold */
    bool breaks;                /* a consistent check with the figure fails */
};

struct link {
    uint32_t item, rel;
};

struct vn_suspects {
    struct rel *rels;
    size_t n_rels, cap_rels;
    uint32_t *pool;         /* the checks' operands, one run each */
    size_t n_pool, cap_pool;
    struct cand *cands;
    size_t n_cands, cap_cands;
    struct link *links;
    size_t n_links, cap_links;
};

/* Bounds: candidates one check may propose (more: it cannot tell), checks
 * of one figure looked at in the cross-check, candidates of one figure a
 * check looks at: the work stays linear in the number of checks. */
#define MAX_CANDS_PER_CHECK 64u
#define MAX_CHECKS_PER_FIGURE 64u
#define MAX_CANDS_PER_FIGURE 256u

static const struct vn_item *fig(const struct vn_vctx *c, const struct sub *s, uint32_t k, struct vn_item *tmp)
{
    if (!s || s->item != k)
        return &c->items[k];
    *tmp = c->items[k];
    tmp->value = s->value;
    tmp->base = s->base;
    return tmp;
}

static struct vn_dec dabs(struct vn_dec d)
{
    if (d.mant < 0)
        d.mant = -d.mant;
    return d;
}

/* d x 10^k, exactly */
static bool times_pow10(struct vn_dec *d, int k)
{
    if (k >= 0) {
        if (d->scale >= k) {
            d->scale -= k;
            return true;
        }
        struct vn_dec t = *d;
        int up = k - t.scale;
        t.scale = 0;
        if (vn_dec_shift(t, up, d))
            return false;
        return true;
    }
    if (d->scale - k > VN_DEC_MAX_SCALE)
        return false;
    d->scale -= k;
    return true;
}

/* The value of a money figure in đồng, from its value as written. */
static bool base_of(const struct vn_item *it, struct vn_dec value, struct vn_dec *base)
{
    *base = value;
    if (it->kind != VN_IT_MONEY)
        return true;
    return times_pow10(base, it->pow10);
}

static bool ratio(struct vn_dec num, struct vn_dec den, const struct vn_item *claim, struct vn_dec *out)
{
    if (den.mant <= 0 || num.mant < 0)
        return false;
    return vn_percent(num, den, vn_percent_scale(claim), out) == VN_OK;
}

static bool compute(const struct vn_vctx *c, const struct rel *r, int form, const struct sub *s, struct vn_dec *out)
{
    struct vn_item t0, t1, tc;
    const struct vn_item *C = fig(c, s, r->claimed, &tc);
    const struct vn_item *A = fig(c, s, r->ops[0], &t0);
    const struct vn_item *B = r->n_ops > 1 ? fig(c, s, r->ops[1], &t1) : NULL;
    struct vn_dec acc = {0, 0}, v;
    switch (form) {
    case F_SUM_BASE:
    case F_SUM_VALUE:
        for (size_t i = 0; i < r->n_ops; i++) {
            const struct vn_item *P = fig(c, s, r->ops[i], &t0);
            v = form == F_SUM_BASE ? dabs(P->base) : P->value;
            if (vn_dec_add(acc, v, &acc))
                return false;
        }
        if (form == F_SUM_VALUE) {
            *out = vn_dec_reduce(acc);
            return true;
        }
        return vn_to_unit_of(C, acc, out) == VN_OK;
    case F_DIFF:
        return B && !vn_dec_sub(A->base, B->base, &v) && !vn_to_unit_of(C, v, out);
    case F_RATIO_BASE:
        return B && ratio(A->base, B->base, C, out);
    case F_RATIO_VALUE:
        return B && ratio(A->value, B->value, C, out);
    case F_RATIO_CHANGE: {
        struct vn_dec d = dabs(A->base), prior;
        if (!B || ((r->decrease & 1) ? vn_dec_add(B->base, d, &prior) : vn_dec_sub(B->base, d, &prior)))
            return false;
        return ratio(d, prior, C, out);
    }
    case F_RATIO_PRIOR:
        for (size_t i = 1; i + 1 < r->n_ops; i += 2) {
            struct vn_item tp, td;
            const struct vn_item *P = fig(c, s, r->ops[i], &tp), *D = fig(c, s, r->ops[i + 1], &td);
            struct vn_dec p;
            bool dec = (r->decrease >> ((i - 1) / 2)) & 1;
            if (dec ? vn_dec_add(P->base, dabs(D->base), &p) : vn_dec_sub(P->base, dabs(D->base), &p))
                return false;
            if (p.mant <= 0 || vn_dec_add(acc, p, &acc))
                return false;
        }
        return ratio(A->base, acc, C, out);
    case F_PRODUCT:
        if (!B || vn_dec_mul(A->value, B->value, &v) || !times_pow10(&v, r->pow))
            return false;
        *out = vn_dec_reduce(v);
        return true;
    default:
        return false;
    }
}

/* Whether the check holds with s; false also when it cannot be computed. */
static bool holds(const struct vn_vctx *c, const struct rel *r, const struct sub *s)
{
    struct vn_dec v;
    if (!compute(c, r, r->form, s, &v))
        return false;
    struct vn_item tc;
    struct vn_dec claim = fig(c, s, r->claimed, &tc)->value;
    return vn_claim_matches(v, r->form == F_SUM_BASE ? dabs(claim) : claim);
}

/* ---- keeping the checks ------------------------------------------------- */

/* Which of the changes a ratio's figures carry are linked to it, read when
 * the check is emitted (a later rule may link a figure to another change). */
static void read_links(const struct vn_vctx *c, struct rel *r)
{
    if (r->chk->relation != VN_REL_RATIO)
        return;
    if (r->n_ops == 2) {
        const struct vn_item *B = &c->items[r->ops[1]];
        if (B->change == r->ops[0]) {
            r->linked = LINK_CHANGE;
            r->decrease = B->change_dir == VN_LINK_DECREASE;
        }
    } else if (r->n_ops >= 3 && r->n_ops % 2 == 1 && r->n_ops / 2 <= 32) {
        bool linked = true;
        for (size_t i = 1; i + 1 < r->n_ops; i += 2) {
            const struct vn_item *P = &c->items[r->ops[i]];
            linked &= P->change == r->ops[i + 1];
            if (P->change_dir == VN_LINK_DECREASE)
                r->decrease |= 1u << ((i - 1) / 2);
        }
        if (linked)
            r->linked = LINK_PRIOR;
    }
}

/* The formula of a check: the first that gives the rule's own result. */
static void recognise(const struct vn_vctx *c, struct rel *r)
{
    int forms[3], n = 0;
    struct vn_dec computed = r->chk->computed;
    switch (r->chk->relation) {
    case VN_REL_SUM:
        forms[n++] = F_SUM_BASE;
        forms[n++] = F_SUM_VALUE;
        break;
    case VN_REL_DIFFERENCE:
        if (r->n_ops == 2)
            forms[n++] = F_DIFF;
        break;
    case VN_REL_RATIO:
        if (r->n_ops == 2) {
            forms[n++] = F_RATIO_BASE;
            forms[n++] = F_RATIO_VALUE;
            if (r->linked == LINK_CHANGE)
                forms[n++] = F_RATIO_CHANGE;
        } else if (r->linked == LINK_PRIOR) {
            forms[n++] = F_RATIO_PRIOR;
        }
        break;
    case VN_REL_PRODUCT:
        if (r->n_ops == 2) {
            struct vn_dec p;
            if (vn_dec_mul(c->items[r->ops[0]].value, c->items[r->ops[1]].value, &p) || !p.mant)
                break;
            struct vn_dec a = p, b = computed;
            while (a.mant % 10 == 0 && a.scale > -40) {
                a.mant /= 10;
                a.scale--;
            }
            while (b.mant % 10 == 0 && b.mant && b.scale > -40) {
                b.mant /= 10;
                b.scale--;
            }
            if (a.mant != b.mant || a.scale - b.scale > 30 || a.scale - b.scale < -30)
                break;
            r->pow = (int8_t)(a.scale - b.scale);
            forms[n++] = F_PRODUCT;
        }
        break;
    }
    r->form = F_NONE;
    for (int i = 0; i < n; i++) {
        struct vn_dec v;
        if (compute(c, r, forms[i], NULL, &v) && vn_dec_cmp(v, computed) == 0) {
            r->form = (int8_t)forms[i];
            break;
        }
    }
    /* the rule's verdict must be the exact one (not reached through hedges) */
    if (r->form != F_NONE && holds(c, r, NULL) == r->inconsistent)
        r->form = F_NONE;
}

/* Whether check r can be recomputed (its formula found on first use: most
 * checks are never looked at again). */
static bool usable(const struct vn_vctx *c, struct rel *r)
{
    if (r->form == F_UNKNOWN)
        recognise(c, r);
    return r->form != F_NONE;
}

vn_status vn_suspect_note(struct vn_vctx *c, const struct vn_relation_draft *d, struct vn_check *chk)
{
    if ((d->verdict != VN_VERDICT_CONSISTENT && d->verdict != VN_VERDICT_INCONSISTENT) || !d->n_ops ||
        d->n_ops > VN_MAX_PARTS)
        return VN_OK;
    if (!c->suspects && !(c->suspects = vn_calloc(1, sizeof *c->suspects)))
        return VN_ENOMEM;
    struct vn_suspects *S = c->suspects;
    if (!vn_grow((void **)&S->rels, &S->cap_rels, S->n_rels + 1, sizeof *S->rels) ||
        !vn_grow((void **)&S->links, &S->cap_links, S->n_links + d->n_ops + 1, sizeof *S->links))
        return VN_ENOMEM;
    if (!vn_grow((void **)&S->pool, &S->cap_pool, S->n_pool + d->n_ops, sizeof *S->pool))
        return VN_ENOMEM;
    struct rel *r = &S->rels[S->n_rels];
    memset(r, 0, sizeof *r);
    r->chk = chk;
    r->claimed = d->claimed;
    r->op0 = (uint32_t)S->n_pool;
    r->ops = S->pool + S->n_pool;   /* for read_links now; set again before use */
    memcpy(S->pool + S->n_pool, d->ops, d->n_ops * sizeof *d->ops);
    S->n_pool += d->n_ops;
    r->n_ops = (uint8_t)d->n_ops;
    r->inconsistent = d->verdict == VN_VERDICT_INCONSISTENT;
    r->form = F_UNKNOWN;
    read_links(c, r);
    uint32_t ri = (uint32_t)S->n_rels++;
    for (size_t i = 0; i <= d->n_ops; i++) {
        uint32_t k = i < d->n_ops ? d->ops[i] : d->claimed;
        bool dup = false;
        for (size_t j = 0; j < i; j++)
            dup |= d->ops[j] == k;
        if (!dup)
            S->links[S->n_links++] = (struct link){k, ri};
    }
    return VN_OK;
}

void vn_suspect_free(struct vn_vctx *c)
{
    if (!c->suspects)
        return;
    vn_free(c->suspects->rels);
    vn_free(c->suspects->pool);
    vn_free(c->suspects->cands);
    vn_free(c->suspects->links);
    vn_free(c->suspects);
    c->suspects = NULL;
}

/* ---- candidates --------------------------------------------------------- */

struct gen {
    struct vn_vctx *c;
    struct vn_suspects *S;
    const struct rel *r;
    uint32_t item;
    size_t first, found;        /* this check's candidates start at cands[first] */
    bool oom, many;
    /* a cheap necessary condition, before the relation is recomputed: the
       claim's only closing values (|v| rounded and truncated), or the
       interval an operand's closing values lie in */
    int pre;                    /* PRE_NONE, PRE_TARGETS, PRE_RANGE, PRE_ABS_RANGE */
    struct vn_dec t[2];
    int pscale;                 /* t as mantissas at this scale (the most */
    vn_int128 pm[2];            /* decimals an edit may have), widened */
};
enum { PRE_NONE, PRE_TARGETS, PRE_RANGE, PRE_ABS_RANGE };

static bool add_cand(struct gen *g, const struct sub *s, enum vn_typo_kind kind, const char *text)
{
    struct vn_suspects *S = g->S;
    for (size_t i = g->first; i < S->n_cands; i++)
        if (S->cands[i].s.item == s->item && vn_dec_cmp(S->cands[i].s.value, s->value) == 0)
            return true;
    if (g->found >= MAX_CANDS_PER_CHECK) {
        g->many = true;
        return false;
    }
    if (!vn_grow((void **)&S->cands, &S->cap_cands, S->n_cands + 1, sizeof *S->cands)) {
        g->oom = true;
        return false;
    }
    struct cand *cd = &S->cands[S->n_cands++];
    memset(cd, 0, sizeof *cd);
    cd->s = *s;
    cd->kind = kind;
    snprintf(cd->text, sizeof cd->text, "%s", text);
    g->found++;
    return true;
}

static bool try_edit(void *ctx, const struct vn_typo_edit *e)
{
    struct gen *g = ctx;
    const struct vn_item *it = &g->c->items[g->item];
    /* a claim's decimals are its stated precision: a correction keeps them
       (one fewer would only make the claim looser) */
    if (g->item == g->r->claimed && e->value.scale != it->value.scale)
        return true;
    if (g->pre != PRE_NONE && e->value.scale <= g->pscale) {
        /* integers at one scale: no decimal arithmetic for the many edits
           that cannot close the check */
        vn_int128 m = g->pre == PRE_RANGE ? e->value.mant : dabs(e->value).mant;
        for (int i = e->value.scale; i < g->pscale; i++)
            m *= 10;    /* at most VN_TYPO_MAX_DIGITS + 2 digits: no overflow */
        if (g->pre == PRE_TARGETS ? m != g->pm[0] && m != g->pm[1] : m < g->pm[0] || m > g->pm[1])
            return true;
    }
    struct sub s = {g->item, e->value, e->value};
    if (!base_of(it, e->value, &s.base) || !holds(g->c, g->r, &s))
        return true;
    return add_cand(g, &s, e->kind, e->text);
}

/* Whether item k is written as a plain number whose value is the item's. */
static bool plain_figure(const struct vn_vctx *c, uint32_t k)
{
    const struct vn_item *it = &c->items[k];
    struct written w;
    struct vn_dec b;
    if (vn_item_hedged(it) || !parse_written(c->s + it->off, it->end - it->off, &w))
        return false;
    return vn_dec_cmp(written_value(&w), it->value) == 0 && base_of(it, it->value, &b) &&
           vn_dec_cmp(b, it->base) == 0;
}

/* The value that closes the check exactly when figure k is solved for (the
 * claim: the result rounded to its decimals); false when the formula is not
 * solved for k this way (an operand of a ratio or a product), or, unless
 * any_sign, when the value would not be positive. */
static bool solve_for(const struct vn_vctx *c, const struct rel *r, uint32_t k, bool any_sign, struct vn_dec *value)
{
    const struct vn_item *K = &c->items[k], *C = &c->items[r->claimed];
    struct vn_dec v;
    if (k == r->claimed) {
        if (!compute(c, r, r->form, NULL, &v))
            return false;
        int d = C->value.scale;
        if (v.scale < d) {
            if (vn_dec_rescale(v, d, value))
                return false;
        } else {
            *value = vn_dec_round(v, d, VN_ROUND_HALF_UP);
        }
        return true;
    }
    struct vn_dec rest = {0, 0};
    switch (r->form) {
    case F_SUM_BASE:
    case F_SUM_VALUE:
        for (size_t i = 0; i < r->n_ops; i++) {
            if (r->ops[i] == k)
                continue;
            const struct vn_item *P = &c->items[r->ops[i]];
            if (vn_dec_add(rest, r->form == F_SUM_BASE ? dabs(P->base) : P->value, &rest))
                return false;
        }
        if (r->form == F_SUM_VALUE)
            return !vn_dec_sub(C->value, rest, value) && (any_sign || value->mant > 0);
        if (vn_dec_sub(dabs(C->base), rest, &v) || (!any_sign && (v.mant <= 0 || K->base.mant < 0)))
            return false;
        return vn_to_unit_of(K, v, value) == VN_OK;
    case F_DIFF:
        if (k == r->ops[0] && !vn_dec_add(C->base, c->items[r->ops[1]].base, &v))
            return vn_to_unit_of(K, v, value) == VN_OK;
        if (k == r->ops[1] && !vn_dec_sub(c->items[r->ops[0]].base, C->base, &v))
            return vn_to_unit_of(K, v, value) == VN_OK;
        return false;
    default:
        return false;
    }
}

/* Figure k of check r has the value of another of its figures: the value
 * that closes r, if any, is a candidate. */
static void try_copy(struct gen *g, uint32_t k)
{
    const struct vn_vctx *c = g->c;
    const struct rel *r = g->r;
    const struct vn_item *K = &c->items[k];
    bool copy = false;      /* (a zero is not taken for a copy: zeros repeat honestly) */
    for (size_t i = 0; i < r->n_ops && !copy && K->value.mant != 0; i++)
        copy = r->ops[i] != k && vn_dec_cmp(c->items[r->ops[i]].value, K->value) == 0 &&
               c->items[r->ops[i]].off != K->off;
    struct vn_dec v;
    if (!copy || !solve_for(c, r, k, false, &v) || v.mant == 0)
        return;
    v = vn_dec_reduce(v);
    int scale = k == r->claimed ? K->value.scale : (v.scale > K->value.scale ? v.scale : K->value.scale);
    struct sub s = {k, v, v};
    char text[64];
    if (!base_of(K, v, &s.base) || !holds(c, r, &s) ||
        !vn_typo_format_like(c->s + K->off, K->end - K->off, v, scale, text, sizeof text))
        return;
    add_cand(g, &s, VN_TYPO_COPY, text);
}

/* [lo, hi] in the unit of K from bounds in base units (đồng for money) */
static bool range_in_unit(struct gen *g, const struct vn_item *K, struct vn_dec lo, struct vn_dec hi)
{
    if (vn_to_unit_of(K, lo, &g->t[0]) || vn_to_unit_of(K, hi, &g->t[1]))
        return false;
    g->pre = PRE_RANGE;
    return true;
}

/* A percentage p = 100 num / den, computed to d + 2 decimals or more and
 * truncated, meets the claim's window [c - u/2, c + u) (whose ends have
 * d + 1 decimals) exactly when 100 num / den does: so num lies in
 * [wlo den / 100, whi den / 100], den in [100 num / whi, 100 num / wlo]
 * (bounds truncated and widened by one unit of the last place), and a
 * total against last year's lines moves the prior one for one with each
 * line and its change. */
static void prefilter_ratio(struct gen *g, uint32_t k)
{
    const struct vn_vctx *c = g->c;
    const struct rel *r = g->r;
    const struct vn_item *C = &c->items[r->claimed], *K = &c->items[k];
    struct vn_dec cl = dabs(C->value), c1, wlo, whi;
    if (cl.scale >= VN_DEC_MAX_SCALE || vn_dec_rescale(cl, cl.scale + 1, &c1))
        return;
    wlo = whi = c1;
    wlo.mant -= 5;
    whi.mant += 10;
    if (wlo.mant <= 0)
        return;
    bool by_value = r->form == F_RATIO_VALUE;
    const struct vn_item *A = &c->items[r->ops[0]];
    struct vn_dec num = by_value ? A->value : A->base, den, lo, hi, t;
    if (r->form == F_RATIO_PRIOR) {
        den.mant = 0;
        den.scale = 0;
        for (size_t i = 1; i + 1 < r->n_ops; i += 2) {
            const struct vn_item *P = &c->items[r->ops[i]], *D = &c->items[r->ops[i + 1]];
            bool dec = (r->decrease >> ((i - 1) / 2)) & 1;
            if ((dec ? vn_dec_add(P->base, dabs(D->base), &t) : vn_dec_sub(P->base, dabs(D->base), &t)) ||
                vn_dec_add(den, t, &den))
                return;
        }
    } else {
        const struct vn_item *B = &c->items[r->ops[1]];
        den = by_value ? B->value : B->base;
    }
    if (den.mant <= 0 || num.mant < 0)
        return;
    const int sc = 12;      /* decimals of the divided bounds */
    struct vn_dec one = {1, sc}, n100, dlo, dhi;
    if (vn_dec_shift(num, 2, &n100) || vn_dec_div(n100, whi, sc, &dlo) || vn_dec_div(n100, wlo, sc, &dhi) ||
        vn_dec_sub(dlo, one, &dlo) || vn_dec_add(dhi, one, &dhi))
        return;
    if (k == r->ops[0]) {
        /* the numerator (the total, against last year) */
        if (vn_dec_mul(wlo, den, &lo) || vn_dec_mul(whi, den, &hi))
            return;
        lo.scale += 2;
        hi.scale += 2;
        if (lo.scale > VN_DEC_MAX_SCALE || hi.scale > VN_DEC_MAX_SCALE)
            return;
        if (by_value) {
            g->t[0] = lo;
            g->t[1] = hi;
            g->pre = PRE_RANGE;
        } else {
            range_in_unit(g, K, lo, hi);
        }
        return;
    }
    if (r->form != F_RATIO_PRIOR) {
        if (by_value) {
            g->t[0] = dlo;
            g->t[1] = dhi;
            g->pre = PRE_RANGE;
        } else {
            range_in_unit(g, K, dlo, dhi);
        }
        return;
    }
    /* a line moves the prior one for one; its change (by magnitude) the
       other way for an increase, the same way for a decrease */
    struct vn_dec a, b;
    if (vn_dec_sub(dlo, den, &a) || vn_dec_sub(dhi, den, &b))
        return;
    for (size_t i = 1; i + 1 < r->n_ops; i += 2) {
        bool dec = (r->decrease >> ((i - 1) / 2)) & 1;
        if (k == r->ops[i]) {
            if (!vn_dec_add(K->base, a, &lo) && !vn_dec_add(K->base, b, &hi))
                range_in_unit(g, K, lo, hi);
            return;
        }
        if (k == r->ops[i + 1]) {
            struct vn_dec x = dabs(K->base);
            if (dec ? vn_dec_add(x, a, &lo) || vn_dec_add(x, b, &hi) : vn_dec_sub(x, b, &lo) || vn_dec_sub(x, a, &hi))
                return;
            if (range_in_unit(g, K, lo, hi))
                g->pre = PRE_ABS_RANGE;
            return;
        }
    }
}

/* g->pre for figure k (see struct gen); PRE_NONE when none is cheap. */
static void prefilter(struct gen *g, uint32_t k)
{
    const struct vn_vctx *c = g->c;
    const struct rel *r = g->r;
    const struct vn_item *C = &c->items[r->claimed], *K = &c->items[k];
    int d = C->value.scale;
    struct vn_dec v;
    g->pre = PRE_NONE;
    if (k == r->claimed) {
        /* the claims with d decimals that v gives are |v| rounded half-up
           and truncated to d decimals */
        if (!compute(c, r, r->form, NULL, &v))
            return;
        v = dabs(v);
        if (v.scale < d && vn_dec_rescale(v, d, &v))
            return;
        g->t[0] = vn_dec_round(v, d, VN_ROUND_HALF_UP);
        g->t[1] = vn_dec_round(v, d, VN_ROUND_TRUNCATE);
        g->pre = PRE_TARGETS;
        return;
    }
    if (r->form == F_RATIO_BASE || r->form == F_RATIO_VALUE || r->form == F_RATIO_PRIOR) {
        prefilter_ratio(g, k);
        return;
    }
    if (r->form != F_SUM_BASE && r->form != F_SUM_VALUE && r->form != F_DIFF)
        return;
    /* a sum or a difference moves one for one with the operand: its closing
       values are within one unit of the claim's last digit of the value
       that makes it exact */
    struct vn_dec x, u = {1, d}, w;
    if (!solve_for(c, r, k, true, &x))
        return;
    if (r->form == F_SUM_VALUE) {
        w = u;
    } else {
        struct vn_dec ub = u;
        if (!base_of(C, u, &ub) || vn_to_unit_of(K, ub, &w))
            return;
    }
    if (vn_dec_sub(x, w, &g->t[0]) || vn_dec_add(x, w, &g->t[1]))
        return;
    g->pre = r->form == F_SUM_BASE ? PRE_ABS_RANGE : PRE_RANGE;   /* (that sum adds magnitudes) */
}

/* g->t as mantissas at the largest scale an edit of figure k may have
 * (one decimal more than written): targets exactly (they have the claim's
 * scale), a range widened by one unit of that place. */
static void pre_mantissas(struct gen *g, uint32_t k)
{
    if (g->pre == PRE_NONE)
        return;
    int sc = g->c->items[k].value.scale + 1;
    g->pscale = sc;
    for (int i = 0; i < 2; i++) {
        struct vn_dec t = g->t[i];
        if (t.scale <= sc) {
            if (vn_dec_rescale(t, sc, &t)) {
                g->pre = PRE_NONE;
                return;
            }
            g->pm[i] = t.mant;
        } else if (g->pre == PRE_TARGETS) {
            g->pre = PRE_NONE;
            return;
        } else {
            g->pm[i] = vn_dec_round(t, sc, VN_ROUND_TRUNCATE).mant + (i ? 1 : -1);
        }
    }
}

static vn_status propose(struct vn_vctx *c, struct vn_suspects *S, const struct rel *r)
{
    struct gen g = {.c = c, .S = S, .r = r, .first = S->n_cands};
    for (size_t i = 0; i <= r->n_ops && !g.oom && !g.many; i++) {
        uint32_t k = i < r->n_ops ? r->ops[i] : r->claimed;
        bool dup = false;
        for (size_t j = 0; j < i && j < r->n_ops; j++)
            dup |= r->ops[j] == k;
        if (dup || !plain_figure(c, k))
            continue;
        g.item = k;
        const struct vn_item *it = &c->items[k];
        prefilter(&g, k);
        pre_mantissas(&g, k);
        vn_typo_edits(c->s + it->off, it->end - it->off, try_edit, &g);
        g.pre = PRE_NONE;
        if (!g.oom && !g.many)
            try_copy(&g, k);
    }
    if (g.oom)
        return VN_ENOMEM;
    if (g.many)
        S->n_cands = g.first;   /* a check that many corrections close names none */
    return VN_OK;
}

/* ---- the cross-check ---------------------------------------------------- */

static int link_cmp(const void *a, const void *b)
{
    const struct link *x = a, *y = b;
    if (x->item != y->item)
        return x->item < y->item ? -1 : 1;
    return x->rel < y->rel ? -1 : x->rel > y->rel;
}

/* The links of item k: [*lo, *hi) of the sorted links. */
static void links_of(const struct vn_suspects *S, uint32_t k, size_t *lo, size_t *hi)
{
    size_t a = 0, b = S->n_links;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (S->links[m].item < k)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    while (b < S->n_links && S->links[b].item == k)
        b++;
    *hi = b;
}

static void cross_check(const struct vn_vctx *c, struct vn_suspects *S, struct cand *cd)
{
    size_t lo, hi;
    links_of(S, cd->s.item, &lo, &hi);
    if (hi - lo > MAX_CHECKS_PER_FIGURE)
        hi = lo + MAX_CHECKS_PER_FIGURE;
    for (size_t i = lo; i < hi; i++) {
        struct rel *r = &S->rels[S->links[i].rel];
        if (!usable(c, r))
            continue;
        bool ok = holds(c, r, &cd->s);
        if (r->inconsistent) {
            cd->n_inc++;
            cd->closes += ok;
        } else if (!ok) {
            cd->breaks = true;
        }
    }
}

static int cand_cmp(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->s.item != y->s.item)
        return x->s.item < y->s.item ? -1 : 1;
    int v = vn_dec_cmp(x->s.value, y->s.value);
    return v ? v : (int)x->kind - (int)y->kind;
}

/* The candidates of item k: [*lo, *hi) of the sorted candidates. */
static void cands_of(const struct vn_suspects *S, uint32_t k, size_t *lo, size_t *hi)
{
    size_t a = 0, b = S->n_cands;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (S->cands[m].s.item < k)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    while (b < S->n_cands && S->cands[b].s.item == k)
        b++;
    *hi = b;
}

static vn_status attach(struct vn_vctx *c, const struct rel *r, const struct cand *const *pick, size_t n)
{
    struct vn_suspect *out = vn_arena_alloc(c->records->arena, n * sizeof *out);
    if (!out)
        return VN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const struct cand *cd = pick[i];
        const struct vn_item *it = &c->items[cd->s.item];
        out[i].figure.off = it->off;
        out[i].figure.len = it->end - it->off;
        out[i].line = it->line;
        out[i].col = it->line >= 1 && it->line <= c->text->n_lines
                         ? (uint32_t)vn_normtext_col_of(c->text, it->line, it->off)
                         : 1;
        out[i].should_be = vn_arena_strndup(c->records->arena, cd->text, strlen(cd->text));
        if (!out[i].should_be)
            return VN_ENOMEM;
        out[i].kind = cd->kind;
        out[i].closes = cd->closes ? cd->closes : 1;
    }
    r->chk->suspects = out;
    r->chk->n_suspects = n;
    return VN_OK;
}

/* Proposes the corrections of every inconsistent check. With two threads,
 * the second half of the checks on a thread of its own, into its own list,
 * appended after the first half's: the same list as in one pass. */
struct propose_run {
    struct vn_vctx *c;
    struct vn_suspects part;    /* its candidates */
    const uint32_t *rels;
    size_t n;
    struct rel *all;
    vn_status st;
};

static void *propose_half(void *arg)
{
    struct propose_run *p = arg;
    for (size_t i = 0; i < p->n && !p->st; i++)
        p->st = propose(p->c, &p->part, &p->all[p->rels[i]]);
    return NULL;
}

static vn_status propose_all(struct vn_vctx *c, struct vn_suspects *S)
{
    uint32_t *todo = vn_malloc((S->n_rels ? S->n_rels : 1) * sizeof *todo);
    if (!todo)
        return VN_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < S->n_rels; i++)
        if (S->rels[i].inconsistent && usable(c, &S->rels[i]))   /* usable() settles a check's form: here, once */
            todo[n++] = (uint32_t)i;
    if (n > VN_SUSPECT_MAX_CHECKS) {    /* a document of thousands of slips: the first ones (a note says so) */
        c->suspects_skipped = n - VN_SUSPECT_MAX_CHECKS;
        n = VN_SUSPECT_MAX_CHECKS;
    }
    vn_status st = VN_OK;
    size_t half = c->v && c->v->threads >= 2 && n >= 64 ? n / 2 : n;
    struct propose_run b = {.c = c, .rels = todo + half, .n = n - half, .all = S->rels};
    pthread_t th;
    bool threaded = half < n && pthread_create(&th, NULL, propose_half, &b) == 0;
    for (size_t i = 0; i < half && !st; i++)
        st = propose(c, S, &S->rels[todo[i]]);
    if (threaded)
        pthread_join(th, NULL);
    else if (half < n)
        propose_half(&b);
    if (!st)
        st = b.st;
    if (!st && b.part.n_cands) {
        if (!vn_grow((void **)&S->cands, &S->cap_cands, S->n_cands + b.part.n_cands, sizeof *S->cands))
            st = VN_ENOMEM;
        else {
            memcpy(S->cands + S->n_cands, b.part.cands, b.part.n_cands * sizeof *S->cands);
            S->n_cands += b.part.n_cands;
        }
    }
    vn_free(b.part.cands);
    vn_free(todo);
    return st;
}

vn_status vn_suspect_resolve(struct vn_vctx *c)
{
    struct vn_suspects *S = c->suspects;
    if (!S)
        return VN_OK;
    bool any = false;
    for (size_t i = 0; i < S->n_rels; i++) {
        S->rels[i].ops = S->pool + S->rels[i].op0;     /* the pool grows no more */
        any |= S->rels[i].inconsistent;
    }
    if (!any)
        return VN_OK;
    vn_status st = propose_all(c, S);
    if (st)
        return st;
    if (S->n_links)     /* qsort's array may not be NULL, even when empty */
        qsort(S->links, S->n_links, sizeof *S->links, link_cmp);
    if (S->n_cands)
        qsort(S->cands, S->n_cands, sizeof *S->cands, cand_cmp);
    for (size_t i = 0; i < S->n_cands; i++)
        cross_check(c, S, &S->cands[i]);
    /* per check: the candidates of its figures (proposed by any check)
       that make it hold and break no consistent check; those that make
       every inconsistent check of their figure hold, when the figure is in
       several, first */
    for (size_t ri = 0; ri < S->n_rels; ri++) {
        const struct rel *r = &S->rels[ri];
        if (!r->inconsistent || r->form == F_NONE)
            continue;
        const struct cand *pool[VN_SUSPECT_MAX_LISTED + 1], *strong[VN_SUSPECT_MAX_LISTED + 1];
        size_t np = 0, ns = 0;
        for (size_t f = 0; f <= r->n_ops; f++) {
            uint32_t k = f < r->n_ops ? r->ops[f] : r->claimed;
            bool dup = false;
            for (size_t j = 0; j < f && j < r->n_ops; j++)
                dup |= r->ops[j] == k;
            if (dup)
                continue;
            size_t lo, hi;
            cands_of(S, k, &lo, &hi);
            if (hi - lo > MAX_CANDS_PER_FIGURE)
                hi = lo + MAX_CANDS_PER_FIGURE;     /* (a figure in very many checks) */
            for (size_t i = lo; i < hi; i++) {
                const struct cand *cd = &S->cands[i];
                if (i > lo && cd[-1].s.item == cd->s.item && vn_dec_cmp(cd[-1].s.value, cd->s.value) == 0)
                    continue;   /* the same correction, proposed by another check */
                if (cd->breaks || !holds(c, r, &cd->s))
                    continue;
                if (np <= VN_SUSPECT_MAX_LISTED)
                    pool[np] = cd;
                np++;
                if (cd->n_inc >= 2 && cd->closes == cd->n_inc) {
                    if (ns <= VN_SUSPECT_MAX_LISTED)
                        strong[ns] = cd;
                    ns++;
                }
            }
        }
        const struct cand **pick = ns ? strong : pool;
        size_t n = ns ? ns : np;
        if (n == 0 || n > VN_SUSPECT_MAX_LISTED)
            continue;
        /* in the order of the text */
        for (size_t a = 1; a < n; a++)
            for (size_t b = a; b > 0 && c->items[pick[b - 1]->s.item].off > c->items[pick[b]->s.item].off; b--) {
                const struct cand *t = pick[b];
                pick[b] = pick[b - 1];
                pick[b - 1] = t;
            }
        st = attach(c, r, pick, n);
        if (st)
            return st;
    }
    return VN_OK;
}
