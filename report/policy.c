/* The policy: rule selection, levels, the failure threshold and the
 * baseline, applied to one document's records at a time (vn_triage_new). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/i18n.h"
#include "report/baseline.h"
#include "report/fingerprint.h"
#include "report/rules.h"
#include "vnaudit/normalize.h"
#include "vnaudit/policy.h"

#define MAX_SELECTORS 256u      /* in each list */
#define MAX_SELECTOR_LEN 64u

struct level_rule {
    char *selector;
    enum vn_severity level;
};

struct vn_policy {
    char *select[MAX_SELECTORS];
    size_t n_select;
    char *ignore[MAX_SELECTORS];
    size_t n_ignore;
    struct level_rule levels[MAX_SELECTORS];    /* the last one that matches wins */
    size_t n_levels;
    enum vn_fail_on fail_on;
    struct vn_baseline baseline;
    bool show_suppressed;
    bool collect;
    struct vn_baseline_rows rows;
    const struct vn_catalog *cat;   /* the errors' language (vn_policy_set_lang); NULL: English */
};

static const char *const groups[] = {"all", "default", "checks", "diagnostics", "nd30"};

static bool is_group(const char *s)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (!strcmp(groups[i], s))
            return true;
    return false;
}

/* Whether a selector names the rule `id` (info: its entry in the table, or
   NULL for a diagnostic rule the table does not know). */
static bool matches(const char *sel, const char *id, const struct vn_rule_info *info)
{
    if (!strcmp(sel, "all"))
        return true;
    if (!strcmp(sel, "default"))
        return !info || !info->off_by_default;
    if (is_group(sel))
        return info ? !strcmp(sel, vn_rule_group_name(info->group)) : !strcmp(sel, "diagnostics");
    size_t n = strlen(sel);
    if (n && sel[n - 1] == '*')
        return !strncmp(sel, id, n - 1);
    return !strcmp(sel, id);
}

/* A selector is a group, a rule of the table, or a prefix of one. */
static bool known(const char *sel)
{
    if (is_group(sel))
        return true;
    size_t n;
    const struct vn_rule_info *t = vn_rule_table(&n);
    for (size_t i = 0; i < n; i++)
        if (matches(sel, t[i].id, &t[i]))
            return true;
    return false;
}

static void free_list(char **list, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        vn_free(list[i]);
    *n = 0;
}

vn_status vn_policy_new(struct vn_policy **out)
{
    *out = vn_calloc(1, sizeof **out);
    if (!*out)
        return VN_ENOMEM;
    (*out)->select[0] = vn_strdup("default");
    if (!(*out)->select[0]) {
        vn_free(*out);
        *out = NULL;
        return VN_ENOMEM;
    }
    (*out)->n_select = 1;
    (*out)->fail_on = VN_FAIL_ON_ERROR;
    return VN_OK;
}

void vn_policy_set_lang(struct vn_policy *p, const char *lang)
{
    p->cat = vn_catalog_for(lang);
}

void vn_policy_free(struct vn_policy *p)
{
    if (!p)
        return;
    free_list(p->select, &p->n_select);
    free_list(p->ignore, &p->n_ignore);
    for (size_t i = 0; i < p->n_levels; i++)
        vn_free(p->levels[i].selector);
    vn_baseline_clear(&p->baseline);
    vn_baseline_rows_clear(&p->rows);
    vn_free(p);
}

/* err says fmt (translated by the caller: vn_tr keeps the check of the
 * arguments against the message id) */
