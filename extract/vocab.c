/* Vocabulary tables: parsed from vocab/NAME.tsv text (built in or read from
 * a folder), case-folded once, and matched at or before a position. */
#include "common/alloc.h"
#include "extract/vocab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "extract/chars.h"

extern const unsigned char vn_vocab_units[], vn_vocab_hedges[], vn_vocab_kinds[], vn_vocab_measures[],
    vn_vocab_not_money[], vn_vocab_numerals[], vn_vocab_roles[], vn_vocab_links[], vn_vocab_sections[], vn_vocab_conversions[];
extern const size_t vn_vocab_units_len, vn_vocab_hedges_len, vn_vocab_kinds_len, vn_vocab_measures_len,
    vn_vocab_not_money_len, vn_vocab_numerals_len, vn_vocab_roles_len, vn_vocab_links_len, vn_vocab_sections_len, vn_vocab_conversions_len;

extern const unsigned char vn_vocab_terms[], vn_vocab_nd30_kinds[];
extern const size_t vn_vocab_terms_len, vn_vocab_nd30_kinds_len;

/* The language of the errors of the load running on this thread
 * (vn_vocab_new_dir_cat); NULL: English. */
static _Thread_local const struct vn_catalog *vocab_cat;

/* Entries of at most this many code points are matched with resumption
 * (vn_vocab_match_at_cp); longer ones from their start. */
#define RESUME_CPS 48u

static inline uint32_t fold(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 0x20;
    if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) && !(cp & 1))
        return cp + 1;
    if (cp == 0x1A0 || cp == 0x1AF)
        return cp + 1;
    if (cp >= 0x1EA0 && cp <= 0x1EF9 && !(cp & 1))
        return cp + 1;
    return cp;
}

uint32_t vn_fold_cp(uint32_t cp)
{
    return fold(cp);
}

static bool fold_string(const char *s, size_t n, struct vn_buf *out)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!l)
            return false;
        char enc[4];
        if (vn_buf_append(out, enc, vn_utf8_encode(vn_fold_cp(cp), enc)))
            return false;
        i += l;
    }
    return true;
}

static void table_free(struct vn_vocab_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        vn_free(t->e[i].folded);
        vn_free(t->e[i].written);
        vn_free(t->e[i].cps);
        vn_free(t->e[i].canon);
    }
    vn_free(t->e);
    vn_free(t->keys2);
    vn_free(t->lcp);
    t->e = NULL;
    t->keys2 = NULL;
    t->lcp = NULL;
    t->n = 0;
}

void vn_vocab_free(struct vn_vocab *v)
{
    if (!v)
        return;
    table_free(&v->units);
    table_free(&v->hedges);
    table_free(&v->kinds);
    table_free(&v->measures);
    table_free(&v->not_money);
    table_free(&v->numerals);
    table_free(&v->roles);
    table_free(&v->links);
    table_free(&v->sections);
    table_free(&v->conversions);
    table_free(&v->terms);
    table_free(&v->nd30_kinds);
    for (size_t i = 0; i < v->n_dimensions; i++)
        vn_free(v->dimensions[i]);
    vn_free(v->dimensions);
    vn_free(v);
}

/* By key byte, then longest first: a lookup scans only the entries that
 * can match, and the first match is the longest. */
static int cmp_key_len(const void *a, const void *b)
{
    const struct vn_vocab_entry *x = a, *y = b;
    uint32_t kx = x->key & 0xFF, ky = y->key & 0xFF;
    if (kx != ky)
        return kx < ky ? -1 : 1;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

typedef vn_status (*field_fn)(struct vn_vocab *v, struct vn_vocab_entry *e, const char *field, size_t n,
                              int col);

/* A field of 1..max_digits decimal digits; false if it is anything else. */
static bool small_number(const char *f, size_t n, size_t max_digits, int *out)
{
    if (n == 0 || n > max_digits)
        return false;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i] < '0' || f[i] > '9')
            return false;
        x = x * 10 + (f[i] - '0');
    }
    *out = x;
    return true;
}

