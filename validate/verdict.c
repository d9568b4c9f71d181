/* Verdicts with exact arithmetic, hedges as intervals, and check records.
 *
 * The contract's rule: a claimed value with d decimals is consistent when
 * the exact value rounded half-up or truncated to d decimals equals it.
 * For a non-negative claim c and u = 10^-d that is exactly
 *     c - u/2 <= |exact| < c + u
 * (the union of [c - u/2, c + u/2) for rounding and [c, c + u) for
 * truncation), which is what vn_interval_matches tests, on an interval of
 * exact values when the figures are hedged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/arena.h"
#include "common/table_cells.h"
#include "common/utf8.h"
#include "validate/validate_internal.h"

static struct vn_dec dec_abs(struct vn_dec d)
{
    if (d.mant < 0)
        d.mant = -d.mant;
    return d;
}

/* [c - u/2, c + u) at scale d + 1 */
static bool window(struct vn_dec claimed, struct vn_dec *lo, struct vn_dec *hi)
{
    struct vn_dec c = dec_abs(claimed), c1;
    if (vn_dec_rescale(c, c.scale + 1, &c1))
        return false;
    lo->mant = c1.mant - 5;
    lo->scale = c1.scale;
    hi->mant = c1.mant + 10;
    hi->scale = c1.scale;
    return true;
}

bool vn_interval_matches(struct vn_dec lo, struct vn_dec hi, struct vn_dec claimed)
{
    struct vn_dec wlo, whi;
    if (!window(claimed, &wlo, &whi))
        return false;
    /* negative values compare by magnitude, with the claim's sign */
    if (claimed.mant < 0) {
        struct vn_dec t = dec_abs(hi);
        hi = dec_abs(lo);
        lo = t;
    }
    return vn_dec_cmp(hi, wlo) >= 0 && vn_dec_cmp(lo, whi) < 0;
}

bool vn_claim_matches(struct vn_dec exact, struct vn_dec claimed)
{
    if ((exact.mant < 0) != (claimed.mant < 0) && exact.mant != 0 && claimed.mant != 0)
        return false;
    struct vn_dec lo, hi;
    if (window(claimed, &lo, &hi))
        return vn_interval_matches(dec_abs(exact), dec_abs(exact), dec_abs(claimed));
    /* no room for one more digit (30 decimals, 36 digits): round directly */
    int d = claimed.scale;
    return vn_dec_cmp(vn_dec_round(exact, d, VN_ROUND_HALF_UP), claimed) == 0 ||
           vn_dec_cmp(vn_dec_round(exact, d, VN_ROUND_TRUNCATE), claimed) == 0;
}

int vn_percent_scale(const struct vn_item *claimed)
{
    int s = claimed->value.scale + 2;
    return s < 6 ? 6 : s;
}

vn_status vn_percent(struct vn_dec a, struct vn_dec b, int scale, struct vn_dec *out)
{
    struct vn_dec a100;
    vn_status st = vn_dec_shift(a, 2, &a100);
    if (!st)
        st = vn_dec_div(a100, b, scale, out);
    return st;
}

bool vn_item_hedged(const struct vn_item *it)
{
    return it->hedge == VN_HEDGE_LOWER || it->hedge == VN_HEDGE_UPPER || it->hedge == VN_HEDGE_APPROX;
}

struct vn_dec vn_item_cmp_value(const struct vn_item *it)
{
    return it->base;
}

/* value * num / 100, exact (scale grows by 2) */
static struct vn_dec percent_of(struct vn_dec v, int num)
{
    struct vn_dec r = v;
    r.mant = v.mant * num;
    r.scale = v.scale + 2;
    return r;
}

/* The step of a figure as written, in its base unit: the value of its last
 * digit ("2.400" -> 100, "39.565" -> 1, "60,5" -> 0,1). A writer who rounds
 * says no more than that digit. */
