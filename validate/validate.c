/* The validator's entry points; the rules live in the other files of
 * validate/ (see validate_internal.h). */
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "validate/validate_internal.h"

const char *vn_relation_name(enum vn_relation r)
{
    switch (r) {
    case VN_REL_SUM: return "sum";
    case VN_REL_RATIO: return "ratio";
    case VN_REL_DIFFERENCE: return "difference";
    case VN_REL_PRODUCT: return "product";
    }
    return "sum";
}

const char *vn_verdict_name(enum vn_verdict v)
{
    switch (v) {
    case VN_VERDICT_CONSISTENT: return "consistent";
    case VN_VERDICT_INCONSISTENT: return "inconsistent";
    case VN_VERDICT_PARTIAL: return "partial";
    case VN_VERDICT_AMBIGUOUS: return "ambiguous";
    }
    return "ambiguous";
}

static void prefix_add(struct vn_prefix_set *p, const struct vn_vocab_entry *e)
{
    unsigned len = e->len < 4 ? (unsigned)e->len : 4;
    uint64_t k = vn_prefix_key(e->folded, 0, e->len, len);
    size_t h = vn_prefix_hash(k), n = 0;
    while (p->slot[h] && p->slot[h] != k && n++ < VN_PREFIX_SLOTS)
        h = (h + 1) & (VN_PREFIX_SLOTS - 1);
    if (n >= VN_PREFIX_SLOTS - 1)
        return;     /* full: keep the table's first words only */
    p->slot[h] = k;
    p->lens |= (uint8_t)(1u << len);
    unsigned char b = (unsigned char)e->folded[0];
    p->first[b] = true;
    if (b >= 'a' && b <= 'z')
        p->first[b - 32] = true;
}

static void add_needle(struct vn_validator *v, const struct vn_vocab_entry *e)
{
    uint32_t cp;
    size_t first = vn_utf8_decode((const unsigned char *)e->folded, e->len, &cp);
    size_t n = e->len - first;
    if (!first || n == 0 || n >= sizeof v->needle[0])
        return;
    for (size_t i = 0; i < v->n_needles; i++)   /* "rong đó" also finds "rong đó có" */
        if (v->needle_len[i] <= n && !memcmp(v->needle[i], e->folded + first, v->needle_len[i]))
            return;
    if (v->n_needles == sizeof v->needle / sizeof v->needle[0])
        return;
    memcpy(v->needle[v->n_needles], e->folded + first, n);
    v->needle_len[v->n_needles++] = n;
}

vn_status vn_validator_new(const struct vn_vocab *vocab, struct vn_validator **out, struct vn_error *err)
{
    (void)err;
    *out = NULL;
    struct vn_validator *v = calloc(1, sizeof *v);
    if (!v)
        return VN_ENOMEM;
    v->vocab = vocab;
    const struct vn_vocab_table *links = &vocab->links, *roles = &vocab->roles;
    for (size_t i = 0; i < links->n; i++) {
        int l = VN_ROLE_VALUE(links->e[i].value);
        if (l == VN_LINK_BREAKDOWN || l == VN_LINK_EXHAUSTIVE)
            add_needle(v, &links->e[i]);
        prefix_add(&v->labels, &links->e[i]);
    }
    for (size_t i = 0; i < roles->n; i++)
        prefix_add(&v->labels, &roles->e[i]);
    *out = v;
    return VN_OK;
}

void vn_validator_free(struct vn_validator *v)
{
    free(v);
}

size_t vn_records_inconsistent_count(const struct vn_records *r)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->n; i++)
        n += r->items[i].type == VN_REC_CHECK && r->items[i].u.check->verdict == VN_VERDICT_INCONSISTENT;
    return n;
}

vn_status vn_validate(struct vn_validator *v, const struct vn_normtext *text, struct vn_records *records)
{
    struct vn_vctx c;
    memset(&c, 0, sizeof c);
    c.vocab = v->vocab;
    c.v = v;
    c.s = text->data;
    c.len = text->len;
    c.text = text;
    c.records = records;
    vn_status st = vn_model_build(&c);
    if (!st)
        st = vn_structure_build(&c);
    /* ratios first: they mark the percentages they explain */
    if (!st)
        st = vn_rules_ratios(&c);
    if (!st)
        st = vn_rules_breakdowns(&c);
    if (!st)
        st = vn_rules_children(&c);
    if (!st)
        st = vn_rules_sections(&c);
    if (!st)
        st = vn_rules_derived(&c);
    vn_model_free(&c);
    return st;
}
