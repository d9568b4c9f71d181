/* The vnaudit command: parses options and the configuration file, then
 * calls the library for each file in turn. A file that cannot be read is
 * reported on stderr and the batch goes on. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/config.h"
#include "cli/log.h"
#include "cli/archive_cmd.h"
#include "cli/jobs.h"
#include "cli/output.h"
#include "cli/options.h"
#include "vnaudit/vnaudit.h"

/* Colours for a person at a terminal, unless NO_COLOR (no-color.org) is set
 * to a non-empty value or --color says otherwise. */
static bool want_color(const struct vn_cli *cli)
{
    if (cli->color != COLOR_AUTO)
        return cli->color == COLOR_ALWAYS;
    const char *no = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(no && no[0]);
}

/* The terminal's width, for the text report's excerpts: standard output's
 * window, else COLUMNS; 0 (the library's default) for a file or a pipe. */
static unsigned text_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    long v = c ? strtol(c, NULL, 10) : 0;
    return v > 0 && v < 10000 ? (unsigned)v : 0;
}

/* The configuration: --config FILE, else the .vnaudit.ini of the first
 * input (a batch has one policy: another input under another .vnaudit.ini
 * gets a warning). Returns 0 (c->path NULL when there is none) or 2. */
static int find_config(const struct vn_cli *cli, struct vn_config *c)
{
    memset(c, 0, sizeof *c);
    if (cli->no_config || cli->command == CMD_TEXT)
        return 0;
    if (cli->config)
        return vn_config_load(cli->config, vn_cli_lang(cli), c);
    char *path = vn_config_find(cli->files[0]);
    if (!path)
        return 0;
    for (int i = 1; i < cli->n_files; i++) {
        char *other = vn_config_find(cli->files[i]);
        if (other && strcmp(other, path))
            fprintf(stderr,
                    vn_gettext(vn_cli_lang(cli),
                               "vnaudit: warning: %s is under %s, but the batch follows %s (the first input's)\n"),
                    cli->files[i], other, path);
        free(other);
    }
    int rc = vn_config_load(path, vn_cli_lang(cli), c);
    free(path);
    return rc;
}

/* "vnaudit: WHERE: why" for a policy setting refused; returns 2. */
static int policy_error(const char *lang, const char *where, vn_status st, const struct vn_error *err)
{
    fprintf(stderr, "vnaudit: %s: %s\n", where, err->message[0] ? err->message : vn_strerror_lang(st, lang));
    return 2;
}

/* The policy: the configuration's settings, then the flags over them. */
static int make_policy(const struct vn_cli *cli, const struct vn_config *c, struct vn_policy **out)
{
    const char *lang = vn_cli_lang(cli);
    struct vn_policy *p;
    if (vn_policy_new(&p)) {
        fputs(vn_gettext(lang, "vnaudit: out of memory\n"), stderr);
        return 2;
    }
    *out = p;
    vn_policy_set_lang(p, lang);
    struct vn_error err = {0};
    vn_status st = VN_OK;
    const char *cp = c->path ? c->path : "";
    if (c->select && (st = vn_policy_select(p, c->select, &err)))
        return policy_error(lang, cp, st, &err);
    if (c->extend_select && (st = vn_policy_extend_select(p, c->extend_select, &err)))
        return policy_error(lang, cp, st, &err);
    if (c->ignore && (st = vn_policy_ignore(p, c->ignore, &err)))
        return policy_error(lang, cp, st, &err);
    for (size_t i = 0; i < c->n_levels; i++)
        if ((st = vn_policy_set_level(p, c->levels[i].rule, c->levels[i].level, &err)))
            return policy_error(lang, cp, st, &err);
    enum vn_fail_on f;
    if (c->fail_on) {
        if (vn_policy_parse_fail_on(c->fail_on, &f)) {
            fprintf(stderr, vn_gettext(lang, "vnaudit: %s: invalid fail-on '%s' (error, warning, note, never)\n"), cp,
                    c->fail_on);
            return 2;
        }
        vn_policy_set_fail_on(p, f);
    }
    for (int i = 0; i < cli->n_rule_args; i++) {
        const struct vn_rule_arg *a = &cli->rule_args[i];
        switch (a->kind) {
        case RULE_SELECT:
            st = vn_policy_select(p, a->value, &err);
            break;
        case RULE_EXTEND_SELECT:
            st = vn_policy_extend_select(p, a->value, &err);
            break;
        case RULE_IGNORE:
            st = vn_policy_ignore(p, a->value, &err);
            break;
        case RULE_SEVERITY: {
            char rule[128];
            const char *eq = strchr(a->value, '=');
            snprintf(rule, sizeof rule, "%.*s", (int)(eq - a->value), a->value);
            st = vn_policy_set_level(p, rule, eq + 1, &err);
            break;
        }
        }
        if (st)
            return policy_error(lang, a->kind == RULE_SEVERITY ? "--severity"
                                : a->kind == RULE_IGNORE ? "--ignore"
                                                         : "--select",
                                st, &err);
    }
    if (cli->fail_on) {
        if (vn_policy_parse_fail_on(cli->fail_on, &f)) {
            fprintf(stderr, vn_gettext(lang, "vnaudit: invalid --fail-on '%s' (error, warning, note, never)\n"),
                    cli->fail_on);
            return 2;
        }
        vn_policy_set_fail_on(p, f);
    }
    const char *baseline = cli->baseline ? cli->baseline : c->baseline;
    if (baseline && cli->command == CMD_CHECK && (st = vn_policy_load_baseline(p, baseline, &err)))
        return policy_error(lang, vn_gettext(lang, "baseline"), st, &err);
    vn_policy_show_suppressed(p, cli->show_suppressed);
    vn_policy_collect_baseline(p, cli->write_baseline != NULL);
    return 0;
}

