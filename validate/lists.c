/* Lists: a line's figures against the same figures of the lines under it.
 *
 *   list-sum    a line ("1.1. Vốn cân đối ngân sách địa phương: 643.780
 *               triệu đồng") against the sum of its sub-lines ("a. ...",
 *               "b. ...") figure by figure: a plan against the sub-lines'
 *               plans, a disbursement against their disbursements
 *   list-share  a sub-line's percentage in parentheses ("(32,44 %)")
 *               against its figure over its parent line's
 *   difference-remain  a plan, its disbursement and what is left, one to
 *               a line: what is left against the plan less the part
 *
 * Nesting comes from the lines' numbering marks read as a stack of styles,
 * as cmark nests blocks: a style is the shape of a mark ("1.", "1.1.",
 * "a)", "a.1.", "-", "+", "I."; spaces inside a mark, as word-segmented
 * text writes them, do not count); a style seen first opens a level below
 * the current line, a style already open closes the levels below it. A
 * paragraph without a mark after a marked line is that line's body (its
 * figures are the line's when the line states none: "2.2. Phương án phân
 * bổ:" then "Tổng số: 776.880"); before any mark it is a line at the top.
 * A short line that only says "Bao gồm:" or "Trong đó:" belongs to the line
 * before it.
 *
 * A figure's sub-figures are chosen by key: the stage, source and capital
 * its label says (a sub-line's figure of the same stage; else its first
 * figure when that one says nothing against it). The verdict:
 *   - the sum holds: consistent, whatever the list says;
 *   - the sum fails: inconsistent only when the sub-lines are a partition
 *     the text states ("gồm", "bao gồm", "cụ thể" ending the line or on a
 *     line of its own) or one the figures confirm (another figure of the
 *     same line adds up over the same sub-lines), and every sub-line has
 *     its figure; after "trong đó" the sub-lines are a subset, and only a
 *     sum that holds is reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/i18n.h"
#include "validate/validate_internal.h"

#define SHAPE_MAX 12
#define MAX_FACTS 8
#define MAX_STYLES 16

struct lrow {
    uint32_t para;
    int depth;                  /* -1: not part of any list (a table row) */
    uint32_t fact[MAX_FACTS];   /* money or quantities outside parentheses */
    uint32_t n_facts;
    uint32_t share;             /* a percentage in parentheses, VN_NONE */
    bool exhaustive, subset;    /* what the line says of the lines under it */
    bool body_read;             /* a body paragraph's figures were considered */
};

static bool digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static size_t skip_blank(const char *s, size_t i, size_t e)
{
    while (i < e && (s[i] == ' ' || s[i] == '*' || s[i] == '_'))
        i++;
    return i;
}

/* The shape of the mark opening [b, e) ("n.", "n.n.", "a)", "a.n.", "R.",
 * "-"), or "" for none. */
