/* Allocation-failure injection (curl's torture mode, jq's inject_errors):
 * each input goes through the whole pipeline (ingest, normalize, extract,
 * validate) and every writer (JSON Lines, CSV, text, SARIF, HTML) while the
 * allocator of include/vnaudit/alloc.h fails the nth allocation, for n = 1,
 * 2, ... up to the number the input needs. Every run must either end with
 * an error status somewhere or give exactly the output of the run without
 * a failure (a fallback that loses nothing), and free every block it took.
 * Starting the pipeline (the vocabulary, the patterns) gets the same
 * treatment once.
 *
 * usage: test_alloc_fail [-r RUNS] FILE...
 *   RUNS: the most runs per input (default 0: every allocation, as ctest
 *   runs it); otherwise the first 64 allocations each, then RUNS - 64 spread
 *   evenly over the rest, and the last one. Also VNAUDIT_ALLOC_RUNS in the
 *   environment.
 *
 * One thread everywhere, so that the nth allocation is the same one in
 * every run. Prints one line per input; exits 1 on any failure. */
#define _GNU_SOURCE     /* open_memstream */
#include <execinfo.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnaudit/vnaudit.h"

/* ---- the failing allocator ---------------------------------------------- */

static atomic_long n_calls;     /* allocations asked for since the last reset */
static long fail_at;            /* the one that fails (1-based); 0: none */
static atomic_long live;        /* blocks held */
static atomic_bool failed;      /* the failure was injected */
static bool trace;              /* VNAUDIT_ALLOC_TRACE set: the stack of each failed allocation of the
                                   inputs (not of the pipeline's start) */

static bool take(void)
{
    long k = atomic_fetch_add(&n_calls, 1) + 1;
    if (k == fail_at) {
        atomic_store(&failed, true);
        if (trace) {
            void *frames[16];
            int n = backtrace(frames, 16);
            fprintf(stderr, "allocation %ld fails here:\n", k);
            backtrace_symbols_fd(frames, n, 2);
        }
        return false;
    }
    return true;
}

static void *t_calloc(size_t n, size_t size)
{
    if (!take())
        return NULL;
    void *p = calloc(n, size);
    if (p)
        atomic_fetch_add(&live, 1);
    return p;
}

static void *t_realloc(void *p, size_t size)
{
    if (!take())
        return NULL;
    void *q = realloc(p, size);
    if (q && !p)
        atomic_fetch_add(&live, 1);
    return q;
}

static void t_free(void *p)
{
    if (p)
        atomic_fetch_sub(&live, 1);
    free(p);
}

static void arm(long at)
{
    atomic_store(&n_calls, 0);
    atomic_store(&failed, false);
    fail_at = at;
}

/* ---- one run -------------------------------------------------------------- */

static const enum vn_format formats[] = {VN_FMT_JSONL, VN_FMT_CSV, VN_FMT_TEXT, VN_FMT_SARIF, VN_FMT_HTML};

/* Writes the document in one format to out; the first error status. */
static vn_status write_format(const struct vn_doc *d, const char *name, enum vn_format f, FILE *out)
{
    struct vn_writer *w;
    vn_status st = vn_writer_new(out, &w);
    if (st)
        return st;
    struct vn_report_opts o = {.format = f, .file_label = name, .include_checks = true, .verbose = true,
                               .raw = d->raw, .threads = 1};
    st = vn_report_begin(w, &o);
    if (!st)
        st = vn_report_write(w, &o, d->records);
    if (!st)
        st = vn_report_end(w, &o);
    vn_status fs = vn_writer_free(w);
    return st ? st : fs;
}

/* The whole pipeline and every writer over one input; the output in *out
 * (malloc'd by the C library: the test's, not the library's), the first
 * error status returned. */