static int write_baseline(const struct vn_policy *p, const char *path, const char *lang)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, vn_strerrno_lang(errno, lang));     /* as perror, in `lang` */
        return 2;
    }
    vn_status st = vn_policy_write_baseline(p, f);
    if (fclose(f) != 0 && !st)
        st = VN_EIO;
    if (st) {
        fprintf(stderr, vn_gettext(lang, "vnaudit: %s: cannot write the baseline: %s\n"), path,
                vn_strerror_lang(st, lang));
        return 2;
    }
    return 0;
}

static int run(const struct vn_cli *cli, const struct vn_config *cfg, struct vn_policy *policy)
{
    const char *lang = vn_cli_lang(cli);
    /* two threads for the rules where the machine has two cores */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cli->threads > 0 ? (unsigned)cli->threads : cores >= 2 ? 2u : 1u;
    struct vn_pipeline_opts po = {.vocab_dir = cli->vocab_dir ? cli->vocab_dir : cfg->vocab,
                                  .max_input_bytes = cli->max_input_bytes,
                                  .validate = cli->command == CMD_CHECK,
                                  .threads = threads,
                                  .nd30 = cli->command == CMD_CHECK && vn_policy_group_selected(policy, "nd30"),
                                  .log = vn_cli_log_from_env(),
                                  .encoding = cli->encoding,
                                  .lang = lang,
                                  .ocr = (enum vn_ocr_mode)cli->ocr};
    /* -j N: one thread of rules per worker unless --threads says otherwise */
    bool many = cli->jobs > 1 && cli->n_files > 1 && cli->command != CMD_TEXT;
    if (many && cli->threads <= 0)
        po.threads = 1;
    struct vn_error err = {0};
    struct vn_pipeline *p = NULL;
    vn_status st = many ? VN_OK : vn_pipeline_new(&po, &p, &err);
    if (st) {
        fprintf(stderr, vn_gettext(lang, "vnaudit: cannot start: %s\n"), err.message[0] ? err.message : vn_strerror_lang(st, lang));
        return 2;
    }
    struct vn_writer *w;
    if (vn_writer_new(stdout, &w)) {
        vn_pipeline_free(p);
        fputs(vn_gettext(lang, "vnaudit: out of memory\n"), stderr);
        return 2;
    }
    /* SARIF: paths under the current folder relative to %SRCROOT% */
    char *cwd = cli->format == VN_FMT_SARIF ? getcwd(NULL, 0) : NULL;
    struct vn_cli_out out = {.cli = cli,
                             .policy = policy,
                             .w = w,
                             .ro = {.format = cli->format,
                                    .include_checks = cli->command == CMD_CHECK,
                                    .color = cli->format == VN_FMT_TEXT && want_color(cli),
                                    .verbose = cli->verbose,
                                    .threads = po.threads,
                                    .srcroot = cwd,
                                    .lang = lang,
                                    .csv_bom = cli->csv_bom,
                                    .text_width = cli->format == VN_FMT_TEXT ? text_width() : 0}};
    out.out_failed = cli->command != CMD_TEXT && vn_report_begin(w, &out.ro) != VN_OK;
    if (many && !out.out_failed && vn_run_jobs(&out, &po, (unsigned)cli->jobs) < 0) {
        fputs(vn_gettext(lang, "vnaudit: cannot start the workers\n"), stderr);
        out.status = 2;
    }
    for (int i = 0; !many && i < cli->n_files && !out.out_failed; i++) {
        struct vn_doc *d = NULL;
        st = vn_doc_load(p, cli->files[i], &d, &err);
        vn_cli_out_doc(&out, cli->files[i], d, st, &err);
        vn_doc_free(d);
    }
    const struct vn_report_opts ro = out.ro;
    int status = out.status;
    bool out_failed = out.out_failed;
    if (cli->command != CMD_TEXT && !out_failed)
        out_failed = vn_report_end(w, &ro) != VN_OK;
    if (vn_writer_free(w) || out_failed) {
        fputs(vn_gettext(lang, "vnaudit: error writing output\n"), stderr);
        status = 2;
    }
    free(cwd);
    vn_pipeline_free(p);
    /* the findings written to a baseline are accepted: only a failure to
       do the job is an error then */
    if (cli->write_baseline) {
        int rc = write_baseline(policy, cli->write_baseline, vn_cli_lang(cli));
        status = rc ? rc : status == 2 ? 2 : 0;
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1 && vn_archive_command(argv[1]))
        return vn_archive_main(argc, argv);
    struct vn_cli cli;
    struct vn_config cfg = {0};
    struct vn_policy *policy = NULL;
    int rc = vn_cli_parse(argc, argv, &cli);
    if (rc == 0 && cli.help)
        vn_cli_usage(stdout, vn_cli_lang(&cli));
    else if (rc == 0 && cli.version)
        printf("vnaudit %s\n", vn_version());
    else if (rc == 0 && (rc = find_config(&cli, &cfg)) == 0 && (rc = vn_cli_resolve_format(&cli, cfg.format)) == 0 &&
             (rc = make_policy(&cli, &cfg, &policy)) == 0)
        rc = run(&cli, &cfg, policy);
    vn_policy_free(policy);
    vn_config_free(&cfg);
    vn_cli_free(&cli);
    return rc;
}