static size_t mark_shape(const char *s, size_t b, size_t e, char *shape)
{
    size_t i = skip_blank(s, b, e), n = 0;
    shape[0] = '\0';
    if (i >= e)
        return b;
    /* bullets */
    if ((s[i] == '-' || s[i] == '+') && i + 1 < e && s[i + 1] == ' ') {
        shape[0] = s[i];
        shape[1] = '\0';
        return i + 1;
    }
    if (i + 3 < e && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xA2 || (unsigned char)s[i + 2] == 0x93) && s[i + 3] == ' ') {
        strcpy(shape, (unsigned char)s[i + 2] == 0xA2 ? "*" : "-");
        return i + 3;
    }
    /* a part: "PHẦN I.", "Phần thứ hai:", "PHẦN 2" (the vocabulary of part
       words is short and closed, as in cmark's block starts) */
    static const char *const parts[] = {"PHẦN ", "Phần ", "PHẦN THỨ ", "Phần thứ "};
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        size_t pl = strlen(parts[k]);
        if (i + pl < e && !memcmp(s + i, parts[k], pl)) {
            size_t j = i + pl;
            while (j < e && s[j] != ' ' && s[j] != '.' && s[j] != ':')
                j++;
            strcpy(shape, "P");
            return j < e ? j + 1 : e;
        }
    }
    if (s[i] == '(') {
        shape[n++] = '(';
        i++;
    }
    for (int tok = 0; tok < 6 && i < e && n + 3 < SHAPE_MAX; tok++) {
        size_t a = i;
        char kind;
        if (digit(s[i])) {
            while (i < e && digit(s[i]))
                i++;
            if (i - a > 3 || (tok > 0 && i - a == 3))
                break;      /* a figure ("2.670.800"), a year */
            kind = 'n';
        } else if (s[i] == 'I' || s[i] == 'V' || s[i] == 'X') {
            while (i < e && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X' || s[i] == 'L'))
                i++;
            if (i - a > 5)
                break;
            kind = 'R';
        } else if (s[i] >= 'a' && s[i] <= 'z') {
            i++;
            kind = 'a';
        } else if ((unsigned char)s[i] == 0xC4 && i + 1 < e && (unsigned char)s[i + 1] == 0x91) {
            i += 2;     /* đ */
            kind = 'a';
        } else if (s[i] >= 'A' && s[i] <= 'Z') {
            i++;
            kind = 'A';
        } else {
            break;
        }
        /* then a closing mark, perhaps after spaces */
        size_t j = i;
        while (j < e && s[j] == ' ')
            j++;
        if (j >= e || (s[j] != '.' && s[j] != ')'))
            break;
        shape[n++] = kind;
        shape[n++] = s[j];
        i = j + 1;
        /* another part of the mark follows ("a . 1 .", "1.2.") or the text */
        size_t k = i;
        while (k < e && s[k] == ' ')
            k++;
        bool more = false;
        if (k < e && s[j] == '.' && (digit(s[k]) || (s[k] >= 'a' && s[k] <= 'z'))) {
            size_t m = k;
            while (m < e && (digit(s[m]) || (s[m] >= 'a' && s[m] <= 'z')) && m - k < 4)
                m++;
            while (m < e && s[m] == ' ')
                m++;
            more = m < e && (s[m] == '.' || s[m] == ')') && (m + 1 >= e || !digit(s[m + 1]));
        }
        if (!more) {
            if (k == i && i < e)
                break;      /* "1.5" glued to a word: not a mark */
            shape[n] = '\0';
            return i;
        }
        i = k;
    }
    shape[0] = '\0';
    return b;
}

/* A short line that only introduces the lines after it ("Bao gồm :",
 * "Trong đó:", "Cụ thể như sau:"): its link, or VN_LINK_NONE. */
static int connector(const struct vn_vctx *c, const struct vn_para *p)
{
    if (p->item1 > p->item0 || p->end - p->off > 48)
        return VN_LINK_NONE;
    size_t i = skip_blank(c->s, p->off, p->end);
    int l = vn_link_at(c, i, p->end, NULL);
    return l == VN_LINK_EXHAUSTIVE || l == VN_LINK_BREAKDOWN ? l : VN_LINK_NONE;
}

/* What the end of a line says of the lines under it: "..., gồm:" */
static int trailing_link(const struct vn_vctx *c, const struct vn_para *p)
{
    size_t e = p->end;
    while (e > p->off && (c->s[e - 1] == ' ' || c->s[e - 1] == '*'))
        e--;
    if (e == p->off || c->s[e - 1] != ':')
        return VN_LINK_NONE;
    size_t from = e - p->off > 40 ? e - 40 : p->off;
    int found = VN_LINK_NONE;
    for (size_t o = from; o < e; o++) {
        if (!vn_word_start(c->s, o, from))
            continue;
        int l = vn_link_at(c, o, e, NULL);
        if (l == VN_LINK_EXHAUSTIVE || l == VN_LINK_BREAKDOWN)
            found = l;
    }
    return found;
}

static void read_row(struct vn_vctx *c, uint32_t pi, size_t text, struct lrow *r)
{
    const struct vn_para *p = &c->paras[pi];
    memset(r, 0, sizeof *r);
    r->para = pi;
    r->share = VN_NONE;
    if (p->item0 == p->item1)
        goto links;     /* no figure: only what its end says */
    /* the first sentence after the mark ("1 . Tổng ...": the mark's dot
       does not end it) */
    uint32_t send = vn_sentence_end(c, p, (uint32_t)text);
    for (uint32_t k = p->item0; k < p->item1; k++) {
        const struct vn_item *it = &c->items[k];
        if (it->kind == VN_IT_PCT) {
            if (it->paren != VN_NONE && r->share == VN_NONE && it->off < send)
                r->share = k;
            continue;
        }
        if ((it->kind != VN_IT_MONEY && it->kind != VN_IT_QTY) || it->paren != VN_NONE || it->slash_den ||
            it->off >= send)
            continue;
        vn_item_roles(c, k);
        if (r->n_facts < MAX_FACTS)
            r->fact[r->n_facts++] = k;
    }
links:;
    int l = trailing_link(c, p);
    r->exhaustive = l == VN_LINK_EXHAUSTIVE;
    r->subset = l == VN_LINK_BREAKDOWN;
}