static vn_status units_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n, int col)
{
    (void)v;
    if (col == 1) {
        int p;
        if (!small_number(f, n, 2, &p) || p > 18)
            return VN_EVOCAB;
        e->value = p;
        return VN_OK;
    }
    if (col == 2) {
        /* comma- or space-separated flags */
        const char *end = f + n;
        while (f < end) {
            const char *w = f;
            while (f < end && *f != ',' && *f != ' ')
                f++;
            size_t wl = (size_t)(f - w);
            if (wl == 4 && !memcmp(w, "bare", 4))
                e->flags |= VN_UNIT_BARE;
            else if (wl == 4 && !memcmp(w, "dong", 4))
                e->flags |= VN_UNIT_DONG;
            else if (wl == 5 && !memcmp(w, "short", 5))
                e->flags |= VN_UNIT_SHORT;
            else if (wl)
                return VN_EVOCAB;
            while (f < end && (*f == ',' || *f == ' '))
                f++;
        }
        return VN_OK;
    }
    return VN_EVOCAB;
}

static vn_status hedges_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n, int col)
{
    (void)v;
    if (col != 1)
        return VN_EVOCAB;
    if (n == 5 && !memcmp(f, "lower", 5))
        e->value = VN_HEDGE_LOWER;
    else if (n == 5 && !memcmp(f, "upper", 5))
        e->value = VN_HEDGE_UPPER;
    else if (n == 6 && !memcmp(f, "approx", 6))
        e->value = VN_HEDGE_APPROX;
    else if (n == 8 && !memcmp(f, "estimate", 8))
        e->value = VN_HEDGE_ESTIMATE;
    else
        return VN_EVOCAB;
    return VN_OK;
}

static vn_status kinds_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n, int col)
{
    (void)v;
    if (col != 1)
        return VN_EVOCAB;
    if (n == 6 && !memcmp(f, "strong", 6))
        e->flags |= VN_KIND_STRONG;
    else if (n)
        return VN_EVOCAB;
    return VN_OK;
}

static vn_status measures_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n,
                                int col)
{
    if (col != 1 || n == 0)
        return VN_EVOCAB;
    for (size_t i = 0; i < v->n_dimensions; i++)
        if (strlen(v->dimensions[i]) == n && !memcmp(v->dimensions[i], f, n)) {
            e->value = (int)i;
            return VN_OK;
        }
    char **d = vn_realloc(v->dimensions, (v->n_dimensions + 1) * sizeof *d);
    if (!d)
        return VN_ENOMEM;
    v->dimensions = d;
    d[v->n_dimensions] = vn_strndup(f, n);
    if (!d[v->n_dimensions])
        return VN_ENOMEM;
    e->value = (int)v->n_dimensions++;
    return VN_OK;
}

static vn_status numerals_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n,
                                int col)
{
    (void)v;
    static const char *roles[] = {"digit", "ten", "tens", "hundred", "filler", "scale"};
    if (col == 1) {
        for (unsigned i = 0; i < sizeof roles / sizeof roles[0]; i++)
            if (strlen(roles[i]) == n && !memcmp(roles[i], f, n)) {
                e->flags = i;
                return VN_OK;
            }
        return VN_EVOCAB;
    }
    if (col == 2)
        return small_number(f, n, 3, &e->value) ? VN_OK : VN_EVOCAB;
    return VN_EVOCAB;
}

/* conversions.tsv: base unit (registered as a dimension name), power of ten */
static vn_status conversions_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n, int col)
{
    if (col == 1) {
        vn_status st = measures_field(v, e, f, n, 1);
        e->flags = (unsigned)e->value;
        return st;
    }
    if (col == 2)
        return small_number(f, n, 2, &e->value) ? VN_OK : VN_EVOCAB;
    return VN_EVOCAB;
}

/* terms.tsv: the canonical form of the phrase, case-folded ("-": not a
 * content word; "@name": a marker such as @plan, @estimate) */
static vn_status terms_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n, int col)
{
    (void)v;
    if (col != 1 || n == 0 || e->canon)
        return VN_EVOCAB;
    struct vn_buf b;
    vn_buf_init(&b, 256);
    if (!fold_string(f, n, &b)) {
        vn_buf_free(&b);
        return VN_EVOCAB;
    }
    size_t len;
    e->canon = vn_buf_detach(&b, &len);
    return e->canon ? VN_OK : VN_ENOMEM;
}