static vn_status bad(struct vn_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static vn_status bad(struct vn_error *err, const char *fmt, ...)
{
    if (err) {
        err->code = VN_ESYNTAX;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return VN_ESYNTAX;
}

/* One selector of a list, blanks around it trimmed, into buf. */
static vn_status next_selector(const struct vn_catalog *cat, const char **pos, char *buf, size_t cap,
                               struct vn_error *err)
{
    const char *s = *pos;
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    const char *e = s;
    while (*e && *e != ',')
        e++;
    const char *t = e;
    while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\n'))
        t--;
    *pos = *e ? e + 1 : e;
    size_t n = (size_t)(t - s);
    if (n >= cap)
        return bad(err, vn_tr(cat, "rule selector too long: '%.64s'"), s);
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (n && !known(buf))
        return bad(err,
                   vn_tr(cat, "unknown rule or group '%.64s' (groups: all, default, checks, diagnostics, nd30; "
                              "the rules: docs/VALIDATION.md)"),
                   buf);
    return VN_OK;
}

static vn_status add_list(const struct vn_catalog *cat, char **list, size_t *n, const char *spec,
                          struct vn_error *err)
{
    char buf[MAX_SELECTOR_LEN + 1];
    for (const char *pos = spec; *pos;) {
        vn_status st = next_selector(cat, &pos, buf, sizeof buf, err);
        if (st)
            return st;
        if (!buf[0])
            continue;
        if (*n == MAX_SELECTORS)
            return bad(err, "%s", vn_tr(cat, "more than 256 rule selectors"));
        if (!(list[*n] = vn_strdup(buf)))
            return VN_ENOMEM;
        (*n)++;
    }
    return VN_OK;
}

vn_status vn_policy_select(struct vn_policy *p, const char *list, struct vn_error *err)
{
    free_list(p->select, &p->n_select);
    return add_list(p->cat, p->select, &p->n_select, list, err);
}

vn_status vn_policy_extend_select(struct vn_policy *p, const char *list, struct vn_error *err)
{
    return add_list(p->cat, p->select, &p->n_select, list, err);
}

vn_status vn_policy_ignore(struct vn_policy *p, const char *list, struct vn_error *err)
{
    return add_list(p->cat, p->ignore, &p->n_ignore, list, err);
}

vn_status vn_policy_set_level(struct vn_policy *p, const char *selector, const char *level, struct vn_error *err)
{
    enum vn_severity sev;
    if (!strcmp(level, "error"))
        sev = VN_SEV_ERROR;
    else if (!strcmp(level, "warning"))
        sev = VN_SEV_WARNING;
    else if (!strcmp(level, "note"))
        sev = VN_SEV_NOTE;
    else
        return bad(err, vn_tr(p->cat, "invalid level '%.64s' (error, warning or note)"), level);
    char buf[MAX_SELECTOR_LEN + 1];
    const char *pos = selector;
    vn_status st = next_selector(p->cat, &pos, buf, sizeof buf, err);
    if (st)
        return st;
    if (!buf[0] || *pos)
        return bad(err, vn_tr(p->cat, "a level is set for one rule or group at a time, not '%.64s'"), selector);
    if (p->n_levels == MAX_SELECTORS)
        return bad(err, "%s", vn_tr(p->cat, "more than 256 levels set"));
    if (!(p->levels[p->n_levels].selector = vn_strdup(buf)))
        return VN_ENOMEM;
    p->levels[p->n_levels++].level = sev;
    return VN_OK;
}

vn_status vn_policy_parse_fail_on(const char *s, enum vn_fail_on *out)
{
    static const char *const names[] = {"error", "warning", "note", "never"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i])) {
            *out = (enum vn_fail_on)i;
            return VN_OK;
        }
    return VN_ESYNTAX;
}

void vn_policy_set_fail_on(struct vn_policy *p, enum vn_fail_on f)
{
    p->fail_on = f;
}

static bool selected(const struct vn_policy *p, const char *id, const struct vn_rule_info *info)
{
    bool in = false;
    for (size_t i = 0; i < p->n_select && !in; i++)
        in = matches(p->select[i], id, info);
    for (size_t i = 0; i < p->n_ignore && in; i++)
        in = !matches(p->ignore[i], id, info);
    return in;
}

bool vn_policy_group_selected(const struct vn_policy *p, const char *group)
{
    size_t n;
    const struct vn_rule_info *t = vn_rule_table(&n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(vn_rule_group_name(t[i].group), group) && selected(p, t[i].id, &t[i]))
            return true;
    return false;
}

vn_status vn_policy_load_baseline(struct vn_policy *p, const char *path, struct vn_error *err)
{
    vn_baseline_clear(&p->baseline);
    return vn_baseline_read(&p->baseline, path, p->cat, err);
}

void vn_policy_show_suppressed(struct vn_policy *p, bool show)
{
    p->show_suppressed = show;
}

void vn_policy_collect_baseline(struct vn_policy *p, bool collect)
{
    p->collect = collect;
}

vn_status vn_policy_write_baseline(const struct vn_policy *p, FILE *out)
{
    return vn_baseline_rows_write(&p->rows, out);
}

void vn_mark_fingerprint(const struct vn_mark *m, char out[33])
{
    vn_fp_hex((struct vn_fp){m->fp_hi, m->fp_lo}, out);
}

/* ---- one document ------------------------------------------------------- */

/* The triage and what it owns besides the marks. */
struct triage {
    struct vn_triage pub;
    struct vn_record *items;    /* the view's records when they are not the document's */
};

void vn_triage_free(struct vn_triage *t)
{
    if (!t)
        return;
    struct triage *tr = (struct triage *)t;
    vn_free(tr->items);
    vn_free(t->marks);
    vn_free(tr);
}

struct fp_at {
    struct vn_fp fp;
    size_t i;
};