/* Whether two labels' keys say nothing against each other. */
static bool compatible(const struct vn_item *a, const struct vn_item *b)
{
    int wa = a->what == VN_WHAT_ESTIMATE ? VN_WHAT_DISBURSED : a->what;
    int wb = b->what == VN_WHAT_ESTIMATE ? VN_WHAT_DISBURSED : b->what;
    /* a budget word ("nguồn vốn", "kinh phí") names the money an allocation
       shares out: it goes with an allocated or unallocated figure */
    bool alloc = (wa == VN_WHAT_TOTAL && (wb == VN_WHAT_ALLOCATED || wb == VN_WHAT_UNALLOCATED)) ||
                 (wb == VN_WHAT_TOTAL && (wa == VN_WHAT_ALLOCATED || wa == VN_WHAT_UNALLOCATED));
    return (!wa || !wb || wa == wb || alloc) && (!a->capital || !b->capital || a->capital == b->capital);
}

static bool same_key(const struct vn_item *a, const struct vn_item *b)
{
    return a->what == b->what && a->source == b->source && a->capital == b->capital;
}

/* The child's figure that goes with the parent's figure P. */
static uint32_t child_fact(const struct vn_vctx *c, const struct lrow *ch, const struct vn_item *P, bool primary)
{
    for (uint32_t k = 0; k < ch->n_facts; k++) {
        const struct vn_item *it = &c->items[ch->fact[k]];
        if (vn_item_same_dim(c, it, P) && P->what && same_key(it, P))
            return ch->fact[k];
    }
    for (uint32_t k = 0; k < ch->n_facts; k++) {
        const struct vn_item *it = &c->items[ch->fact[k]];
        if (vn_item_same_dim(c, it, P) && P->what && it->what == P->what)
            return ch->fact[k];
    }
    if (ch->n_facts && primary) {
        const struct vn_item *it = &c->items[ch->fact[0]];
        if (vn_item_same_dim(c, it, P) && compatible(it, P))
            return ch->fact[0];
    }
    return VN_NONE;
}

struct group_sum {
    uint32_t ops[VN_MAX_PARTS];
    size_t n;
    struct vn_dec sum;          /* in the parent figure's base */
    bool complete, ok, matches;
};

static vn_status emit_sum(struct vn_vctx *c, uint32_t claimed, const struct group_sum *g, enum vn_verdict v)
{
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    d.relation = VN_REL_SUM;
    d.rule = "list-sum";
    d.claimed = claimed;
    d.n_ops = g->n;
    memcpy(d.ops, g->ops, g->n * sizeof *g->ops);
    if (vn_to_unit_of(&c->items[claimed], g->sum, &d.computed))
        return VN_OK;
    d.verdict = v;
    char ct[48], comp[64];
    vn_item_text(c, &c->items[claimed], ct, sizeof ct);
    vn_dec_format_vn(d.computed, comp, sizeof comp);
    snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "The %zu lines under it add up to %s, %s the stated %s."), g->n, comp,
             v == VN_VERDICT_CONSISTENT ? vn_trp(VN_CAT(c), "claim", "which is") : vn_trp(VN_CAT(c), "claim", "not"), ct);
    return vn_emit(c, &d);
}

static vn_status emit_share(struct vn_vctx *c, uint32_t pct, uint32_t part, uint32_t whole)
{
    struct vn_relation_draft d;
    memset(&d, 0, sizeof d);
    const struct vn_item *P = &c->items[pct];
    if (c->items[whole].base.mant <= 0 ||
        vn_percent(c->items[part].base, c->items[whole].base, vn_percent_scale(P), &d.computed))
        return VN_OK;
    d.relation = VN_REL_RATIO;
    d.rule = "list-share";
    d.claimed = pct;
    d.ops[0] = part;
    d.ops[1] = whole;
    d.n_ops = 2;
    bool ok = vn_claim_matches(d.computed, P->value);
    d.verdict = ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
    char at[48], bt[48], pt[48], comp[64];
    vn_item_text(c, &c->items[part], at, sizeof at);
    vn_item_text(c, &c->items[whole], bt, sizeof bt);
    vn_item_text(c, P, pt, sizeof pt);
    vn_dec_format_vn(d.computed, comp, sizeof comp);
    snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "Share: %s of the %s above = %s%%, %s the stated %s%%."), at, bt, comp,
             ok ? vn_trp(VN_CAT(c), "claim", "which gives") : vn_trp(VN_CAT(c), "claim", "not"), pt);
    return vn_emit(c, &d);
}

