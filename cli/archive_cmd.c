/* vnaudit ingest | export | crosscheck: options, then the library. ingest
 * walks the inputs, reads documents on N worker threads (each with its own
 * pipeline and its own read-only connection for the "already stored" test)
 * and stores them from this thread, the one writer, in input order. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/archive_cmd.h"
#include "cli/options.h"
#include "common/i18n.h"   /* N_ */
#include "cli/pool.h"
#include "cli/walk.h"
#include "vnaudit/vnaudit.h"

void vn_archive_usage(FILE *f)
{
    fputs("       vnaudit ingest  --db FILE [-j N] [--files-from FILE|-] [--quiet|--verbose] PATH...\n"
          "       vnaudit export  --db FILE [--format jsonl|csv] [--type TYPE] [--verdict VERDICT]\n"
          "       vnaudit crosscheck --db FILE\n"
          "       vnaudit report  --db FILE --html DIR\n",
          f);
}

bool vn_archive_command(const char *name)
{
    return name && (!strcmp(name, "ingest") || !strcmp(name, "export") || !strcmp(name, "crosscheck") ||
                    !strcmp(name, "report"));
}

struct opts {
    const char *cmd, *db, *files_from, *format, *type, *verdict, *vocab, *html;
    const char *lang;           /* the messages': --lang, else from the locale variables */
    long jobs;
    size_t max_bytes;
    bool quiet, verbose;
    char **paths;
    int n_paths;
};

static int usage(const struct opts *o, const char *what, const char *arg)
{
    fprintf(stderr, vn_gettext(o->lang, "vnaudit: %s%s%s\n\nusage:\n"), vn_gettext(o->lang, what), arg ? arg : "",
            arg ? "'" : "");
    vn_archive_usage(stderr);
    return 2;
}

static int parse(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof *o);
    o->cmd = argv[1];
    struct vn_cli env = {0};    /* no --lang yet: LC_ALL, LC_MESSAGES, LANG */
    o->lang = vn_cli_lang(&env);
    o->paths = calloc((size_t)argc, sizeof *o->paths);
    if (!o->paths)
        return 2;
    bool only_paths = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_paths || a[0] != '-' || !strcmp(a, "-")) {
            o->paths[o->n_paths++] = argv[i];
            continue;
        }
        if (!strcmp(a, "--")) {
            only_paths = true;
            continue;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o->quiet = true;
            continue;
        }
        if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            o->verbose = true;
            continue;
        }
        const char *val = NULL;
        size_t nlen = strlen(a);
        const char *eq = strchr(a, '=');
        if (eq && a[1] == '-') {
            nlen = (size_t)(eq - a);
            val = eq + 1;
        }
#define IS(opt) (nlen == strlen(opt) && !strncmp(a, opt, nlen))
        if (!(IS("--db") || IS("-j") || IS("--jobs") || IS("--files-from") || IS("-f") || IS("--format") ||
              IS("--type") || IS("--verdict") || IS("--vocab") || IS("--max-input-bytes") || IS("--lang") ||
              IS("--html")))
            return usage(o, N_("unknown option '"), a);
        if (!val) {
            if (i + 1 >= argc)
                return usage(o, N_("this option needs a value: '"), a);
            val = argv[++i];
        }
        if (IS("--db"))
            o->db = val;
        else if (IS("--files-from"))
            o->files_from = val;
        else if (IS("-f") || IS("--format"))
            o->format = val;
        else if (IS("--type"))
            o->type = val;
        else if (IS("--verdict"))
            o->verdict = val;
        else if (IS("--vocab"))
            o->vocab = val;
        else if (IS("--html"))
            o->html = val;
        else if (IS("--lang")) {
            if (!vn_lang_known(val))
                return usage(o, N_("unknown language (en, vi): '"), val);
            o->lang = val;
        }
        else if (IS("-j") || IS("--jobs")) {
            char *end;
            long v = strtol(val, &end, 10);
            if (!*val || *end || v < 1 || v > 256)
                return usage(o, N_("invalid job count (1 to 256): '"), val);
            o->jobs = v;
        } else {
            char *end;
            unsigned long long v = strtoull(val, &end, 10);
            if (!*val || *end || v == 0 || v > (1ull << 40))
                return usage(o, N_("invalid byte count: '"), val);
            o->max_bytes = (size_t)v;
        }
#undef IS
    }
    if (!o->db)
        return usage(o, N_("--db FILE is required"), NULL);
    if (!strcmp(o->cmd, "ingest") && !o->n_paths && !o->files_from)
        return usage(o, N_("ingest: no PATH given (or --files-from FILE|-)"), NULL);
    if (strcmp(o->cmd, "ingest") && o->n_paths)
        return usage(o, N_("unexpected argument '"), o->paths[0]);
    if (!strcmp(o->cmd, "report") && !o->html)
        return usage(o, N_("report: --html DIR is required"), NULL);
    return 0;
}