static int cmp_fp_at(const void *a, const void *b)
{
    const struct fp_at *x = a, *y = b;
    int c = vn_fp_cmp(x->fp, y->fp);
    return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* Numbers the findings that share a fingerprint, in document order. */
static vn_status number_occurrences(struct vn_triage *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->view.n; i++)
        n += t->marks[i].finding;
    if (!n)
        return VN_OK;
    struct fp_at *a = vn_malloc(n * sizeof *a);
    if (!a)
        return VN_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < t->view.n; i++)
        if (t->marks[i].finding)
            a[k++] = (struct fp_at){{t->marks[i].fp_hi, t->marks[i].fp_lo}, i};
    qsort(a, n, sizeof *a, cmp_fp_at);
    uint32_t occ = 0;
    for (size_t j = 0; j < n; j++) {
        occ = j && vn_fp_eq(a[j].fp, a[j - 1].fp) ? occ + 1 : 1;
        t->marks[a[j].i].occurrence = occ;
    }
    vn_free(a);
    return VN_OK;
}

static enum vn_severity level_of(const struct vn_policy *p, const struct vn_record *rec, const char *id,
                                 const struct vn_rule_info *info)
{
    enum vn_severity lv = rec->type == VN_REC_DIAGNOSTIC ? rec->u.diagnostic.severity
                          : info                         ? info->level
                                                         : VN_SEV_WARNING;
    for (size_t i = 0; i < p->n_levels; i++)
        if (matches(p->levels[i].selector, id, info))
            lv = p->levels[i].level;
    return lv;
}

static vn_status triage(struct vn_policy *p, const char *label, const struct vn_records *r, struct triage *tr)
{
    struct vn_triage *t = &tr->pub;
    size_t table_n;
    const struct vn_rule_info *table = vn_rule_table(&table_n);
    t->view = *r;
    if (!r->n)
        return VN_OK;
    if (!(t->marks = vn_calloc(r->n, sizeof *t->marks)))
        return VN_ENOMEM;
    bool *drop = vn_calloc(r->n, sizeof *drop);
    if (!drop)
        return VN_ENOMEM;
    bool copy = false;
    vn_status st = VN_OK;
    for (size_t i = 0; i < r->n && !st; i++) {
        const struct vn_record *rec = &r->items[i];
        const char *id = vn_finding_rule(rec);
        if (!id)
            continue;
        long ix = vn_rule_find(id);
        const struct vn_rule_info *info = ix >= 0 ? &table[ix] : NULL;
        if (!selected(p, id, info)) {
            t->deselected++;
            drop[i] = copy = true;
            continue;
        }
        struct vn_mark *m = &t->marks[i];
        struct vn_fp fp = vn_fingerprint(r, rec, id);
        const struct vn_baseline_entry *be = vn_baseline_take(&p->baseline, fp);
        m->finding = true;
        m->fp_hi = fp.hi;
        m->fp_lo = fp.lo;
        m->level = level_of(p, rec, id, info);
        m->suppressed = be != NULL;
        m->justification = be ? be->justification : "";
        if (p->collect) {
            size_t a, b;
            vn_statement_of(r, rec, &a, &b);
            st = vn_baseline_rows_add(&p->rows, fp, id, label, rec->line, r->text->data + a, b - a,
                                      m->justification);
        }
        if (be) {
            t->suppressed++;
            if (!p->show_suppressed) {
                drop[i] = copy = true;
                continue;
            }
        } else if (p->fail_on != VN_FAIL_ON_NEVER && (int)m->level <= (int)p->fail_on) {
            t->failing++;
        }
        if (rec->type == VN_REC_DIAGNOSTIC && m->level != rec->u.diagnostic.severity)
            copy = true;
    }
    if (!st && copy) {
        size_t k = 0;
        if (!(tr->items = vn_malloc(r->n * sizeof *tr->items)))
            st = VN_ENOMEM;
        for (size_t i = 0; i < r->n && !st; i++) {
            if (drop[i])
                continue;
            tr->items[k] = r->items[i];
            if (t->marks[i].finding && tr->items[k].type == VN_REC_DIAGNOSTIC)
                tr->items[k].u.diagnostic.severity = t->marks[i].level;
            t->marks[k++] = t->marks[i];
        }
        t->view.items = tr->items;
        t->view.n = k;
    }
    vn_free(drop);
    return st ? st : number_occurrences(t);
}

vn_status vn_triage_new(struct vn_policy *p, const char *file_label, const struct vn_records *r,
                        struct vn_triage **out)
{
    *out = NULL;
    struct vn_policy *own = NULL;
    if (!p) {
        vn_status st = vn_policy_new(&own);
        if (st)
            return st;
        p = own;
    }
    struct triage *tr = vn_calloc(1, sizeof *tr);
    vn_status st = tr ? triage(p, file_label ? file_label : "-", r, tr) : VN_ENOMEM;
    vn_policy_free(own);
    if (st) {
        vn_triage_free(tr ? &tr->pub : NULL);
        return st;
    }
    *out = &tr->pub;
    return VN_OK;
}