static vn_status check_parent(struct vn_vctx *c, const struct lrow *rows, size_t n, size_t pi)
{
    const struct lrow *R = &rows[pi];
    if (!R->n_facts || R->depth < 0)
        return VN_OK;
    /* the lines one level under it */
    size_t kids[VN_MAX_PARTS], nk = 0;
    for (size_t k = pi + 1; k < n; k++) {
        if (rows[k].depth < 0)
            continue;
        if (rows[k].depth <= R->depth)
            break;
        if (rows[k].depth != R->depth + 1)
            continue;
        if (nk == VN_MAX_PARTS)
            return VN_OK;
        kids[nk++] = k;
    }
    if (nk < 2)
        return VN_OK;
    struct group_sum g[MAX_FACTS];
    uint32_t matched = 0;
    for (uint32_t f = 0; f < R->n_facts; f++) {
        const struct vn_item *P = &c->items[R->fact[f]];
        struct group_sum *G = &g[f];
        memset(G, 0, sizeof *G);
        G->complete = G->ok = true;
        for (size_t k = 0; k < nk; k++) {
            uint32_t it = child_fact(c, &rows[kids[k]], P, f == 0);
            if (it == VN_NONE) {
                G->complete = false;
                continue;
            }
            G->ops[G->n++] = it;
            if (vn_dec_add(G->sum, vn_item_cmp_value(&c->items[it]), &G->sum))
                G->ok = false;
        }
        if (G->n < 2 || !G->ok) {
            G->ok = false;
            continue;
        }
        struct vn_dec v;
        G->matches = !vn_to_unit_of(P, G->sum, &v) && vn_claim_matches(v, P->value);
        matched += G->matches && G->complete;
    }
    for (uint32_t f = 0; f < R->n_facts; f++) {
        const struct group_sum *G = &g[f];
        if (!G->ok)
            continue;
        if (G->matches) {
            vn_status st = emit_sum(c, R->fact[f], G, VN_VERDICT_CONSISTENT);
            if (st)
                return st;
            continue;
        }
        bool partition = R->exhaustive || matched > 0;
        if (R->subset || !partition || !G->complete || vn_item_hedged(&c->items[R->fact[f]]))
            continue;
        vn_status st = emit_sum(c, R->fact[f], G, VN_VERDICT_INCONSISTENT);
        if (st)
            return st;
    }
    /* shares of the first figure, once the lines are known to add up to it
       or the text says they are all of it */
    if (!(g[0].ok && g[0].complete && (g[0].matches || R->exhaustive)))
        return VN_OK;
    for (size_t k = 0; k < nk; k++) {
        const struct lrow *ch = &rows[kids[k]];
        if (ch->share == VN_NONE)
            continue;
        uint32_t part = child_fact(c, ch, &c->items[R->fact[0]], true);
        if (part == VN_NONE)
            continue;
        vn_status st = emit_share(c, ch->share, part, R->fact[0]);
        if (st)
            return st;
    }
    return VN_OK;
}

/* A plan, its disbursement and what is left, one to a line ("- Kế hoạch
 * vốn: 4.500", "- Đã giải ngân: 3.100", "- Chưa giải ngân: 1.400"): the
 * line that says what is left against the plan less the part, when the
 * lines just before it at its level hold exactly one plan and one part of
 * a compatible key (an allocation and what is unallocated likewise). */