/* nd30_kinds.tsv: the abbreviation, as written (its case matters: "TTr") */
static vn_status abbrev_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n, int col)
{
    (void)v;
    if (col != 1 || n == 0 || e->canon)
        return VN_EVOCAB;
    e->canon = vn_strndup(f, n);
    return e->canon ? VN_OK : VN_ENOMEM;
}

/* "dimension:value" of roles.tsv and links.tsv */
static vn_status roles_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n, int col)
{
    (void)v;
    static const char *const dims[VN_ROLE_NDIMS][19] = {
        {"", "total", "allocated", "unallocated", "disbursed", "estimate", "undisbursed", NULL},
        {"", "central", "local", "other", NULL},
        {"", "investment", "recurrent", NULL},
        {"", "breakdown", "exhaustive", "plan", "increase", "decrease", "prior", "remainder", "total", "rate",
         "share", "period", "equal", "excess", "growth", "relative", "per_head", "population", NULL},
        {"", "program", "project", "subproject", "content", NULL},
    };
    static const char *const dim_names[VN_ROLE_NDIMS] = {"what", "source", "capital", "link", "section"};
    const char *colon = memchr(f, ':', n);
    if (col != 1 || !colon)
        return VN_EVOCAB;
    size_t dn = (size_t)(colon - f), vn = n - dn - 1;
    for (int d = 0; d < VN_ROLE_NDIMS; d++) {
        if (strlen(dim_names[d]) != dn || memcmp(dim_names[d], f, dn))
            continue;
        for (int i = 1; dims[d][i]; i++)
            if (strlen(dims[d][i]) == vn && !memcmp(dims[d][i], colon + 1, vn)) {
                e->value = d * 32 + i;     /* VN_ROLE_DIM / VN_ROLE_VALUE */
                return VN_OK;
            }
    }
    return VN_EVOCAB;
}

static vn_status no_field(struct vn_vocab *v, struct vn_vocab_entry *e, const char *f, size_t n, int col)
{
    (void)v; (void)e; (void)f; (void)n; (void)col;
    return VN_EVOCAB;
}

static uint32_t key_cp(const char *s, size_t n, bool last)
{
    uint32_t cp = 0;
    size_t i = last ? vn_utf8_prev(s, n) : 0;
    vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    return cp;
}

/* e->cps, e->ncps and e->next from e->folded (well-formed: checked when
 * it was folded). */
static vn_status entry_cps(struct vn_vocab_entry *e, bool suffix)
{
    e->cps = vn_malloc((e->len ? e->len : 1) * sizeof *e->cps);
    if (!e->cps)
        return VN_ENOMEM;
    e->ncps = 0;
    for (size_t i = 0; i < e->len;) {
        uint32_t cp = 0;
        size_t l = vn_utf8_decode((const unsigned char *)e->folded + i, e->len - i, &cp);
        if (!l)
            return VN_EVOCAB;
        e->cps[e->ncps++] = cp;
        i += l;
    }
    uint32_t next = 0;
    /* (a key that is a space matches a run of blanks: no next to test) */
    if (e->ncps >= 2 && e->cps[suffix ? e->ncps - 1 : 0] != ' ')
        next = suffix ? e->cps[e->ncps - 2] : e->cps[1];
    e->next = next == ' ' ? 0 : next;
    return VN_OK;
}

