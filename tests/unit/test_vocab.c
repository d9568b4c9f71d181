/* Vocabulary tables: the built-in ones, a folder of .tsv files, and the
 * errors a malformed table gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "extract/vocab.h"

#ifndef VNAUDIT_SOURCE_DIR
#error "VNAUDIT_SOURCE_DIR must be defined by the build"
#endif

static const char *const TABLES[] = {"units", "hedges", "kinds", "measures", "not_money", "numerals"};
#define N_TABLES (sizeof TABLES / sizeof TABLES[0])

static int find_entry(const struct vn_vocab_table *t, const char *written)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->e[i].written, written) == 0)
            return (int)i;
    return -1;
}

static void check_contents(const struct vn_vocab *v)
{
    assert_true(v->units.n >= 20);
    assert_true(v->hedges.n >= 7);
    assert_true(v->kinds.n >= 10);
    assert_true(v->measures.n >= 10);
    assert_true(v->not_money.n >= 3);
    assert_true(v->numerals.n >= 15);

    int i = find_entry(&v->units, "triệu đồng");
    assert_true(i >= 0);
    assert_int_equal(v->units.e[i].value, 6);
    i = find_entry(&v->units, "tỷ đồng");
    assert_true(i >= 0);
    assert_int_equal(v->units.e[i].value, 9);
    i = find_entry(&v->units, "triệu");
    assert_true(i >= 0);
    assert_true(v->units.e[i].flags & VN_UNIT_BARE);
    i = find_entry(&v->units, "đồng");
    assert_true(i >= 0);
    assert_int_equal(v->units.e[i].value, 0);
    assert_true(v->units.e[i].flags & VN_UNIT_DONG);
    i = find_entry(&v->units, "đ");
    assert_true(i >= 0);
    assert_true(v->units.e[i].flags & VN_UNIT_SHORT);
    /* case-folded spelling */
    i = find_entry(&v->units, "vnđ");
    assert_true(i >= 0);
    assert_string_equal(v->units.e[i].folded, "vnđ");

    i = find_entry(&v->hedges, "hơn");
    assert_true(i >= 0);
    assert_int_equal(v->hedges.e[i].value, VN_HEDGE_LOWER);
    assert_string_equal(vn_vocab_hedge_word(v, i), "hơn");
    i = find_entry(&v->hedges, "gần");
    assert_true(i >= 0);
    assert_int_equal(v->hedges.e[i].value, VN_HEDGE_UPPER);
    i = find_entry(&v->hedges, "khoảng");
    assert_true(i >= 0);
    assert_int_equal(v->hedges.e[i].value, VN_HEDGE_APPROX);
    assert_null(vn_vocab_hedge_word(v, -1));
    assert_null(vn_vocab_hedge_word(v, (int)v->hedges.n));

    i = find_entry(&v->kinds, "Quyết định");
    assert_true(i >= 0);
    assert_true(v->kinds.e[i].flags & VN_KIND_STRONG);
    assert_string_equal(v->kinds.e[i].folded, "quyết định");
    i = find_entry(&v->kinds, "Kế hoạch");
    assert_true(i >= 0);
    assert_false(v->kinds.e[i].flags & VN_KIND_STRONG);

    i = find_entry(&v->measures, "ha");
    assert_true(i >= 0);
    assert_string_equal(vn_vocab_measure_name(v, i), "area");
    i = find_entry(&v->measures, "tạ/ha");
    assert_true(i >= 0);
    assert_string_equal(vn_vocab_measure_name(v, i), "yield");
    assert_null(vn_vocab_measure_name(v, -1));

    assert_true(find_entry(&v->not_money, "bào") >= 0);
    i = find_entry(&v->numerals, "triệu");
    assert_true(i >= 0);
    assert_int_equal(v->numerals.e[i].flags, VN_NUM_SCALE);
    assert_int_equal(v->numerals.e[i].value, 6);

    /* among entries with one lookup key, longest first (longest match wins) */
    const struct vn_vocab_table *tabs[] = {&v->units, &v->hedges, &v->kinds, &v->measures, &v->numerals};
    for (size_t t = 0; t < sizeof tabs / sizeof tabs[0]; t++)
        for (size_t k = 1; k < tabs[t]->n; k++)
            if ((tabs[t]->e[k - 1].key & 0xFF) == (tabs[t]->e[k].key & 0xFF))
                assert_true(tabs[t]->e[k - 1].len >= tabs[t]->e[k].len);
}