static vn_status triads(struct vn_vctx *c, const struct lrow *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct lrow *R = &rows[i];
        if (R->n_facts != 1 || R->depth < 0)
            continue;
        uint32_t u = R->fact[0];
        const struct vn_item *U = &c->items[u];
        int part_stage = U->what == VN_WHAT_UNDISBURSED   ? VN_WHAT_DISBURSED
                         : U->what == VN_WHAT_UNALLOCATED ? VN_WHAT_ALLOCATED
                                                          : VN_WHAT_NONE;
        if (part_stage == VN_WHAT_NONE || U->kind != VN_IT_MONEY)
            continue;
        uint32_t plan = VN_NONE, part = VN_NONE;
        int plans = 0, parts = 0;
        for (size_t k = i; k > 0 && i - k < 3; k--) {
            const struct lrow *P = &rows[k - 1];
            if (P->depth != R->depth)
                break;
            for (uint32_t f = 0; f < P->n_facts; f++) {
                const struct vn_item *it = &c->items[P->fact[f]];
                /* the stages differ by design; source and capital may not */
                if (it->kind != VN_IT_MONEY || (it->capital && U->capital && it->capital != U->capital) ||
                    (it->source && U->source && it->source != U->source))
                    continue;
                int w = it->what == VN_WHAT_ESTIMATE ? VN_WHAT_DISBURSED : it->what;
                if (w == VN_WHAT_TOTAL) {
                    plan = P->fact[f];
                    plans++;
                } else if (w == part_stage) {
                    part = P->fact[f];
                    parts++;
                }
            }
        }
        if (plans != 1 || parts != 1 || c->items[plan].off > c->items[part].off)
            continue;
        struct vn_relation_draft d;
        memset(&d, 0, sizeof d);
        struct vn_dec v;
        if (vn_dec_sub(c->items[plan].base, c->items[part].base, &v) || vn_to_unit_of(U, v, &d.computed))
            continue;
        d.relation = VN_REL_DIFFERENCE;
        d.rule = "difference-remain";
        d.claimed = u;
        d.ops[0] = plan;
        d.ops[1] = part;
        d.n_ops = 2;
        bool ok = vn_claim_matches(d.computed, U->value);
        d.verdict = ok ? VN_VERDICT_CONSISTENT : VN_VERDICT_INCONSISTENT;
        char pt[48], at[48], ut[48], comp[64];
        vn_item_text(c, &c->items[plan], pt, sizeof pt);
        vn_item_text(c, &c->items[part], at, sizeof at);
        vn_item_text(c, U, ut, sizeof ut);
        vn_dec_format_vn(d.computed, comp, sizeof comp);
        snprintf(d.message, sizeof d.message, vn_tr(VN_CAT(c), "Plan %s less %s %s leaves %s, %s the stated %s."), pt,
                 part_stage == VN_WHAT_DISBURSED ? vn_trp(VN_CAT(c), "stage", "the disbursed") : vn_trp(VN_CAT(c), "stage", "the allocated"), at, comp,
                 ok ? vn_trp(VN_CAT(c), "claim", "which is") : vn_trp(VN_CAT(c), "claim", "not"), ut);
        vn_status st = vn_emit(c, &d);
        if (st)
            return st;
    }
    return VN_OK;
}

vn_status vn_rules_lists(struct vn_vctx *c)
{
    if (!c->n_paras)
        return VN_OK;
    vn_status ts = vn_table_lines(c);
    if (ts)
        return ts;
    struct lrow *rows = vn_malloc(c->n_paras * sizeof *rows);
    if (!rows)
        return VN_ENOMEM;
    char stack[MAX_STYLES][SHAPE_MAX];
    int depth_n = 0;
    size_t n = 0, last_marked = SIZE_MAX;
    for (uint32_t pi = 0; pi < c->n_paras; pi++) {
        const struct vn_para *p = &c->paras[pi];
        uint32_t line = p->first_line;
        if (c->table_lines[line - 1])
            continue;
        int l = connector(c, p);
        if (l && n) {
            rows[n - 1].exhaustive |= l == VN_LINK_EXHAUSTIVE;
            rows[n - 1].subset |= l == VN_LINK_BREAKDOWN;
            continue;
        }
        char shape[SHAPE_MAX];
        size_t text = mark_shape(c->s, p->off, p->end, shape);
        if (!shape[0] && last_marked != SIZE_MAX) {
            /* a paragraph without a mark after a marked line is that
               line's body: it opens no level; its figures are the line's
               when the line states none, or when it introduces the list
               that follows ("..., trong đó:") */
            struct lrow body;
            read_row(c, pi, text, &body);
            struct lrow *owner = &rows[last_marked];
            if (body.n_facts && (!owner->n_facts || body.exhaustive || body.subset) && !owner->body_read) {
                memcpy(owner->fact, body.fact, sizeof body.fact);
                owner->n_facts = body.n_facts;
                owner->exhaustive = body.exhaustive;
                owner->subset = body.subset;
            }
            owner->body_read |= body.n_facts != 0;
            continue;
        }
        struct lrow *r = &rows[n++];
        read_row(c, pi, text, r);
        if (shape[0])
            last_marked = n - 1;
        int d = 0;
        while (d < depth_n && strcmp(stack[d], shape) != 0)
            d++;
        if (d == depth_n && depth_n < MAX_STYLES) {
            strcpy(stack[depth_n], shape);
            depth_n++;
        }
        if (d >= MAX_STYLES) {
            r->depth = -1;
            continue;
        }
        depth_n = d + 1;
        r->depth = d;
    }
    vn_status st = VN_OK;
    for (size_t i = 0; i < n && !st; i++)
        st = check_parent(c, rows, n, i);
    if (!st)
        st = triads(c, rows, n);
    vn_free(rows);
    return st;
}