static vn_status run(struct vn_pipeline *p, const char *name, const void *bytes, size_t len, char **out,
                     size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    FILE *mem = open_memstream(out, out_len);
    if (!mem) {
        perror("open_memstream");
        exit(2);
    }
    struct vn_error err;
    struct vn_doc *d = NULL;
    vn_status st = vn_doc_from_bytes(p, name, bytes, len, &d, &err);
    for (size_t i = 0; !st && i < sizeof formats / sizeof formats[0]; i++)
        st = write_format(d, name, formats[i], mem);
    vn_doc_free(d);
    fclose(mem);
    return st;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* The allocations to fail: 1..64, then `runs - 64` spread over the rest,
 * and the last. */
static long next_k(long k, long total, long runs)
{
    if (runs <= 0 || total <= runs || k < 64)
        return k + 1;
    long step = (total - 64) / (runs - 64) + 1;
    return k + step < total ? k + step : k < total ? total : total + 1;
}

/* ---- the checks ---------------------------------------------------------- */

static int failures;

static void fail(const char *what, const char *name, long k, const char *why)
{
    printf("not ok - %s %s: failing allocation %ld: %s\n", what, name, k, why);
    failures++;
}

/* Starting the pipeline with each of its allocations failing. */
static long pipeline_runs(long runs)
{
    struct vn_pipeline_opts po = {.validate = true, .threads = 1};
    struct vn_error err;
    struct vn_pipeline *p;
    arm(0);
    long base = atomic_load(&live);
    if (vn_pipeline_new(&po, &p, &err)) {
        fail("pipeline", "", 0, "cannot start without a failure");
        return 0;
    }
    vn_pipeline_free(p);
    long total = atomic_load(&n_calls), n = 0;
    for (long k = 1; k <= total; k = next_k(k, total, runs), n++) {
        arm(k);
        vn_status st = vn_pipeline_new(&po, &p, &err);
        if (!st) {
            vn_pipeline_free(p);
            if (atomic_load(&failed))
                fail("pipeline", "", k, "started although an allocation failed");
        } else if (p) {
            fail("pipeline", "", k, "an error status, yet a pipeline given");
        }
        if (atomic_load(&live) != base)
            fail("pipeline", "", k, "blocks not freed");
    }
    printf("ok - pipeline: %ld allocations, %ld runs\n", total, n);
    return n;
}

static void input_runs(struct vn_pipeline *p, const char *path, long runs)
{
    size_t len;
    char *bytes = slurp(path, &len);
    if (!bytes) {
        fail("input", path, 0, "cannot read it");
        return;
    }
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *ref, *out;
    size_t ref_len, out_len;
    /* a first run fills what the pipeline keeps from document to document
       (caches made on first use): the runs after it are alike */
    arm(0);
    run(p, name, bytes, len, &ref, &ref_len);
    free(ref);
    long base = atomic_load(&live);
    arm(0);
    vn_status ref_st = run(p, name, bytes, len, &ref, &ref_len);
    long total = atomic_load(&n_calls), n = 0, errors = 0, same = 0;
    int before = failures;
    if (atomic_load(&live) != base)
        fail("input", name, 0, "blocks not freed without any failure");
    for (long k = 1; k <= total; k = next_k(k, total, runs), n++) {
        arm(k);
        vn_status st = run(p, name, bytes, len, &out, &out_len);
        if (!atomic_load(&failed)) {
            fail("input", name, k, "the allocation was never asked for (the runs differ)");
        } else if (st) {
            errors++;   /* an error status: what a failed allocation should give */
        } else if (ref_st == VN_OK && out_len == ref_len && memcmp(out, ref, ref_len) == 0) {
            same++;     /* a fallback that loses nothing */
        } else {
            fail("input", name, k, "no error status, and the output differs from the run without a failure");
        }
        free(out);
        if (atomic_load(&live) != base) {
            char why[80];
            snprintf(why, sizeof why, "%ld blocks not freed", atomic_load(&live) - base);
            fail("input", name, k, why);
            base = atomic_load(&live);  /* report each leak once */
        }
    }
    if (failures == before)
        printf("ok - %s: %ld allocations, %ld runs: %ld errors, %ld same output\n", name, total, n, errors,
               same);
    free(ref);
    free(bytes);
}

int main(int argc, char **argv)
{
    long runs = 0;
    const char *env = getenv("VNAUDIT_ALLOC_RUNS");
    if (env && *env)
        runs = strtol(env, NULL, 10);
    int i = 1;
    if (i + 1 < argc && !strcmp(argv[i], "-r")) {
        runs = strtol(argv[i + 1], NULL, 10);
        i += 2;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: %s [-r RUNS] FILE...\n", argv[0]);
        return 2;
    }
    trace = getenv("VNAUDIT_ALLOC_TRACE") != NULL;
    if (runs > 0 && runs < 65)
        runs = 65;
    struct vn_allocator a = {t_calloc, t_realloc, t_free};
    vn_set_allocator(&a);
    if (!trace)
        pipeline_runs(runs);
    struct vn_pipeline_opts po = {.validate = true, .threads = 1};
    struct vn_error err;
    struct vn_pipeline *p;
    arm(0);
    if (vn_pipeline_new(&po, &p, &err)) {
        fprintf(stderr, "cannot start the pipeline\n");
        return 2;
    }
    for (; i < argc; i++)
        input_runs(p, argv[i], runs);
    vn_pipeline_free(p);
    if (atomic_load(&live) != 0)
        fail("all", "", 0, "blocks still held at the end");
    printf("%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