static vn_status parse_table(struct vn_vocab *v, struct vn_vocab_table *t, const char *name,
                             const char *text, size_t len, field_fn fn, int min_cols, struct vn_error *err)
{
    size_t cap = 0, line = 0;
    const char *p = text, *end = text + len;
    vn_status st = VN_OK;
    while (p < end && !st) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        const char *q = le;
        while (q > p && (q[-1] == '\r' || q[-1] == ' '))
            q--;
        if (q > p && *p != '#') {
            if (t->n == cap) {
                cap = cap ? cap * 2 : 32;
                struct vn_vocab_entry *e = vn_realloc(t->e, cap * sizeof *e);
                if (!e) {
                    st = VN_ENOMEM;
                    break;
                }
                t->e = e;
            }
            struct vn_vocab_entry *e = &t->e[t->n];
            memset(e, 0, sizeof *e);
            const char *f = p;
            int col = 0;
            while (!st) {
                const char *tab = memchr(f, '\t', (size_t)(q - f));
                const char *fe = tab ? tab : q;
                if (col == 0) {
                    struct vn_buf b;
                    vn_buf_init(&b, 1024);
                    if (fe == f || !fold_string(f, (size_t)(fe - f), &b)) {
                        vn_buf_free(&b);
                        st = VN_EVOCAB;
                        break;
                    }
                    e->folded = vn_buf_detach(&b, &e->len);
                    e->written = vn_strndup(f, (size_t)(fe - f));
                    if (!e->folded || !e->written) {
                        vn_free(e->folded);
                        vn_free(e->written);
                        st = VN_ENOMEM;
                        break;
                    }
                    t->n++;
                } else {
                    st = fn(v, e, f, (size_t)(fe - f), col);
                }
                col++;
                if (!tab)
                    break;
                f = tab + 1;
            }
            if (!st && col < min_cols)
                st = VN_EVOCAB;     /* a required column is missing */
        }
        p = nl ? nl + 1 : end;
    }
    if (st) {
        if (err) {
            err->code = st;
            err->line = line;
            err->col = 0;
            err->offset = 0;
            snprintf(err->message, sizeof err->message, vn_tr(vocab_cat, "vocabulary %s.tsv, line %zu: %s"), name,
                     line, st == VN_EVOCAB ? vn_tr(vocab_cat, "malformed entry (see the table's header for its columns)")
                                           : vn_strerror(st));
        }
        return st;
    }
    if (t->n > UINT16_MAX) {
        if (err) {
            err->code = VN_EVOCAB;
            snprintf(err->message, sizeof err->message,
                     vn_tr(vocab_cat, "vocabulary %s.tsv: too many entries (at most 65535)"), name);
        }
        return VN_EVOCAB;
    }
    for (size_t i = 0; i < t->n; i++) {
        vn_status cst = entry_cps(&t->e[i], t->suffix);
        if (cst) {
            if (err) {
                err->code = cst;
                snprintf(err->message, sizeof err->message, vn_tr(vocab_cat, "vocabulary %s.tsv: %s"), name,
                         cst == VN_EVOCAB ? vn_tr(vocab_cat, "malformed entry (see the table's header for its columns)")
                                          : vn_strerror(cst));
            }
            return cst;
        }
        t->e[i].key = key_cp(t->e[i].folded, t->e[i].len, t->suffix);
        uint32_t k = t->e[i].key & 0xFF;
        t->keys[k >> 6] |= 1ull << (k & 63);
    }
    if (t->n > 1)  /* (an empty table: t->e may be NULL, which qsort may not take) */
        qsort(t->e, t->n, sizeof *t->e, cmp_key_len);
    t->keys2 = vn_malloc((t->n ? t->n : 1) * sizeof *t->keys2);
    t->lcp = vn_calloc(t->n ? t->n : 1, 1);
    if (!t->keys2 || !t->lcp) {
        if (err) {
            err->code = VN_ENOMEM;
            snprintf(err->message, sizeof err->message, vn_tr(vocab_cat, "vocabulary %s.tsv: %s"), name,
                     vn_strerror(VN_ENOMEM));
        }
        return VN_ENOMEM;
    }
    for (size_t i = 0; i < t->n; i++) {
        t->keys2[i].key = t->e[i].key;
        t->keys2[i].next = t->e[i].next;
        const struct vn_vocab_entry *a = &t->e[i], *b = i ? &t->e[i - 1] : NULL;
        if (b && a->ncps <= RESUME_CPS && b->ncps <= RESUME_CPS) {
            size_t k = 0;
            while (k < a->ncps && k < b->ncps && a->cps[k] == b->cps[k])
                k++;
            t->lcp[i] = (uint8_t)k;
        }
    }
    size_t j = 0;
    for (unsigned b = 0; b <= 256; b++) {
        while (j < t->n && (t->e[j].key & 0xFF) < b)
            j++;
        t->first[b] = (uint16_t)j;
    }
    return VN_OK;
}

struct table_spec {
    const char *name;
    size_t offset;      /* of the table in struct vn_vocab */
    field_fn fn;
    bool suffix;
    uint8_t space_mode;
    int min_cols;       /* columns every entry must have */
};

