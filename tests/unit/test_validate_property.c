/* Property test of the validator on the fully consistent fixture
 * (fixtures/validate/ntm_consistent.txt): every relation it reports there
 * as consistent must turn inconsistent (or ambiguous) when one of its
 * numbers changes.
 *
 * For each consistent check, each operand in turn is made larger (one digit
 * + 1, same number of characters, so every other span keeps its offset) and
 * the claimed value is made smaller; the pipeline runs again on the mutated
 * text, and some inconsistent or ambiguous check must draw on the mutated
 * number's line (and was not already reported before the mutation).
 * Operands go up and claims go down so that the parts exceed
 * the total: a "trong đó" list whose parts fall short could honestly be read
 * as partial. A validator that finds nothing fails too: a test that cannot
 * fail is a defect. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"

#ifndef VNAUDIT_SOURCE_DIR
#error "VNAUDIT_SOURCE_DIR must be defined by the build"
#endif

#define FIXTURE VNAUDIT_SOURCE_DIR "/fixtures/validate/ntm_consistent.txt"
#define MAX_MUTATIONS 1000
#define MAX_FLAGGED 256
#define MAX_REPORTED 20

/* One number to change: where, which way, and what it belonged to. */
struct mutation {
    struct vn_span span;
    uint32_t line;
    bool increase;
    uint32_t check_line;        /* the claimed value's line of the check */
    char check[160];            /* "sum 36.480" for messages */
};

/* Owned here rather than on the stack, so that a failed assertion (cmocka
 * jumps out of the test) leaves nothing to leak: freed in the teardown. */
static struct {
    struct vn_pipeline *p;
    char *base;             /* the fixture's normalized text */
    size_t len;
    char *work;             /* a mutated copy */
    struct mutation *mut;
    size_t n_mut;
    /* inconsistent or ambiguous checks of the unmutated text: a mutation
       is caught only by a check that is not one of these */
    struct flagged {
        uint32_t claimed_off;
        enum vn_relation relation;
        enum vn_verdict verdict;
    } flagged[MAX_FLAGGED];
    size_t n_flagged;
} g;

static int setup(void **state)
{
    (void)state;
    struct vn_pipeline_opts o = {.vocab_dir = NULL, .max_input_bytes = 0, .validate = true};
    struct vn_error err;
    memset(&err, 0, sizeof err);
    if (vn_pipeline_new(&o, &g.p, &err) != VN_OK) {
        fprintf(stderr, "vn_pipeline_new: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    t_free_all();
    vn_pipeline_free(g.p);
    free(g.base);
    free(g.work);
    free(g.mut);
    memset(&g, 0, sizeof g);
    return 0;
}

static char *read_fixture(size_t *len)
{
    FILE *f = fopen(FIXTURE, "rb");
    if (!f)
        fail_msg("cannot open %s", FIXTURE);
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                fail_msg("out of memory");
            }
            buf = nb;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Changes one digit of the number at text[s.off .. s.off+s.len) in place,
 * keeping its length and form. Increase: the first digit below 9 goes up by
 * one (for "99": the last digit goes down). Decrease: the first digit that
 * can go down without leaving a leading zero in front of other integer
 * digits ("1.750" -> "1.650", "4,6" -> "3,6", "1,3" -> "0,3"); for "100" the
 * first digit goes up instead. Returns false if the span holds no digit. */
static bool mutate(char *text, struct vn_span s, bool increase)
{
    char *b = text + s.off, *e = b + s.len;
    size_t int_digits = 0;
    for (char *q = b; q < e && *q != ','; q++)
        int_digits += is_digit(*q);
    if (!increase) {
        bool first = true;
        for (char *q = b; q < e; q++) {
            if (!is_digit(*q))
                continue;
            if (*q > '1' || (*q == '1' && !(first && int_digits > 1))) {
                (*q)--;
                return true;
            }
            first = false;
        }
    }
    for (char *q = b; q < e; q++)
        if (is_digit(*q) && *q < '9') {
            (*q)++;
            return true;
        }
    for (char *q = e; q-- > b;)
        if (is_digit(*q)) {
            (*q)--;
            return true;
        }
    return false;
}

static struct vn_doc *run_on(const char *text, size_t len)
{
    return t_doc_bytes(g.p, text, len);
}

static bool add_mutation(const struct vn_doc *d, const struct vn_record *r, struct vn_span s, bool increase)
{
    if (g.n_mut == MAX_MUTATIONS)
        return false;
    struct mutation *m = &g.mut[g.n_mut++];
    m->span = s;
    m->line = (uint32_t)vn_normtext_line_of(d->text, s.off);
    m->increase = increase;
    m->check_line = r->line;
    snprintf(m->check, sizeof m->check, "%s %s", vn_relation_name(r->u.check->relation),
             t_span(d, r->u.check->claimed));
    return true;
}

/* Loads the fixture, checks that re-running on its normalized text gives the
 * same text (so spans of one run are valid in the next), and lists the
 * mutations of every consistent check. Returns the number of consistent
 * checks. */
static size_t prepare(void)
{
    size_t raw_len;
    char *raw = read_fixture(&raw_len);
    struct vn_doc *d0 = run_on(raw, raw_len);
    free(raw);
    g.len = d0->text->len;
    g.base = malloc(g.len + 1);
    g.work = malloc(g.len + 1);
    g.mut = calloc(MAX_MUTATIONS, sizeof *g.mut);
    assert_non_null(g.base);
    assert_non_null(g.work);
    assert_non_null(g.mut);
    memcpy(g.base, d0->text->data, g.len);
    g.base[g.len] = '\0';
    t_free(d0);

    struct vn_doc *d = run_on(g.base, g.len);
    assert_int_equal(d->text->len, g.len);
    assert_memory_equal(d->text->data, g.base, g.len);
    size_t consistent = 0;
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type != VN_REC_CHECK)
            continue;
        if (r->u.check->verdict != VN_VERDICT_CONSISTENT) {
            if (r->u.check->verdict != VN_VERDICT_PARTIAL && g.n_flagged < MAX_FLAGGED)
                g.flagged[g.n_flagged++] = (struct flagged){r->u.check->claimed.off, r->u.check->relation,
                                                            r->u.check->verdict};
            continue;
        }
        consistent++;
        const struct vn_check *c = r->u.check;
        for (size_t k = 0; k < c->n_operands; k++)
            add_mutation(d, r, c->operands[k], true);
        add_mutation(d, r, c->claimed, false);
    }
    t_free(d);
    return consistent;
}

