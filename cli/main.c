/* The vnaudit command: parses options, then calls the library for each
 * file in turn. A file that cannot be read is reported on stderr and the
 * batch goes on. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/options.h"
#include "vnaudit/vnaudit.h"

static void report_error(const char *path, const struct vn_error *err, vn_status st)
{
    fprintf(stderr, "vnaudit: %s: %s\n", path, err->message[0] ? err->message : vn_strerror(st));
}

/* Colours for a person at a terminal, unless NO_COLOR (no-color.org) is set
 * to a non-empty value or --color says otherwise. */
static bool want_color(const struct vn_cli *cli)
{
    if (cli->color != COLOR_AUTO)
        return cli->color == COLOR_ALWAYS;
    const char *no = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(no && no[0]);
}

static int run(const struct vn_cli *cli)
{
    /* two threads for the rules where the machine has two cores */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cli->threads > 0 ? (unsigned)cli->threads : cores >= 2 ? 2u : 1u;
    struct vn_pipeline_opts po = {.vocab_dir = cli->vocab_dir,
                                  .max_input_bytes = cli->max_input_bytes,
                                  .validate = cli->command == CMD_CHECK,
                                  .threads = threads,
                                  .ocr = (enum vn_ocr_mode)cli->ocr};
    struct vn_error err = {0};
    struct vn_pipeline *p;
    vn_status st = vn_pipeline_new(&po, &p, &err);
    if (st) {
        fprintf(stderr, "vnaudit: cannot start: %s\n", err.message[0] ? err.message : vn_strerror(st));
        return 2;
    }
    struct vn_writer *w;
    if (vn_writer_new(stdout, &w)) {
        vn_pipeline_free(p);
        fputs("vnaudit: out of memory\n", stderr);
        return 2;
    }
    struct vn_report_opts ro = {.format = cli->format,
                                .include_checks = cli->command == CMD_CHECK,
                                .color = cli->format == VN_FMT_TEXT && want_color(cli),
                                .verbose = cli->verbose,
                                .threads = threads};
    int status = 0;
    bool out_failed = cli->command != CMD_TEXT && vn_report_begin(w, &ro) != VN_OK;
    for (int i = 0; i < cli->n_files && !out_failed; i++) {
        const char *path = cli->files[i];
        struct vn_doc *d;
        st = vn_doc_load(p, path, &d, &err);
        if (st) {
            report_error(path, &err, st);
            status = 2;
            ro.file_label = path;
            out_failed = cli->command != CMD_TEXT &&
                         vn_report_failed(w, &ro, err.message[0] ? err.message : vn_strerror(st)) != VN_OK;
            continue;
        }
        if (cli->command == CMD_TEXT) {
            out_failed = fwrite(d->text->data, 1, d->text->len, stdout) != d->text->len;
        } else {
            ro.file_label = path;
            ro.raw = d->raw;
            out_failed = vn_report_write(w, &ro, d->records) != VN_OK;
        }
        size_t errors = vn_doc_error_count(d) + vn_records_inconsistent_count(d->records);
        if (errors && d->raw->n_issues_total)
            fprintf(stderr, "vnaudit: %s: %zu encoding problem(s), first at byte offset %zu (line %zu)\n", path,
                    d->raw->n_issues_total, d->raw->issues[0].offset, d->raw->issues[0].line);
        if (errors && status == 0)
            status = 1;
        vn_doc_free(d);
    }
    if (cli->command != CMD_TEXT && !out_failed)
        out_failed = vn_report_end(w, &ro) != VN_OK;
    if (vn_writer_free(w) || out_failed) {
        fputs("vnaudit: error writing output\n", stderr);
        status = 2;
    }
    vn_pipeline_free(p);
    return status;
}

int main(int argc, char **argv)
{
    struct vn_cli cli;
    int rc = vn_cli_parse(argc, argv, &cli);
    if (rc == 0 && cli.help)
        vn_cli_usage(stdout);
    else if (rc == 0 && cli.version)
        printf("vnaudit %s\n", vn_version());
    else if (rc == 0)
        rc = run(&cli);
    free(cli.files);
    return rc;
}
