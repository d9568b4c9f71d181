/* Command-line options of the vnaudit tool. */
#ifndef VN_CLI_OPTIONS_H
#define VN_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "vnaudit/report.h"

enum vn_command { CMD_NONE, CMD_EXTRACT, CMD_CHECK, CMD_TEXT };

/* --color: auto (a terminal, and NO_COLOR unset or empty), always, never. */
enum vn_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* --select, --extend-select, --ignore and --severity, kept in the order
 * given (a later --select replaces what came before it). */
enum vn_rule_arg_kind { RULE_SELECT, RULE_EXTEND_SELECT, RULE_IGNORE, RULE_SEVERITY };
struct vn_rule_arg {
    enum vn_rule_arg_kind kind;
    const char *value;
};

struct vn_cli {
    enum vn_command command;
    enum vn_format format;
    const char *format_name;    /* as given, NULL: the command's default */
    enum vn_color color;
    bool verbose;
    const char *vocab_dir;
    size_t max_input_bytes;
    int ocr;                    /* --ocr: enum vn_ocr_mode (0: auto) */
    long threads;               /* --threads N; -1: as many as the machine has, at most 2 */
    const char *encoding;       /* --encoding NAME; NULL: detected */
    long jobs;                  /* -j N: documents read at once; 0: one */
    const char *lang;           /* --lang en|vi; NULL: from LC_ALL, LC_MESSAGES, LANG (vn_cli_lang) */
    bool csv_bom;               /* --csv-bom */
    bool help, version;
    struct vn_rule_arg *rule_args;  /* in the order given */
    int n_rule_args;
    const char *fail_on;        /* --fail-on LEVEL, NULL: the configuration's or error */
    const char *config;         /* --config FILE, NULL: .vnaudit.ini found from the input */
    bool no_config;             /* --no-config */
    const char *baseline, *write_baseline;
    bool show_suppressed;
    char **files;
    int n_files;
};

/* Fills cli from argv. Returns 0, or 2 after printing the error and a
 * one-line usage on stderr. cli->files and cli->rule_args are allocated
 * either way (vn_cli_free). */
int vn_cli_parse(int argc, char **argv, struct vn_cli *cli);
void vn_cli_free(struct vn_cli *cli);
/* Sets cli->format from the name (or, when none was given, a
 * configuration's format for check); 0, or 2 after printing why. */
int vn_cli_resolve_format(struct vn_cli *cli, const char *config_format);
/* The full help (--help), in `lang`. */
void vn_cli_usage(FILE *f, const char *lang);
/* The language of messages: --lang, else the first of LC_ALL, LC_MESSAGES,
 * LANG that is set ("vi_VN.UTF-8" gives "vi"), else English. */
const char *vn_cli_lang(const struct vn_cli *cli);

#endif
