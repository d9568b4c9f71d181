/* The validator's entry points; the rules live in the other files of
 * validate/ (see validate_internal.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "common/alloc.h"
#include "common/i18n.h"
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
    struct vn_validator *v = vn_calloc(1, sizeof *v);
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
    vn_free(v);
}

size_t vn_records_inconsistent_count(const struct vn_records *r)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->n; i++)
        n += r->items[i].type == VN_REC_CHECK && r->items[i].u.check->verdict == VN_VERDICT_INCONSISTENT;
    return n;
}

void vn_validator_set_lang(struct vn_validator *v, const char *lang)
{
    v->cat = vn_catalog_for(lang);
}

void vn_validator_set_threads(struct vn_validator *v, unsigned threads)
{
    v->threads = threads;
}

void vn_validator_set_log(struct vn_validator *v, const struct vn_log *log)
{
    if (log)
        v->log = *log;
    else
        memset(&v->log, 0, sizeof v->log);
}

/* The phases: the model, then the rules, then the suspects, which read
 * every check. The rules fall in two groups that share nothing they write:
 * ratios, press and derived (the percentages the ratios explain, the
 * changes they link) and the rest. With two threads the groups run at the
 * same time, each rule's relations kept aside and then emitted in the
 * phases' order, so the records are the same as with one. */
typedef vn_status (*phase_fn)(struct vn_vctx *);
static const struct {
    const char *name;
    phase_fn fn;
    int group;                  /* 0: serial; 1, 2: a rule group */
    bool early;                 /* group 2: reads no structure (runs while it is built) */
} phases[] = {
    {"model", vn_model_build, 0, false},         {"structure", vn_structure_build, 0, false},
    {"ratios", vn_rules_ratios, 1, false},       {"press", vn_rules_press, 1, false},
    {"breakdowns", vn_rules_breakdowns, 2, false}, {"children", vn_rules_children, 2, false},
    {"sections", vn_rules_sections, 2, false},   {"derived", vn_rules_derived, 1, false},
    {"tables", vn_rules_tables, 2, true},        {"lists", vn_rules_lists, 2, true},
    {"flowtables", vn_rules_flowtables, 2, true}, {"restate", vn_rules_restate, 2, false},
    {"suspects", vn_suspect_resolve, 0, false},
};
#define N_PHASES (sizeof phases / sizeof phases[0])

struct group_run {
    struct vn_vctx ctx;         /* a copy of the context, its own sink */
    int group;
    /* on a thread: which phases are done, for the emitting thread to
       follow (under mu; cv signalled at each) */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done[N_PHASES];
    bool finished;
    bool signals;
    /* group 2 on its thread: it fills the paragraphs' caches of the
       original context, runs its early rules while the structure is built
       there, then the rest */
    struct vn_vctx *orig;
    bool prefilled, structured, structure_ok;
    vn_status prefill_st;
    struct vn_sink *sinks;      /* one per phase */
    vn_status st[N_PHASES];
    double ms[N_PHASES];
    bool timing;
};