static const struct table_spec SPECS[] = {
    {"units", offsetof(struct vn_vocab, units), units_field, false, 1, 2},
    {"hedges", offsetof(struct vn_vocab, hedges), hedges_field, true, 0, 2},
    {"kinds", offsetof(struct vn_vocab, kinds), kinds_field, true, 0, 1},
    {"measures", offsetof(struct vn_vocab, measures), measures_field, false, 0, 2},
    {"not_money", offsetof(struct vn_vocab, not_money), no_field, false, 0, 1},
    {"numerals", offsetof(struct vn_vocab, numerals), numerals_field, false, 0, 3},
    {"roles", offsetof(struct vn_vocab, roles), roles_field, false, 0, 2},
    {"links", offsetof(struct vn_vocab, links), roles_field, false, 0, 2},
    {"sections", offsetof(struct vn_vocab, sections), roles_field, false, 0, 2},
    {"conversions", offsetof(struct vn_vocab, conversions), conversions_field, false, 0, 3},
    {"terms", offsetof(struct vn_vocab, terms), terms_field, false, 0, 2},
    {"nd30_kinds", offsetof(struct vn_vocab, nd30_kinds), abbrev_field, false, 0, 2},
};
#define N_SPECS (sizeof SPECS / sizeof SPECS[0])

typedef vn_status (*source_fn)(const char *name, void *ctx, char **text, size_t *len, struct vn_error *err);

static vn_status load(source_fn src, void *ctx, struct vn_vocab **out, struct vn_error *err)
{
    *out = NULL;
    struct vn_vocab *v = vn_calloc(1, sizeof *v);
    if (!v)
        return VN_ENOMEM;
    for (size_t i = 0; i < N_SPECS; i++) {
        struct vn_vocab_table *t = (struct vn_vocab_table *)((char *)v + SPECS[i].offset);
        t->suffix = SPECS[i].suffix;
        t->space_mode = SPECS[i].space_mode;
        char *text;
        size_t len;
        vn_status st = src(SPECS[i].name, ctx, &text, &len, err);
        if (!st) {
            st = parse_table(v, t, SPECS[i].name, text, len, SPECS[i].fn, SPECS[i].min_cols, err);
            if (ctx)
                vn_free(text);
        }
        if (st) {
            vn_vocab_free(v);
            return st;
        }
    }
    *out = v;
    return VN_OK;
}

static vn_status builtin_source(const char *name, void *ctx, char **text, size_t *len, struct vn_error *err)
{
    (void)ctx; (void)err;
    static const struct { const char *name; const unsigned char *data; const size_t *len; } B[] = {
        {"units", vn_vocab_units, &vn_vocab_units_len},
        {"hedges", vn_vocab_hedges, &vn_vocab_hedges_len},
        {"kinds", vn_vocab_kinds, &vn_vocab_kinds_len},
        {"measures", vn_vocab_measures, &vn_vocab_measures_len},
        {"not_money", vn_vocab_not_money, &vn_vocab_not_money_len},
        {"numerals", vn_vocab_numerals, &vn_vocab_numerals_len},
        {"roles", vn_vocab_roles, &vn_vocab_roles_len},
        {"links", vn_vocab_links, &vn_vocab_links_len},
        {"sections", vn_vocab_sections, &vn_vocab_sections_len},
        {"conversions", vn_vocab_conversions, &vn_vocab_conversions_len},
        {"terms", vn_vocab_terms, &vn_vocab_terms_len},
        {"nd30_kinds", vn_vocab_nd30_kinds, &vn_vocab_nd30_kinds_len},
    };
    for (size_t i = 0; i < sizeof B / sizeof B[0]; i++)
        if (!strcmp(B[i].name, name)) {
            *text = (char *)B[i].data;
            *len = *B[i].len;
            return VN_OK;
        }
    return VN_EVOCAB;
}

static vn_status dir_source(const char *name, void *ctx, char **text, size_t *len, struct vn_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.tsv", (const char *)ctx, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err) {
            err->code = VN_EIO;
            snprintf(err->message, sizeof err->message,
                     vn_tr(vocab_cat, "cannot open vocabulary %.100s: %s; a --vocab folder must hold every table "
                                      "(copy the installed vocab/ folder and edit the copy)"),
                     path, vn_tr_errno(vocab_cat, errno));
        }
        return VN_EIO;
    }
    struct vn_buf b;
    vn_buf_init(&b, 16u << 20);
    char chunk[8192];
    size_t got;
    vn_status st = VN_OK;
    while (!st && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = vn_buf_append(&b, chunk, got);
    fclose(f);
    if (st) {
        vn_buf_free(&b);
        return st;
    }
    *text = vn_buf_detach(&b, len);
    return *text ? VN_OK : VN_ENOMEM;
}