static bool written_step(const struct vn_item *it, struct vn_dec *step)
{
    struct vn_dec v = it->value, u = {1, 0};
    if (v.mant < 0)
        v.mant = -v.mant;
    if (v.scale > 0) {
        u.scale = v.scale;
    } else {
        for (vn_int128 m = v.mant; m != 0 && m % 10 == 0 && u.mant < ((vn_int128)1 << 100); m /= 10)
            u.mant *= 10;
    }
    int p = it->kind == VN_IT_MONEY ? it->pow10 : 0;
    return !vn_dec_shift(u, p, step);
}

static struct vn_dec dec_min(struct vn_dec a, struct vn_dec b)
{
    return vn_dec_cmp(a, b) <= 0 ? a : b;
}

static struct vn_dec dec_max(struct vn_dec a, struct vn_dec b)
{
    return vn_dec_cmp(a, b) >= 0 ? a : b;
}

/* "hơn x": a little above x; "gần x": a little below; "khoảng x": either
 * side. How far: no further than the figure's last written digit ("hơn
 * 18.500" is below 18.600, "khoảng 2.400" within 50 of it, "khoảng 39.565"
 * within half a unit) and never more than 10% one-sided or 5% each way
 * (docs/VALIDATION.md). */
void vn_item_interval(const struct vn_item *it, struct vn_dec *lo, struct vn_dec *hi)
{
    struct vn_dec v = it->base, step, half, t;
    *lo = *hi = v;
    if (v.mant > ((vn_int128)1 << 100) || v.mant < -((vn_int128)1 << 100) || v.mant < 0)
        return;     /* too large to widen safely, or negative: exact is conservative */
    if (it->hedge < 0 || !written_step(it, &step))
        return;
    half = step;
    half.mant *= 5;
    half.scale += 1;
    switch (it->hedge) {
    case VN_HEDGE_LOWER:
        *hi = percent_of(v, 110);
        if (!vn_dec_add(v, step, &t))
            *hi = dec_min(*hi, t);
        break;
    case VN_HEDGE_UPPER:
        *lo = percent_of(v, 90);
        if (!vn_dec_sub(v, step, &t))
            *lo = dec_max(*lo, t);
        break;
    case VN_HEDGE_APPROX:
        *lo = percent_of(v, 95);
        *hi = percent_of(v, 105);
        if (!vn_dec_sub(v, half, &t))
            *lo = dec_max(*lo, t);
        if (!vn_dec_add(v, half, &t))
            *hi = dec_min(*hi, t);
        break;
    default: break;
    }
}

vn_status vn_to_unit_of(const struct vn_item *to, struct vn_dec v_base, struct vn_dec *out)
{
    if (to->kind != VN_IT_MONEY) {
        *out = v_base;
        return VN_OK;
    }
    /* đồng -> the claimed unit: divide by 10^pow10, exactly */
    struct vn_dec r = v_base;
    r.scale += to->pow10;
    if (r.scale > VN_DEC_MAX_SCALE)
        return VN_EOVERFLOW;
    *out = vn_dec_reduce(r);
    return VN_OK;
}

void vn_dec_format_vn(struct vn_dec d, char *buf, size_t cap)
{
    char plain[VN_DEC_STRLEN];
    vn_dec_format(d, plain);
    const char *dot = strchr(plain, '.');
    size_t ilen = dot ? (size_t)(dot - plain) : strlen(plain);
    size_t o = 0, start = plain[0] == '-' ? 1 : 0;
    if (start && o + 1 < cap)
        buf[o++] = '-';
    size_t digits = ilen - start;
    for (size_t i = start; i < ilen && o + 2 < cap; i++) {
        buf[o++] = plain[i];
        size_t left = ilen - i - 1;
        if (left && left % 3 == 0 && digits > 3)
            buf[o++] = '.';
    }
    if (dot) {
        if (o + 1 < cap)
            buf[o++] = ',';
        for (const char *p = dot + 1; *p && o + 1 < cap; p++)
            buf[o++] = *p;
    }
    buf[o < cap ? o : cap - 1] = '\0';
}