/* ---- ingest ---- */

struct ingest {
    const struct opts *o;
    struct vn_walk walk;
    struct vn_archive *db;      /* the writer's connection (this thread) */
    int64_t run_id;
    struct vn_archive_counts counts;
    uint64_t ok, inconsistent;
    bool tty;
    double t0, last_progress;
    char *db_error;
    /* CPU seconds of the readers (added by each as it stops) and of the
       writer: the summary says which side bounds the run */
    _Atomic long long reader_cpu_us;
};

struct worker {
    struct vn_pipeline *p;
    struct vn_archive *reader;  /* this worker's connection: the "already stored" test */
};

/* What a worker gives the writer: an entry, or a skip. */
struct outcome {
    struct vn_archive_entry *e;     /* NULL: skipped, or out of memory (oom) */
    bool oom;
    bool skipped_ok;                /* skipped: its stored row is ok */
    uint64_t bytes;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the calling thread, in seconds. */
static double thread_cpu_s(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *ingest_start(void *arg, unsigned id)
{
    struct ingest *g = arg;
    struct worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    struct vn_pipeline_opts po = {.vocab_dir = g->o->vocab, .max_input_bytes = g->o->max_bytes, .validate = true,
                                  .threads = 1, .lang = g->o->lang};
    struct vn_error err;
    struct vn_archive_opts ao = {.mode = VN_ARCHIVE_READ};
    if (vn_pipeline_new(&po, &w->p, &err) || vn_archive_new(g->o->db, &ao, &w->reader, &err)) {
        vn_pipeline_free(w->p);
        free(w);
        return NULL;
    }
    return w;
}

static void ingest_stop(void *arg, void *state)
{
    struct ingest *g = arg;
    g->reader_cpu_us += (long long)(thread_cpu_s() * 1e6);
    struct worker *w = state;
    vn_archive_free(w->reader);
    vn_pipeline_free(w->p);
    free(w);
}

/* The "already stored" test, on this worker's own connection. */
static bool already_stored(void *arg, const char *path, const char *sha256, bool *ok)
{
    struct worker *w = arg;
    bool stored = false;
    struct vn_error err;
    return vn_archive_is_stored(w->reader, path, sha256, &stored, ok, &err) == VN_OK && stored;
}

static void *ingest_work(void *arg, void *state, size_t task)
{
    struct ingest *g = arg;
    struct worker *w = state;
    const struct vn_input *in = &g->walk.in[task];
    struct outcome *out = calloc(1, sizeof *out);
    if (!out)
        return NULL;
    struct vn_archive_read_opts ro = {.problem = in->problem, .size = in->size, .max_input_bytes = g->o->max_bytes,
                                      .skip = already_stored, .skip_arg = w};
    struct vn_archive_read_info info;
    if (vn_archive_entry_read(w->p, in->path, &ro, &out->e, &info))
        out->oom = true;
    out->bytes = info.bytes;
    out->skipped_ok = info.skipped_ok;
    return out;     /* no entry and not oom: skipped (the same content by the same version) */
}

/* A stored row's status ("ok", "error", "unsupported", "empty": ids kept
 * in the archive) in the reader's language. */
static const char *status_word(const char *lang, const char *status)
{
    static const char *const words[][2] = {{"ok", N_("ok")},
                                           {"error", N_("error")},
                                           {"unsupported", N_("unsupported")},
                                           {"empty", N_("empty")}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(status, words[i][0]))
            return vn_gettext(lang, words[i][1]);
    return status;
}

static void progress(struct ingest *g, size_t done, bool last)
{
    double t = now_s();
    if (!last && t - g->last_progress < 0.1)
        return;
    g->last_progress = t;
    double el = t - g->t0;
    double mbs = el > 0 ? (double)g->counts.bytes / 1e6 / el : 0;
    size_t total = g->walk.n;
    double eta = done && done < total ? el / (double)done * (double)(total - done) : 0;
    fputs("\r\033[K", stderr);    /* back to the line's start, cleared */
    fprintf(stderr, vn_gettext(g->o->lang, "%zu/%zu documents  %.1f MB/s  %.0fs elapsed  ETA %.0fs  %llu failed"), done,
            total,
            mbs, el, eta, (unsigned long long)g->counts.failed);
    if (last)
        fputc('\n', stderr);
}

static bool ingest_take(void *arg, size_t task, void *result)
{
    struct ingest *g = arg;
    struct outcome *out = result;
    const char *path = g->walk.in[task].path;
    if (!out || out->oom) {
        fprintf(stderr, vn_gettext(g->o->lang, "vnaudit: %s: out of memory\n"), path);
        if (out)
            free(out);
        return false;
    }
    g->counts.bytes += out->bytes;
    bool go_on = true;
    if (!out->e) {
        g->counts.skipped++;
        g->counts.failed += !out->skipped_ok;
        if (g->o->verbose)
            fprintf(stderr, vn_gettext(g->o->lang, "%s: already stored\n"), path);
    } else {
        bool stored;
        struct vn_error err;
        if (vn_archive_store(g->db, g->run_id, out->e, &stored, &err)) {
            fprintf(stderr, "\nvnaudit: %s\n", err.message);
            go_on = false;
        } else if (!stored) {
            g->counts.skipped++;    /* stored meanwhile by another run */
        } else {
            g->counts.stored++;
            const char *status = vn_archive_entry_status(out->e);
            bool ok = !strcmp(status, "ok");
            g->counts.failed += !ok;
            g->ok += ok;
            g->inconsistent += vn_archive_entry_inconsistent(out->e);
            if (g->o->verbose)
                fprintf(stderr, "%s: %s\n", path, status_word(g->o->lang, status));
        }
        vn_archive_entry_free(out->e);
    }
    free(out);
    if (g->tty && !g->o->quiet && !g->o->verbose)
        progress(g, task + 1, false);
    return go_on;
}

static void ingest_drop(void *arg, void *result)
{
    struct outcome *out = result;
    if (out)
        vn_archive_entry_free(out->e);
    free(out);
}

static char *joined(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = malloc(n), *p = s;
    if (!s)
        return NULL;
    for (int i = 0; i < argc; i++)
        p += sprintf(p, i ? " %s" : "%s", argv[i]);
    *p = '\0';
    return s;
}

static int ingest(const struct opts *o, int argc, char **argv)
{
    struct ingest g = {.o = o, .tty = isatty(STDERR_FILENO)};
    for (int i = 0; i < o->n_paths; i++)
        if (!vn_walk_add(&g.walk, o->paths[i])) {
            fputs(vn_gettext(o->lang, "vnaudit: out of memory\n"), stderr);
            vn_walk_free(&g.walk);
            return 2;
        }
    if (o->files_from) {
        FILE *f = strcmp(o->files_from, "-") ? fopen(o->files_from, "r") : stdin;
        if (!f) {
            fprintf(stderr, "vnaudit: %s: %s\n", o->files_from, vn_strerrno_lang(errno, o->lang));
            vn_walk_free(&g.walk);
            return 2;
        }
        bool ok = vn_walk_add_list(&g.walk, f);
        if (f != stdin)
            fclose(f);
        if (!ok) {
            fputs(vn_gettext(o->lang, "vnaudit: out of memory\n"), stderr);
            vn_walk_free(&g.walk);
            return 2;
        }
    }
    struct vn_error err;
    struct vn_archive_opts ao = {.mode = VN_ARCHIVE_WRITE_EXCLUSIVE};
    if (vn_archive_new(o->db, &ao, &g.db, &err)) {
        fprintf(stderr, "vnaudit: %s\n", err.message);
        vn_walk_free(&g.walk);
        return 2;
    }
    char *cmdline = joined(argc, argv);
    int rc = 0;
    if (vn_archive_run_begin(g.db, cmdline, &g.run_id, &err)) {
        fprintf(stderr, "vnaudit: %s\n", err.message);
        rc = 2;
    }
    free(cmdline);
    g.counts.found = g.walk.n;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = o->jobs > 0 ? (unsigned)o->jobs : cores > 0 ? (unsigned)cores : 1;
    g.t0 = now_s();
    if (!rc) {
        struct vn_pool_job job = {.n_tasks = g.walk.n, .workers = jobs, .window = 4 * (size_t)jobs + 4,
                                  .start = ingest_start, .stop = ingest_stop, .work = ingest_work,
                                  .take = ingest_take, .drop = ingest_drop, .arg = &g};
        int prc = g.walk.n ? vn_pool_run(&job) : 0;
        if (prc < 0)
            fputs(vn_gettext(o->lang, "vnaudit: cannot start the workers\n"), stderr);
        bool complete = prc == 0;
        if (vn_archive_run_end(g.db, g.run_id, &g.counts, complete, &err)) {
            fprintf(stderr, "vnaudit: %s\n", err.message);
            complete = false;
        }
        rc = !complete ? 2 : g.counts.failed ? 1 : 0;
    }
    vn_archive_free(g.db);     /* its last checkpoint is part of the run */
    g.db = NULL;
    double el = now_s() - g.t0;
    if (!o->quiet && (g.tty || o->verbose)) {
        if (g.tty && !o->verbose && g.walk.n)
            progress(&g, g.walk.n, true);
        fprintf(stderr,
                vn_gettext(o->lang, "%zu found: %llu stored (%llu ok, %llu failed), %llu already stored; %llu "
                                    "inconsistent checks; %.1f s, %.1f documents/s, %.1f MB/s\n"),
                g.walk.n, (unsigned long long)g.counts.stored, (unsigned long long)g.ok,
                (unsigned long long)g.counts.failed, (unsigned long long)g.counts.skipped,
                (unsigned long long)g.inconsistent, el, el > 0 ? (double)g.walk.n / el : 0,
                el > 0 ? (double)g.counts.bytes / 1e6 / el : 0);
        if (o->verbose)
            fprintf(stderr, vn_gettext(o->lang, "CPU: readers %.2f s, writer %.2f s\n"),
                    (double)g.reader_cpu_us / 1e6, thread_cpu_s());
    }
    vn_walk_free(&g.walk);
    return rc;
}

/* ---- export, crosscheck ---- */

static int export_cmd(const struct opts *o)
{
    struct vn_archive_export_opts eo = {.type = o->type, .verdict = o->verdict};
    if (!o->format || !strcmp(o->format, "jsonl"))
        eo.format = VN_EXPORT_JSONL;
    else if (!strcmp(o->format, "csv"))
        eo.format = VN_EXPORT_CSV;
    else
        return usage(o, N_("export: unknown format (jsonl or csv): '"), o->format);
    struct vn_archive *a;
    struct vn_error err;
    struct vn_archive_opts ao = {.mode = VN_ARCHIVE_READ};
    if (vn_archive_new(o->db, &ao, &a, &err)) {
        fprintf(stderr, "vnaudit: %s\n", err.message);
        return 2;
    }
    vn_status st = vn_archive_export(a, &eo, stdout, NULL, &err);
    vn_archive_free(a);
    if (!st && fflush(stdout) != 0) {
        st = VN_EIO;
        snprintf(err.message, sizeof err.message, "%s", vn_gettext(o->lang, "error writing the export"));
    }
    if (st) {
        fprintf(stderr, "vnaudit: %s\n", err.message);
        return 2;
    }
    return 0;
}

static void print_finding(void *arg, const struct vn_archive_finding *f)
{
    (void)arg;
    printf("%s:%u:%u: %s: %s\n  %s:%u:%u: %s\n  %s:%u:%u: %s\n", f->b.path, f->b.line, f->b.col, f->kind,
           f->message, f->a.path, f->a.line, f->a.col, f->a.text, f->b.path, f->b.line, f->b.col, f->b.text);
}

/* Opens the archive --db names, which must exist (crosscheck and report
 * never make one); says why not on stderr. 0 or 2. */
static int open_existing(const struct opts *o, enum vn_archive_mode mode, struct vn_archive **a)
{
    if (access(o->db, F_OK) != 0) {
        fprintf(stderr, "vnaudit: %s: %s\n", o->db, vn_strerrno_lang(errno, o->lang));
        return 2;
    }
    struct vn_error err;
    struct vn_archive_opts ao = {.mode = mode};
    if (vn_archive_new(o->db, &ao, a, &err)) {
        fprintf(stderr, "vnaudit: %s\n", err.message);
        return 2;
    }
    return 0;
}

static int crosscheck_cmd(const struct opts *o)
{
    struct vn_archive *a;
    if (open_existing(o, VN_ARCHIVE_WRITE, &a))
        return 2;
    struct vn_error err;
    size_t n;
    vn_status st = vn_archive_crosscheck(a, print_finding, NULL, &n, &err);
    vn_archive_free(a);
    if (st) {
        fprintf(stderr, "vnaudit: %s\n", err.message);
        return 2;
    }
    if (!o->quiet)
        fprintf(stderr,
                n == 1 ? vn_gettext(o->lang, "%zu finding across documents\n")
                       : vn_gettext(o->lang, "%zu findings across documents\n"),
                n);
    return n ? 1 : 0;
}

static int report_cmd(const struct opts *o)
{
    struct vn_archive *a;
    if (open_existing(o, VN_ARCHIVE_READ, &a))
        return 2;
    struct vn_error err;
    uint64_t pages;
    vn_status st = vn_archive_site(a, o->html, &pages, &err);
    vn_archive_free(a);
    if (st) {
        fprintf(stderr, "vnaudit: %s\n", err.message[0] ? err.message : vn_strerror(st));
        return 2;
    }
    if (o->verbose)
        fprintf(stderr, "%s/index.html: %llu document pages\n", o->html, (unsigned long long)pages);
    return 0;
}

int vn_archive_main(int argc, char **argv)
{
    struct opts o;
    int rc = parse(argc, argv, &o);
    if (!rc) {
        if (!strcmp(o.cmd, "ingest"))
            rc = ingest(&o, argc, argv);
        else if (!strcmp(o.cmd, "export"))
            rc = export_cmd(&o);
        else if (!strcmp(o.cmd, "report"))
            rc = report_cmd(&o);
        else
            rc = crosscheck_cmd(&o);
    }
    free(o.paths);
    return rc;
}