vn_status vn_vocab_new_builtin(struct vn_vocab **out, struct vn_error *err)
{
    return load(builtin_source, NULL, out, err);
}

vn_status vn_vocab_new_dir_cat(const char *dir, const struct vn_catalog *cat, struct vn_vocab **out,
                               struct vn_error *err)
{
    const struct vn_catalog *saved = vocab_cat;
    vocab_cat = cat;
    vn_status st = vn_vocab_new_dir(dir, out, err);
    vocab_cat = saved;
    return st;
}

vn_status vn_vocab_new_dir(const char *dir, struct vn_vocab **out, struct vn_error *err)
{
    return load(dir_source, (void *)dir, out, err);
}

const char *vn_vocab_hedge_word(const struct vn_vocab *v, int hedge)
{
    if (hedge < 0 || (size_t)hedge >= v->hedges.n)
        return NULL;
    return v->hedges.e[hedge].written;
}

const char *vn_vocab_measure_name(const struct vn_vocab *v, int measure)
{
    if (measure < 0 || (size_t)measure >= v->measures.n)
        return NULL;
    return v->dimensions[v->measures.e[measure].value];
}

static bool has_key(const struct vn_vocab_table *t, uint32_t cp)
{
    uint32_t k = cp & 0xFF;
    return (t->keys[k >> 6] >> (k & 63)) & 1;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The folded code point at s[i] (NONE at the end or on malformed UTF-8). */
#define NONE UINT32_MAX
static inline uint32_t folded_at(const char *s, size_t len, size_t i)
{
    uint32_t cp;
    if (i >= len || !vn_ch_decode((const unsigned char *)s + i, len - i, &cp))
        return NONE;
    return fold(cp);
}

/* The folded code point that ends before s[i] (NONE at the start or on
 * malformed UTF-8). */
static inline uint32_t folded_before(const char *s, size_t i)
{
    if (i == 0)
        return NONE;
    size_t p = vn_ch_prev(s, i);
    uint32_t cp;
    if (!vn_ch_decode((const unsigned char *)s + p, i - p, &cp))
        return NONE;
    return fold(cp);
}

/* Matches e->cps[u..] forwards at s[i]: true when every code point matches,
 * with *end after the last; else *fail is the index of the one that did
 * not. A space matches a run of blanks: 1 to 3 (space_mode 0) or 0 to 2
 * (space_mode 1). With at (at least ncps + 1 long), at[j + 1] is set to the
 * position after cps[j] for each code point matched: the position after a
 * prefix depends only on the prefix (a space run is read greedily), so a
 * later entry sharing that prefix may resume there. */
static inline __attribute__((always_inline)) bool match_fwd(const struct vn_vocab_table *t,
                                                            const struct vn_vocab_entry *e, size_t u, const char *s,
                                                            size_t len, size_t i, size_t *at, size_t *fail,
                                                            size_t *end)
{
    for (; u < e->ncps; u++) {
        uint32_t a = e->cps[u];
        if (a == ' ') {
            size_t k = 0;
            while (i < len && is_blank(s[i]) && k < 3) {
                i++;
                k++;
            }
            if (t->space_mode == 0 ? k == 0 : k > 2)
                break;
        } else {
            if (i >= len)
                break;
            unsigned char c = (unsigned char)s[i];
            if (a < 0x80) {
                /* an ASCII letter: only an ASCII byte folds to it */
                if (c >= 0x80 || fold(c) != a)
                    break;
                i++;
            } else {
                uint32_t b;
                size_t lb = vn_ch_decode((const unsigned char *)s + i, len - i, &b);
                if (!lb || fold(b) != a)
                    break;
                i += lb;
            }
        }
        if (at)
            at[u + 1] = i;
    }
    *fail = u;
    *end = i;
    return u == e->ncps;
}

bool vn_vocab_match_at_cp(const struct vn_vocab_table *t, const char *s, size_t len, size_t pos,
                          struct vn_vocab_match *m)
{
    if (pos >= len)
        return false;
    uint32_t cp;
    size_t l = vn_ch_decode((const unsigned char *)s + pos, len - pos, &cp);
    if (!l)
        return false;
    cp = fold(cp);
    if (!has_key(t, cp))
        return false;
    uint32_t next = 0;     /* the code point after the first, once needed */
    /* Entries are tried longest first, and many share a beginning ("triệu
       đồng", "triệu"): each resumes where the entry tried before it stopped,
       when they share more than that (at[]: where each code point of the
       last entry tried began) */
    size_t at[RESUME_CPS + 1];
    bool have_last = false;     /* an entry of at most RESUME_CPS was tried */
    size_t last_fail = 0;       /* the index of its code point that failed */
    size_t run = SIZE_MAX;      /* code points shared with it: at least the
                                   least lcp[] of the entries since it */
    at[0] = pos;
    at[1] = pos + l;
    for (size_t i = t->first[cp & 0xFF]; i < t->first[(cp & 0xFF) + 1]; i++) {
        const struct vn_vocab_key *k = &t->keys2[i];
        if (t->lcp[i] < run)
            run = t->lcp[i];
        if (k->key != cp)
            continue;
        if (k->next) {
            if (!next)
                next = folded_at(s, len, pos + l);
            if (next != k->next)
                continue;
        }
        const struct vn_vocab_entry *e = &t->e[i];
        /* the first code point is the key (unless it is a space: a run) */
        size_t from = cp == ' ' ? 0 : 1, fail, end;
        bool resumable = e->ncps <= RESUME_CPS;
        if (resumable && have_last) {
            if (run > last_fail)
                continue;   /* it has the code point the last one failed on */
            if (run > from)
                from = run;
        }
        /* (two calls: each is inlined for its case, without the test of at per code point) */
        bool ok = resumable ? match_fwd(t, e, from, s, len, at[from], at, &fail, &end)
                            : match_fwd(t, e, from, s, len, at[from], NULL, &fail, &end);
        have_last = resumable;
        last_fail = fail;
        run = SIZE_MAX;
        if (ok) {
            m->index = (int)i;
            m->start = pos;
            m->end = end;
            return true;
        }
    }
    return false;
}

/* Matches e->cps[0..u) backwards ending at s[i]; sets *start. A space
 * matches a run of one or more blanks. */
static bool match_back(const struct vn_vocab_entry *e, size_t u, const char *s, size_t i, size_t *start)
{
    while (u > 0) {
        uint32_t a = e->cps[--u];
        if (a == ' ') {
            size_t k = 0;
            while (i > 0 && is_blank(s[i - 1])) {
                i--;
                k++;
            }
            if (k == 0)
                return false;
            continue;
        }
        if (i == 0)
            return false;
        unsigned char c = (unsigned char)s[i - 1];
        if (c < 0x80) {     /* an ASCII byte is its own code point */
            if (fold(c) != a)
                return false;
            i--;
            continue;
        }
        size_t pi = vn_ch_prev(s, i);
        uint32_t b;
        if (!vn_ch_decode((const unsigned char *)s + pi, i - pi, &b) || fold(b) != a)
            return false;
        i = pi;
    }
    *start = i;
    return true;
}

bool vn_vocab_match_before(const struct vn_vocab_table *t, const char *s, size_t pos, struct vn_vocab_match *m)
{
    if (pos == 0)
        return false;
    size_t p = vn_ch_prev(s, pos);
    uint32_t cp;
    if (!vn_ch_decode((const unsigned char *)s + p, pos - p, &cp))
        return false;
    cp = fold(cp);
    if (!has_key(t, cp))
        return false;
    uint32_t next = 0;     /* the code point before the last, once needed */
    for (size_t i = t->first[cp & 0xFF]; i < t->first[(cp & 0xFF) + 1]; i++) {
        const struct vn_vocab_key *k = &t->keys2[i];
        if (k->key != cp)
            continue;
        if (k->next) {
            if (!next)
                next = folded_before(s, p);
            if (next != k->next)
                continue;
        }
        const struct vn_vocab_entry *e = &t->e[i];
        size_t start;
        bool ok = cp == ' ' ? match_back(e, e->ncps, s, pos, &start) : match_back(e, e->ncps - 1, s, p, &start);
        if (ok && !vn_ch_word_before(s, start)) {
            m->index = (int)i;
            m->start = start;
            m->end = pos;
            return true;
        }
    }
    return false;
}