void vn_item_text(const struct vn_vctx *c, const struct vn_item *it, char *buf, size_t cap)
{
    size_t n = it->end - it->off;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, c->s + it->off, n);
    buf[n] = '\0';
}

/* ---- check records ----------------------------------------------------- */

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h | 1;   /* 0 marks an empty slot */
}

/* true if (claimed, relation, computed) was emitted before */
static vn_status seen_before(struct vn_vctx *c, const struct vn_relation_draft *d, bool *dup)
{
    struct vn_dec k = vn_dec_reduce(d->computed);
    /* the operands as a set (order-free): relations that agree on a value
       but not on their figures do not hide each other */
    uint64_t ops = 0;
    for (size_t i = 0; i < d->n_ops; i++)
        ops += mix((uint64_t)d->ops[i] + 0x9E37);
    uint64_t key = mix(((uint64_t)d->claimed << 8) ^ ((uint64_t)d->relation << 4) ^ (uint64_t)k.mant ^
                       ((uint64_t)k.scale << 56) ^ mix(ops));
    if (c->n_seen * 2 >= c->seen_cap) {
        size_t nc = c->seen_cap ? c->seen_cap * 2 : 256;
        uint64_t *t = vn_calloc(nc, sizeof *t);
        if (!t)
            return VN_ENOMEM;
        for (size_t i = 0; i < c->seen_cap; i++)
            if (c->seen[i]) {
                size_t j = c->seen[i] & (nc - 1);
                while (t[j])
                    j = (j + 1) & (nc - 1);
                t[j] = c->seen[i];
            }
        vn_free(c->seen);
        c->seen = t;
        c->seen_cap = nc;
    }
    size_t j = key & (c->seen_cap - 1);
    while (c->seen[j]) {
        if (c->seen[j] == key) {
            *dup = true;
            return VN_OK;
        }
        j = (j + 1) & (c->seen_cap - 1);
    }
    c->seen[j] = key;
    c->n_seen++;
    *dup = false;
    return VN_OK;
}

static const char *section_text(struct vn_vctx *c, uint32_t node, uint32_t *line)
{
    while (node != VN_NONE && node != 0 && c->nodes[node].bullet)
        node = c->nodes[node].parent;
    if (node == VN_NONE || node == 0) {
        *line = 0;
        return "";
    }
    const struct vn_node *n = &c->nodes[node];
    const struct vn_para *p = &c->paras[n->para0];
    *line = n->line;
    /* one copy per section, shared by its checks (the records' arena owns
       it); without the cache (out of memory), a copy per check */
    if (!c->section_cache && c->n_nodes)
        c->section_cache = vn_calloc(c->n_nodes, sizeof *c->section_cache);
    if (c->section_cache && c->section_cache[node])
        return c->section_cache[node];
    size_t len = p->end - p->off, cut = len > 100 ? 100 : len;
    /* cut at a character boundary, and at the end of the first sentence */
    while (cut < len && ((unsigned char)c->s[p->off + cut] & 0xC0) == 0x80)
        cut--;
    const char *nl = memchr(c->s + p->off, '\n', cut);
    if (nl)
        cut = (size_t)(nl - (c->s + p->off));
    const char *t = vn_arena_strndup(c->records->arena, c->s + p->off, cut);
    if (t && c->section_cache)
        c->section_cache[node] = t;
    return t ? t : "";
}

/* Whether an item sits in a table row, where only the table rules read:
 * a row's cells side by side are not a sentence. */
vn_status vn_table_lines(struct vn_vctx *c)
{
    if (c->table_lines)
        return VN_OK;
    size_t n = c->text->n_lines;
    c->table_lines = vn_malloc(n ? n : 1);
    if (!c->table_lines)
        return VN_ENOMEM;
    for (size_t i = 0; i < n; i++)
        c->table_lines[i] = vn_table_line_is(c->s, c->text->line_start[i], vn_line_end(c, i));
    return VN_OK;
}