static void test_builtin(void **state)
{
    (void)state;
    struct vn_vocab *v = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(vn_vocab_new_builtin(&v, &err), VN_OK);
    assert_non_null(v);
    check_contents(v);
    vn_vocab_free(v);
    vn_vocab_free(NULL);
}

static void test_matchers(void **state)
{
    (void)state;
    struct vn_vocab *v = NULL;
    assert_int_equal(vn_vocab_new_builtin(&v, NULL), VN_OK);
    struct vn_vocab_match m;
    const char *s = "5 Triệu  đồng";
    assert_true(vn_vocab_match_at(&v->units, s, strlen(s), 2, &m));
    assert_string_equal(v->units.e[m.index].written, "triệu đồng");
    assert_int_equal(m.start, 2);
    assert_int_equal(m.end, strlen(s));
    s = "5 trđ";
    assert_true(vn_vocab_match_at(&v->units, s, strlen(s), 2, &m));
    assert_int_equal(v->units.e[m.index].value, 6);
    assert_int_equal(m.end, strlen(s));
    s = "5 tỷ đồng/ha";
    assert_true(vn_vocab_match_at(&v->units, s, strlen(s), 2, &m));
    assert_string_equal(v->units.e[m.index].written, "tỷ đồng");
    assert_int_equal(m.end, strlen("5 tỷ đồng"));
    assert_false(vn_vocab_match_at(&v->units, s, strlen(s), 0, &m));
    /* backwards, longest first: "khoảng hơn" over "hơn" */
    s = "đạt khoảng hơn";
    assert_true(vn_vocab_match_before(&v->hedges, s, strlen(s), &m));
    assert_string_equal(v->hedges.e[m.index].written, "khoảng hơn");
    assert_int_equal(m.start, strlen("đạt "));
    /* not inside a longer word */
    s = "thơn";
    assert_false(vn_vocab_match_before(&v->hedges, s, strlen(s), &m));
    vn_vocab_free(v);
}

static void test_dir(void **state)
{
    (void)state;
    struct vn_vocab *v = NULL, *b = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st = vn_vocab_new_dir(VNAUDIT_SOURCE_DIR "/vocab", &v, &err);
    if (st != VN_OK)
        fail_msg("vn_vocab_new_dir: %s: %s", vn_strerror(st), err.message);
    check_contents(v);
    /* the same tables as the built-in ones */
    assert_int_equal(vn_vocab_new_builtin(&b, NULL), VN_OK);
    assert_int_equal(v->units.n, b->units.n);
    assert_int_equal(v->hedges.n, b->hedges.n);
    assert_int_equal(v->kinds.n, b->kinds.n);
    assert_int_equal(v->measures.n, b->measures.n);
    assert_int_equal(v->not_money.n, b->not_money.n);
    assert_int_equal(v->numerals.n, b->numerals.n);
    vn_vocab_free(v);
    vn_vocab_free(b);

    /* and a pipeline on that folder works like the built-in one */
    struct vn_pipeline_opts o = {.vocab_dir = VNAUDIT_SOURCE_DIR "/vocab"};
    struct vn_pipeline *p = NULL;
    assert_int_equal(vn_pipeline_new(&o, &p, &err), VN_OK);
    struct vn_doc *d = t_doc(p, "Tổng vốn 33.700,719 triệu đồng");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 1);
    assert_string_equal(t_dec(t_nth(d, VN_REC_AMOUNT, 0)->u.amount.dong), "33700719000");
    t_free(d);
    vn_pipeline_free(p);
}