static double cpu_ms(clockid_t clk, struct timespec *a)
{
    struct timespec b;
    clock_gettime(clk, &b);
    return (double)(b.tv_sec - a->tv_sec) * 1e3 + (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

/* Runs rule phase i on c. A rule stopped at its limit (vn_emit) is not an
 * error: the relations it found are kept, and the end of the document says
 * the rest was not checked (limits_said). */
static vn_status run_rule(struct vn_vctx *c, size_t i)
{
    c->in_rule = true;
    c->drafts = 0;
    vn_status st = phases[i].fn(c);
    c->in_rule = false;
    if (st == VN_ETOOBIG && c->drafts > VN_MAX_CHECKS) {
        c->stopped[i] = true;
        st = VN_OK;
    }
    return st;
}

static void run_phase(struct group_run *g, size_t i)
{
    struct timespec a;
    if (g->timing)
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    g->ctx.sink = g->sinks ? &g->sinks[i] : NULL;
    g->st[i] = run_rule(&g->ctx, i);
    if (g->timing)
        g->ms[i] = cpu_ms(CLOCK_THREAD_CPUTIME_ID, &a);
}

static void signal_done(struct group_run *g, size_t i, bool finished)
{
    if (!g->signals)
        return;
    pthread_mutex_lock(&g->mu);
    if (i < N_PHASES)
        g->done[i] = true;
    g->finished |= finished;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
}

/* Waits until phase i of g is done (or g stopped). */
static void wait_done(struct group_run *g, size_t i)
{
    if (!g->signals)
        return;
    pthread_mutex_lock(&g->mu);
    while (!g->done[i] && !g->finished)
        pthread_cond_wait(&g->cv, &g->mu);
    pthread_mutex_unlock(&g->mu);
}

static void run_group(struct group_run *g)
{
    for (size_t i = 0; i < N_PHASES; i++) {
        if (phases[i].group != g->group)
            continue;
        run_phase(g, i);
        signal_done(g, i, false);
        if (g->st[i])
            break;
    }
    signal_done(g, N_PHASES, true);
}

/* Emits the relations phase i kept aside, then lets them go. */
static vn_status replay(struct vn_vctx *c, const struct group_run *g, struct vn_sink *sinks, size_t i)
{
    if (phases[i].group == 0)
        return VN_OK;
    vn_status st = g->st[i] ? g->st[i] : sinks[i].oom ? VN_ENOMEM : VN_OK;
    for (size_t k = 0; k < sinks[i].n && !st; k++) {
        struct vn_relation_draft d;
        vn_sink_get(&sinks[i], k, &d);
        st = vn_emit(c, &d);
    }
    vn_free(sinks[i].d);
    vn_free(sinks[i].bytes);
    sinks[i].d = NULL;
    sinks[i].bytes = NULL;
    sinks[i].n = 0;
    return st;
}

static void *prefill_breaks(void *arg);

/* Group 2 on its own thread: the paragraphs' sentence breaks and lead-ins
 * and the table lines (the structure does not touch them), then the rules
 * that read no structure, then, once the structure is there, the rest. */
static void *group2_thread(void *arg)
{
    struct group_run *g = arg;
    struct vn_vctx *c = g->orig;
    prefill_breaks(c);
    vn_status ts = vn_table_lines(c);
    pthread_mutex_lock(&g->mu);
    g->ctx.breaks = c->breaks;
    g->ctx.n_breaks = c->n_breaks;
    g->ctx.cap_breaks = c->cap_breaks;
    g->ctx.table_lines = c->table_lines;
    g->prefill_st = ts;
    g->prefilled = true;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
    bool ok = !ts;
    for (int pass = 0; pass < 2 && ok; pass++) {
        if (pass == 1) {
            pthread_mutex_lock(&g->mu);
            while (!g->structured)
                pthread_cond_wait(&g->cv, &g->mu);
            ok = g->structure_ok;
            pthread_mutex_unlock(&g->mu);
            if (!ok)
                break;
            g->ctx.nodes = c->nodes;
            g->ctx.n_nodes = c->n_nodes;
        }
        for (size_t i = 0; i < N_PHASES && ok; i++) {
            if (phases[i].group != 2 || phases[i].early != (pass == 0))
                continue;
            run_phase(g, i);
            signal_done(g, i, false);
            ok = !g->st[i];
        }
    }
    signal_done(g, N_PHASES, true);
    return NULL;
}

/* What the rules fill in on first use, filled before they run beside each
 * other (the quantities' roles are read by the model with two threads):
 * the paragraphs' sentence breaks and lead-ins. */
static void *prefill_breaks(void *arg)
{
    struct vn_vctx *c = arg;
    for (uint32_t pi = 0; pi < c->n_paras; pi++) {
        if (c->paras[pi].item0 == c->paras[pi].item1)
            continue;   /* the rules read only paragraphs with figures */
        (void)vn_sentence_end(c, &c->paras[pi], c->paras[pi].off);
        int src, cap;
        vn_para_lead(c, pi, &src, &cap);
    }
    return NULL;
}

/* No thread to be had for group 2: the structure and the caches in turn. */
static vn_status prefill_serial(struct vn_vctx *c, double *structure_ms, bool timing)
{
    struct timespec a;
    if (timing)
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    vn_status st = vn_structure_build(c);
    if (timing)
        *structure_ms = cpu_ms(CLOCK_THREAD_CPUTIME_ID, &a);
    if (st)
        return st;
    prefill_breaks(c);
    return vn_table_lines(c);
}

/* The limits a document reached, as diagnostics at its end: checks left
 * out make the result incomplete (an error: never a clean file); suspects
 * not sought only leave fewer hints (a note). */
static vn_status limits_said(struct vn_vctx *c)
{
    char msg[300];
    struct vn_span end = {(uint32_t)c->records->text->len, 0};
    vn_status st = VN_OK;
    bool stopped = false;
    for (size_t i = 0; i < N_PHASES; i++)
        stopped |= c->stopped[i];
    if (c->checks_dropped || stopped) {
        char more[64] = "";
        if (c->checks_dropped && !stopped)
            snprintf(more, sizeof more, vn_tr(VN_CAT(c), " (%zu more)"), c->checks_dropped);
        snprintf(msg, sizeof msg,
                 vn_tr(VN_CAT(c), "the document holds more relations than vnaudit checks in one document (%u); "
                                  "those past the limit%s were not checked: split the document to check the rest"),
                 VN_MAX_CHECKS, more);
        st = vn_records_add_diagnostic(c->records, end, "limit-reached", VN_SEV_ERROR, msg);
    }
    if (!st && c->cut_line) {
        snprintf(msg, sizeof msg,
                 vn_tr(VN_CAT(c), "relations from line %zu on were not checked: vnaudit checks at most %u lines "
                                  "and %u figures of one document; split the document to check the rest"),
                 c->cut_line, VN_VALIDATE_MAX_LINES, VN_VALIDATE_MAX_ITEMS);
        st = vn_records_add_diagnostic(c->records, end, "limit-reached", VN_SEV_ERROR, msg);
    }
    if (!st && c->suspects_skipped) {
        snprintf(msg, sizeof msg,
                 vn_tr(VN_CAT(c), "probable typing slips were sought for the first %u inconsistent checks only "
                                  "(%zu more not searched); fix those and check again"),
                 VN_SUSPECT_MAX_CHECKS, c->suspects_skipped);
        st = vn_records_add_diagnostic(c->records, end, "limit-reached", VN_SEV_NOTE, msg);
    }
    return st;
}

vn_status vn_validate(struct vn_validator *v, const struct vn_normtext *text, struct vn_records *records)
{
    struct vn_vctx c;
    memset(&c, 0, sizeof c);
    c.vocab = v->vocab;
    c.v = v;
    /* a document of more lines than the rules read: the lines before the
       limit (a view of the text; records and checks keep the whole) */
    struct vn_normtext view = *text;
    if (view.n_lines > VN_VALIDATE_MAX_LINES) {
        view.n_lines = VN_VALIDATE_MAX_LINES;
        view.len = text->line_start[VN_VALIDATE_MAX_LINES];
        /* said only when a figure is left out: no digit, no relation */
        for (size_t i = view.len; i < text->len && !c.cut_line; i++)
            if (text->data[i] >= '0' && text->data[i] <= '9')
                c.cut_line = VN_VALIDATE_MAX_LINES + 1;
    }
    c.s = text->data;
    c.len = view.len;
    c.text = &view;
    c.records = records;
    bool stopped[N_PHASES] = {false};
    c.stopped = stopped;
    bool timing = vn_log_on(&v->log, VN_LOG_TIMING);
    double ms[N_PHASES] = {0};
    vn_status st = VN_OK;
    /* the model (with two threads the structure is built beside the
       paragraphs' sentence breaks, in prefill) */
    bool parallel = v->threads >= 2;
    for (size_t i = 0; i < N_PHASES && !st && phases[i].group == 0 && phases[i].fn != vn_suspect_resolve; i++) {
        if (parallel && phases[i].fn == vn_structure_build)
            continue;
        struct timespec a;
        if (timing)
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
        st = phases[i].fn(&c);
        if (timing)
            ms[i] = cpu_ms(CLOCK_PROCESS_CPUTIME_ID, &a);
    }
    /* the rules */
    if (!st) {
        struct group_run g1, g2;
        memset(&g1, 0, sizeof g1);
        memset(&g2, 0, sizeof g2);
        g1.group = 1;
        g2.group = 2;
        g1.timing = g2.timing = timing;
        struct vn_sink *sinks = NULL;
        if (parallel) {
            sinks = vn_calloc(N_PHASES, sizeof *sinks);
            if (!sinks)
                st = VN_ENOMEM;
        }
        pthread_t th;
        bool threaded = false;
        g2.sinks = sinks;
        if (!st && parallel) {
            g2.ctx = c;
            g2.orig = &c;
            if (pthread_mutex_init(&g2.mu, NULL) == 0) {
                if (pthread_cond_init(&g2.cv, NULL) == 0) {
                    g2.signals = true;
                    threaded = pthread_create(&th, NULL, group2_thread, &g2) == 0;
                    if (!threaded) {
                        g2.signals = false;
                        pthread_cond_destroy(&g2.cv);
                        pthread_mutex_destroy(&g2.mu);
                    }
                } else {
                    pthread_mutex_destroy(&g2.mu);
                }
            }
            if (threaded) {
                /* the structure here, beside group 2's start; then group 1
                   once the paragraphs' caches are filled */
                struct timespec a;
                if (timing)
                    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
                st = vn_structure_build(&c);
                if (timing)
                    ms[1] = cpu_ms(CLOCK_THREAD_CPUTIME_ID, &a);
                pthread_mutex_lock(&g2.mu);
                g2.structure_ok = !st;
                g2.structured = true;
                pthread_cond_broadcast(&g2.cv);
                while (!g2.prefilled)
                    pthread_cond_wait(&g2.cv, &g2.mu);
                if (!st)
                    st = g2.prefill_st;
                pthread_mutex_unlock(&g2.mu);
            } else {
                st = prefill_serial(&c, &ms[1], timing);
                g2.ctx = c;
            }
        }
        if (st && threaded) {
            pthread_join(th, NULL);
            pthread_cond_destroy(&g2.cv);
            pthread_mutex_destroy(&g2.mu);
            threaded = false;
        }
        if (!st) {
            g1.ctx = c;
            g1.sinks = sinks;
            if (!parallel) {
                /* one thread: the phases in order, on the context itself */
                for (size_t i = 0; i < N_PHASES && !st; i++) {
                    if (phases[i].group == 0)
                        continue;
                    struct timespec a;
                    if (timing)
                        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
                    st = run_rule(&c, i);
                    if (timing)
                        ms[i] = cpu_ms(CLOCK_PROCESS_CPUTIME_ID, &a);
                }
            } else {
                /* group 1 here, each rule's relations emitted as soon as
                   every phase before it is emitted (ratios, press: at once,
                   beside group 2); the rest once group 2 is done */
                size_t next = 0;
                while (next < N_PHASES && phases[next].group == 0)
                    next++;     /* the model's phases ran before */
                for (size_t i = 0; i < N_PHASES && !st; i++) {
                    if (phases[i].group != 1)
                        continue;
                    if (next == i) {
                        /* every phase before it is emitted: it emits itself,
                           on the context (nothing kept aside) */
                        struct timespec a;
                        if (timing)
                            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
                        g1.st[i] = run_rule(&c, i);
                        if (timing)
                            g1.ms[i] = cpu_ms(CLOCK_THREAD_CPUTIME_ID, &a);
                        next = i + 1;
                    } else {
                        run_phase(&g1, i);
                    }
                    if (g1.st[i])
                        break;
                    while (next < N_PHASES && !st && phases[next].group != 2 && (phases[next].group == 0 || next <= i))
                        st = replay(&c, &g1, sinks, next++);
                    while (next < N_PHASES && phases[next].group == 0 && phases[next].fn != vn_suspect_resolve)
                        next++;
                }
                if (!threaded)
                    run_group(&g2);     /* no thread to be had: the same work, in turn */
                for (size_t i = 0; i < N_PHASES && !st; i++)
                    if (g1.st[i])
                        st = g1.st[i];
                /* group 2's relations as each of its rules is done */
                for (; next < N_PHASES && !st; next++) {
                    if (phases[next].group == 2)
                        wait_done(&g2, next);
                    st = replay(&c, phases[next].group == 2 ? &g2 : &g1, sinks, next);
                }
                if (threaded) {
                    pthread_join(th, NULL);
                    pthread_cond_destroy(&g2.cv);
                    pthread_mutex_destroy(&g2.mu);
                }
                for (size_t i = 0; i < N_PHASES; i++)
                    ms[i] = phases[i].group == 1 ? g1.ms[i] : phases[i].group == 2 ? g2.ms[i] : ms[i];
                for (size_t i = 0; sinks && i < N_PHASES; i++) {
                    vn_free(sinks[i].d);
                    vn_free(sinks[i].bytes);
                }
                vn_free(sinks);
            }
        }
    }
    /* the suspects */
    if (!st) {
        struct timespec a;
        if (timing)
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
        st = vn_suspect_resolve(&c);
        if (timing)
            ms[N_PHASES - 1] = cpu_ms(CLOCK_PROCESS_CPUTIME_ID, &a);
    }
    if (!st)
        st = limits_said(&c);
    if (timing)
        for (size_t i = 0; i < N_PHASES; i++)
            vn_logf(&v->log, VN_LOG_TIMING, "timing validate %s %.1f ms (cpu)", phases[i].name, ms[i]);
    vn_suspect_free(&c);
    vn_model_free(&c);
    return st;
}