static bool in_table_row(const struct vn_vctx *c, const struct vn_item *it)
{
    return c->table_lines[it->line - 1] != 0;
}

/* The stage a figure's label says, with estimates read as disbursements
 * (an estimate of what will be disbursed) and "not said" as 0. */
static int stage_of(const struct vn_item *it)
{
    if (it->kind == VN_IT_PCT || it->kind == VN_IT_BARE)
        return VN_WHAT_NONE;
    return it->what == VN_WHAT_ESTIMATE ? VN_WHAT_DISBURSED : it->what;
}

/* Whether the stages said of a sum's total and parts allow the relation:
 * the parts are of the total's stage, or they partition a plan by one of
 * the axioms (plan = disbursed + undisbursed = allocated + unallocated).
 * An inconsistent sum whose stages disagree is arithmetic over figures of
 * different kinds, not an error in the report. */
static bool stages_compatible(const struct vn_vctx *c, const struct vn_relation_draft *d)
{
    int total = stage_of(&c->items[d->claimed]);
    bool other = false, axiom_a = false, axiom_b = false;
    for (size_t i = 0; i < d->n_ops; i++) {
        int s = stage_of(&c->items[d->ops[i]]);
        if (s == VN_WHAT_NONE || s == total)
            continue;
        if (total == VN_WHAT_NONE && s != VN_WHAT_TOTAL)
            continue;   /* a total whose stage is not said */
        /* budget words ("kinh phí") name the money an allocation list
           shares out; only a disbursement cannot be a sum of plans */
        if (s == VN_WHAT_TOTAL && total != VN_WHAT_DISBURSED && total != VN_WHAT_UNDISBURSED)
            continue;
        if ((total == VN_WHAT_TOTAL || total == VN_WHAT_NONE) && (s == VN_WHAT_DISBURSED || s == VN_WHAT_UNDISBURSED))
            axiom_a = true;
        else if ((total == VN_WHAT_TOTAL || total == VN_WHAT_NONE) &&
                 (s == VN_WHAT_ALLOCATED || s == VN_WHAT_UNALLOCATED))
            axiom_b = true;
        else
            other = true;
    }
    return !other && !(axiom_a && axiom_b);
}

static vn_status sink_push(struct vn_sink *k, const struct vn_relation_draft *d)
{
    size_t ml = strlen(d->message) + 1, ol = d->n_ops * sizeof *d->ops;
    if (!vn_grow((void **)&k->d, &k->cap, k->n + 1, sizeof *k->d) ||
        !vn_grow((void **)&k->bytes, &k->cap_bytes, k->n_bytes + ol + ml, 1)) {
        k->oom = true;
        return VN_ENOMEM;
    }
    struct vn_sunk *u = &k->d[k->n++];
    u->rule = d->rule;
    u->claimed = d->claimed;
    u->at = (uint32_t)k->n_bytes;
    u->relation = (uint8_t)d->relation;
    u->verdict = (uint8_t)d->verdict;
    u->n_ops = (uint8_t)d->n_ops;
    u->computed = d->computed;
    memcpy(k->bytes + k->n_bytes, d->ops, ol);
    memcpy(k->bytes + k->n_bytes + ol, d->message, ml);
    k->n_bytes += ol + ml;
    return VN_OK;
}

void vn_sink_get(const struct vn_sink *k, size_t i, struct vn_relation_draft *d)
{
    const struct vn_sunk *u = &k->d[i];
    d->rule = u->rule;
    d->claimed = u->claimed;
    d->relation = (enum vn_relation)u->relation;
    d->verdict = (enum vn_verdict)u->verdict;
    d->n_ops = u->n_ops;
    d->computed = u->computed;
    size_t ol = u->n_ops * sizeof *d->ops;
    memcpy(d->ops, k->bytes + u->at, ol);
    snprintf(d->message, sizeof d->message, "%s", k->bytes + u->at + ol);
}