/* ---- a temporary folder of tables ----------------------------------------- */

struct tmpdir {
    char path[256];
};

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.tsv", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* Copies every source table (vocab/*.tsv: the loader may read more tables
 * than these tests look at) into a fresh temp dir. */
static void make_dir(struct tmpdir *t)
{
    snprintf(t->path, sizeof t->path, "/tmp/vnaudit-vocab-XXXXXX");
    assert_non_null(mkdtemp(t->path));
    char dir[512];
    snprintf(dir, sizeof dir, "%s/vocab", VNAUDIT_SOURCE_DIR);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    size_t copied = 0;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n <= 4 || n > 200 || strcmp(de->d_name + n - 4, ".tsv") != 0)
            continue;
        char src[1024], name[256];
        snprintf(src, sizeof src, "%s/%s", dir, de->d_name);
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), de->d_name);
        FILE *f = fopen(src, "rb");
        assert_non_null(f);
        struct {
            char *p;
            size_t n;
        } b = {malloc(1 << 20), 0};
        assert_non_null(b.p);
        b.n = fread(b.p, 1, (1 << 20) - 1, f);
        b.p[b.n] = '\0';
        fclose(f);
        write_file(t->path, name, b.p);
        free(b.p);
        copied++;
    }
    closedir(d);
    assert_true(copied >= N_TABLES);
}

static void remove_dir(struct tmpdir *t)
{
    DIR *d = opendir(t->path);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", t->path, de->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(t->path);
}

/* Writes `text` as table `name` in a copy of the tables; expects VN_EVOCAB
 * naming the file and the line. */
static void expect_malformed(const char *name, const char *text, size_t line)
{
    struct tmpdir t;
    make_dir(&t);
    write_file(t.path, name, text);
    struct vn_vocab *v = (struct vn_vocab *)0x1;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st = vn_vocab_new_dir(t.path, &v, &err);
    remove_dir(&t);
    if (st != VN_EVOCAB) {
        if (st == VN_OK)
            vn_vocab_free(v);
        fail_msg("%s.tsv: status %s, expected VN_EVOCAB", name, vn_strerror(st));
    }
    assert_null(v);
    assert_int_equal(err.code, VN_EVOCAB);
    assert_int_equal(err.line, line);
    char file[64], at[64];
    snprintf(file, sizeof file, "%s.tsv", name);
    snprintf(at, sizeof at, "line %zu", line);
    if (!strstr(err.message, file) || !strstr(err.message, at))
        fail_msg("message \"%s\" should name %s and %s", err.message, file, at);
}

static void test_malformed_tables(void **state)
{
    (void)state;
    /* a power of ten that is not a number */
    expect_malformed("units", "# units\ntriệu đồng\t6\ntỷ đồng\tchín\n", 3);
    /* too large a power of ten */
    expect_malformed("units", "triệu đồng\t6\nđồng\t0\tdong\nquá lớn\t99\n", 3);
    /* an unknown flag */
    expect_malformed("units", "\n\n# comment\nđ\t0\tshorty\n", 4);
    /* an unknown hedge kind */
    expect_malformed("hedges", "hơn\tlower\ngần\tbelow\n", 2);
    /* an extra column */
    expect_malformed("hedges", "hơn\tlower\textra\n", 1);
    /* a numeral role that does not exist */
    expect_malformed("numerals", "một\tdigit\t1\nhai\tdigits\t2\n", 2);
    /* an empty spelling */
    expect_malformed("kinds", "Quyết định\tstrong\n\tstrong\n", 2);
    /* an unknown kind flag */
    expect_malformed("kinds", "Quyết định\tstrong\nKế hoạch\tweak\n", 2);
    /* invalid UTF-8 in a spelling */
    expect_malformed("not_money", "bào\nchí\n\xFF\xFE\n", 3);
    /* a measure with an empty dimension */
    expect_malformed("measures", "ha\tarea\nkg\t\n", 2);
}