static bool flagged_before(const struct vn_check *c)
{
    for (size_t i = 0; i < g.n_flagged; i++)
        if (g.flagged[i].claimed_off == c->claimed.off && g.flagged[i].relation == c->relation &&
            g.flagged[i].verdict == c->verdict)
            return true;
    return false;
}

/* True when some inconsistent or ambiguous check of d, not already there
 * before the mutation, draws on `line`. */
static bool detected(const struct vn_doc *d, uint32_t line)
{
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type != VN_REC_CHECK)
            continue;
        const struct vn_check *c = r->u.check;
        if (c->verdict != VN_VERDICT_INCONSISTENT && c->verdict != VN_VERDICT_AMBIGUOUS)
            continue;
        if (flagged_before(c))
            continue;
        for (size_t k = 0; k < c->n_lines; k++)
            if (c->lines[k] == line)
                return true;
    }
    return false;
}

/* The fixture is fully consistent: nothing may be reported inconsistent, and
 * the validator must find something there at all. Ambiguous checks are
 * printed (no reading of this fixture is inconsistent) but not failed, as in
 * tests/validate/run_expect.sh. */
static void test_fixture_is_consistent(void **state)
{
    (void)state;
    size_t raw_len;
    char *raw = read_fixture(&raw_len);
    struct vn_doc *d = run_on(raw, raw_len);
    free(raw);
    size_t n[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type != VN_REC_CHECK)
            continue;
        n[r->u.check->verdict]++;
        if (r->u.check->verdict == VN_VERDICT_INCONSISTENT || r->u.check->verdict == VN_VERDICT_AMBIGUOUS)
            print_message("%s: line %u %s %s: %s\n",
                          r->u.check->verdict == VN_VERDICT_INCONSISTENT ? "false alarm" : "note, ambiguous",
                          r->line, vn_relation_name(r->u.check->relation), t_span(d, r->u.check->claimed),
                          r->u.check->message);
    }
    print_message("%s: %zu consistent, %zu inconsistent, %zu partial, %zu ambiguous checks\n", FIXTURE,
                  n[VN_VERDICT_CONSISTENT], n[VN_VERDICT_INCONSISTENT], n[VN_VERDICT_PARTIAL],
                  n[VN_VERDICT_AMBIGUOUS]);
    t_free(d);
    assert_int_equal(n[VN_VERDICT_INCONSISTENT], 0);
    if (n[VN_VERDICT_CONSISTENT] == 0)
        fail_msg("the validator reports no consistent relation in %s", FIXTURE);
}

static void test_every_mutation_is_caught(void **state)
{
    (void)state;
    size_t consistent = prepare();
    if (consistent == 0)
        fail_msg("no consistent check in %s: nothing to mutate", FIXTURE);
    size_t tried = 0, missed = 0, skipped = 0;
    for (size_t i = 0; i < g.n_mut; i++) {
        const struct mutation *m = &g.mut[i];
        memcpy(g.work, g.base, g.len + 1);
        if (!mutate(g.work, m->span, m->increase)) {
            skipped++;
            continue;
        }
        tried++;
        struct vn_doc *d = run_on(g.work, g.len);
        if (!detected(d, m->line)) {
            if (++missed <= MAX_REPORTED)
                print_message("not caught: %s \"%.*s\" -> \"%.*s\" (line %u) in the %s check of line %u\n",
                              m->increase ? "operand" : "claimed", (int)m->span.len,
                              g.base + m->span.off, (int)m->span.len, g.work + m->span.off, m->line, m->check,
                              m->check_line);
        }
        t_free(d);
    }
    print_message("%zu consistent checks; %zu mutations tried (%zu skipped), %zu caught, %zu not caught%s\n",
                  consistent, tried, skipped, tried - missed, missed,
                  g.n_mut == MAX_MUTATIONS ? " (capped)" : "");
    assert_true(tried > 0);
    if (missed)
        fail_msg("%zu of %zu mutations of consistent relations were not reported", missed, tried);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_is_consistent),
        cmocka_unit_test(test_every_mutation_is_caught),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