vn_status vn_emit(struct vn_vctx *c, struct vn_relation_draft *d)
{
    /* a rule that finds more relations than a document may hold is stopped
       (validate.c turns this status into a limit-reached finding) */
    if (c->in_rule && ++c->drafts > VN_MAX_CHECKS)
        return VN_ETOOBIG;
    if (c->sink)
        return sink_push(c->sink, d);
    /* a restatement pairs a figure with a table cell by their keys: the
       stages of its words are not a sum's */
    bool restatement = strcmp(d->rule, "restatement") == 0;
    if (!restatement && d->verdict == VN_VERDICT_INCONSISTENT && d->relation == VN_REL_SUM && !stages_compatible(c, d))
        return VN_OK;
    if (strncmp(d->rule, "table-", 6) != 0 && !restatement) {
        vn_status ts = vn_table_lines(c);
        if (ts)
            return ts;
        if (in_table_row(c, &c->items[d->claimed]))
            return VN_OK;
        for (size_t i = 0; i < d->n_ops; i++)
            if (in_table_row(c, &c->items[d->ops[i]]))
                return VN_OK;
    }
    bool dup;
    vn_status st = seen_before(c, d, &dup);
    if (st || dup)
        return st;
    if (c->n_checks >= VN_MAX_CHECKS) {     /* said once, at the end (validate.c) */
        c->checks_dropped++;
        return VN_OK;
    }
    c->n_checks++;
    struct vn_arena *a = c->records->arena;
    struct vn_check *chk = vn_arena_alloc(a, sizeof *chk);
    struct vn_span *ops = vn_arena_alloc(a, (d->n_ops ? d->n_ops : 1) * sizeof *ops);
    uint32_t *lines = vn_arena_alloc(a, (d->n_ops + 1) * sizeof *lines);
    /* the message's figures and labels were cut to bounded buffers: never
       in the middle of a letter in what is kept */
    char *msg = vn_arena_strndup(a, d->message, strlen(d->message));
    if (msg)
        vn_utf8_drop_broken(msg, strlen(msg));
    if (!chk || !ops || !lines || !msg)
        return VN_ENOMEM;
    const struct vn_item *cl = &c->items[d->claimed];
    size_t nl = 0;
    for (size_t i = 0; i <= d->n_ops; i++) {
        const struct vn_item *it = i < d->n_ops ? &c->items[d->ops[i]] : cl;
        if (i < d->n_ops) {
            ops[i].off = it->off;
            ops[i].len = it->end - it->off;
        }
        /* insert the line, keeping the list sorted and unique */
        size_t j = nl;
        while (j > 0 && lines[j - 1] > it->line)
            j--;
        if (j > 0 && lines[j - 1] == it->line)
            continue;
        memmove(lines + j + 1, lines + j, (nl - j) * sizeof *lines);
        lines[j] = it->line;
        nl++;
    }
    memset(chk, 0, sizeof *chk);
    chk->relation = d->relation;
    chk->verdict = d->verdict;
    chk->rule = d->rule;
    chk->claimed.off = cl->off;
    chk->claimed.len = cl->end - cl->off;
    if (cl->kind == VN_IT_PCT) {
        chk->claimed_unit = "%";
    } else if (cl->unit.len) {
        chk->claimed_unit = vn_arena_strndup(a, c->s + cl->unit.off, cl->unit.len);
        if (!chk->claimed_unit)
            return VN_ENOMEM;
    } else {
        chk->claimed_unit = "";
    }
    chk->computed = d->computed;
    chk->operands = ops;
    chk->n_operands = d->n_ops;
    chk->lines = lines;
    chk->n_lines = nl;
    chk->section = section_text(c, c->paras[cl->para].node, &chk->section_line);
    chk->message = msg;
    st = vn_suspect_note(c, d, chk);     /* suspect.c: kept for the cross-check */
    if (st)
        return st;
    struct vn_record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = VN_REC_CHECK;
    rec.text = chk->claimed;
    rec.line = cl->line;
    rec.u.check = chk;
    return vn_records_push(c->records, &rec);
}