/* A required column left out is as malformed as a wrong one: "triệu đồng"
 * without its power of ten must not silently become 10^0 đồng, nor "kg"
 * without a dimension silently become the first dimension. */
static void test_missing_required_column(void **state)
{
    (void)state;
    expect_malformed("units", "tỷ đồng\t9\ntriệu đồng\n", 2);
    expect_malformed("hedges", "hơn\tlower\ngần\n", 2);
    expect_malformed("measures", "ha\tarea\nkg\n", 2);
    expect_malformed("numerals", "một\tdigit\t1\nhai\tdigit\n", 2);
}

static void test_missing_table(void **state)
{
    (void)state;
    struct tmpdir t;
    make_dir(&t);
    char path[512];
    snprintf(path, sizeof path, "%s/kinds.tsv", t.path);
    unlink(path);
    struct vn_vocab *v = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st = vn_vocab_new_dir(t.path, &v, &err);
    remove_dir(&t);
    assert_int_not_equal(st, VN_OK);
    assert_null(v);
    assert_non_null(strstr(err.message, "kinds.tsv"));

    /* a folder that does not exist */
    assert_int_not_equal(vn_vocab_new_dir("/nonexistent/vnaudit/vocab", &v, &err), VN_OK);
    assert_null(v);
    assert_non_null(strstr(err.message, "units.tsv"));
}

static void test_pipeline_reports_vocab_error(void **state)
{
    (void)state;
    struct tmpdir t;
    make_dir(&t);
    write_file(t.path, "units", "triệu đồng\t6\nlỗi\tabc\n");
    struct vn_pipeline_opts o = {.vocab_dir = t.path};
    struct vn_pipeline *p = (struct vn_pipeline *)0x1;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st = vn_pipeline_new(&o, &p, &err);
    remove_dir(&t);
    assert_int_equal(st, VN_EVOCAB);
    assert_null(p);
    assert_non_null(strstr(err.message, "units.tsv"));
    assert_non_null(strstr(err.message, "line 2"));
}

/* A domain expert's added spelling takes effect without rebuilding. */
static void test_dir_extension(void **state)
{
    (void)state;
    struct tmpdir t;
    make_dir(&t);
    char src[512];
    snprintf(src, sizeof src, "%s/vocab/units.tsv", VNAUDIT_SOURCE_DIR);
    FILE *f = fopen(src, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 64, f);
    fclose(f);
    buf[n] = '\0';
    strcat(buf, "\ntriệu VNĐ\t6\n");
    write_file(t.path, "units", buf);
    free(buf);

    struct vn_pipeline_opts o = {.vocab_dir = t.path};
    struct vn_pipeline *p = NULL;
    struct vn_error err;
    assert_int_equal(vn_pipeline_new(&o, &p, &err), VN_OK);
    remove_dir(&t);
    struct vn_doc *d = t_doc(p, "Chi 12 triệu VNĐ.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 1);
    const struct vn_record *a = t_nth(d, VN_REC_AMOUNT, 0);
    assert_string_equal(t_span(d, a->u.amount.unit), "triệu VNĐ");
    assert_string_equal(t_dec(a->u.amount.dong), "12000000");
    t_free(d);
    vn_pipeline_free(p);
}

static int group_teardown(void **state)
{
    (void)state;
    t_free_all();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin),
        cmocka_unit_test(test_matchers),
        cmocka_unit_test(test_dir),
        cmocka_unit_test(test_malformed_tables),
        cmocka_unit_test(test_missing_required_column),
        cmocka_unit_test(test_missing_table),
        cmocka_unit_test(test_pipeline_reports_vocab_error),
        cmocka_unit_test(test_dir_extension),
    };
    return cmocka_run_group_tests(tests, NULL, group_teardown);
}
