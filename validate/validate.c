/* The validator's entry points; the rules live in the other files of
 * validate/ (see validate_internal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    if (e->len < 2)
        p->n_pairs = VN_PREFIX_PAIRS + 1;   /* a one-byte word: no pairs */
    /* one pair per lower-case first letter: the search folds ASCII
       capitals itself (see list_word_positions) */
    for (int up = 0; up < 1 && p->n_pairs <= VN_PREFIX_PAIRS; up++) {
        uint8_t x = (uint8_t)b, y = (uint8_t)e->folded[1];
        bool have = false;
        for (size_t i = 0; i < p->n_pairs; i++)
            have |= p->pair[i][0] == x && p->pair[i][1] == y;
        if (have)
            continue;
        if (p->n_pairs == VN_PREFIX_PAIRS) {
            p->n_pairs++;
            break;
        }
        p->pair[p->n_pairs][0] = x;
        p->pair[p->n_pairs][1] = y;
        p->n_pairs++;
    }
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
            prefix_add(&v->lists, &links->e[i]);
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
    /* the phases in order (ratios first: they mark the percentages they
       explain); VNAUDIT_TIMING=1 prints each one's time on stderr */
    static const struct {
        const char *name;
        vn_status (*fn)(struct vn_vctx *);
    } phases[] = {
        {"model", vn_model_build},       {"structure", vn_structure_build}, {"ratios", vn_rules_ratios},
        {"press", vn_rules_press},
        {"breakdowns", vn_rules_breakdowns}, {"children", vn_rules_children},   {"sections", vn_rules_sections},
        {"derived", vn_rules_derived},     {"tables", vn_rules_tables}, {"lists", vn_rules_lists},
        {"flowtables", vn_rules_flowtables},
        {"restate", vn_rules_restate},
        {"suspects", vn_suspect_resolve},   /* after every rule: suspect.c */
    };
    bool timing = getenv("VNAUDIT_TIMING") != NULL;
    vn_status st = VN_OK;
    for (size_t i = 0; i < sizeof phases / sizeof phases[0] && !st; i++) {
        struct timespec a, b;
        if (timing)
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
        st = phases[i].fn(&c);
        if (timing) {
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
            fprintf(stderr, "vnaudit: timing validate %s %.1f ms (cpu)\n", phases[i].name,
                    (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6);
        }
    }
    vn_suspect_free(&c);
    vn_model_free(&c);
    return st;
}
