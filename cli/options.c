#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive_cmd.h"
#include "cli/options.h"
#include "common/i18n.h"   /* N_ */
#include "vnaudit/i18n.h"
#include "vnaudit/ingest.h"

/* One text for --help, so that it reads as a whole in either language. */
void vn_cli_usage(FILE *f, const char *lang)
{
    fputs(vn_gettext(lang,
                     "usage: vnaudit extract [OPTION]... FILE...\n"
                     "       vnaudit check   [OPTION]... FILE...\n"
                     "       vnaudit text    [OPTION]... FILE\n"),
          f);
    vn_archive_usage(f);
    fputs(vn_gettext(lang,
          "       vnaudit --help | --version\n"
          "\n"
          "Reads Vietnamese government reports, extracts amounts of money, percentages,\n"
          "quantities, references to documents and dates, and checks the arithmetic the\n"
          "text states (sums, ratios, differences, products).\n"
          "\n"
          "Input formats, recognized by their content, not their name: text (.txt, .md)\n"
          "in UTF-8, UTF-16 or a legacy Vietnamese encoding (TCVN3, VNI, VISCII, CP1258),\n"
          "DOCX, DOC (Word 97-2003), ODT, flat ODT (FODT), HTML (any charset ICU knows).\n"
          "FILE '-' reads standard input.\n"
          "\n"
          "Commands:\n"
          "  extract   print the extracted records (default format: jsonl)\n"
          "  check     print the findings: inconsistent and ambiguous relations, and\n"
          "            diagnostics (default format: text)\n"
          "  text      print the normalized text that 'line' and 'col' refer to\n"
          "\n"
          "Options:\n"
          "  -f, --format FMT        output format. extract: jsonl, csv, text;\n"
          "                          check: text, jsonl, sarif (SARIF 2.1.0, one log for\n"
          "                          all files), html (one self-contained page), csv\n"
          "  -v, --verbose           check, text and html: also list the consistent and\n"
          "                          partial checks and every record\n"
          "      --lang LANG         language of the messages: en or vi (default: from\n"
          "                          LC_ALL, LC_MESSAGES or LANG; rule ids never change)\n"
          "      --color[=WHEN]      colour the text output: auto (a terminal and\n"
          "                          NO_COLOR unset; the default), always, never\n"
          "      --no-color          the same as --color=never\n"
          "      --csv-bom           csv: begin with a UTF-8 byte order mark (Excel)\n"
          "      --vocab DIR         read the vocabulary tables from DIR/*.tsv\n"
          "      --max-input-bytes N refuse inputs larger than N bytes (default 512 MiB)\n"
          "      --ocr WHEN          PDF pages without text and images: read them by OCR\n"
          "                          auto (the default: pages without a text layer),\n"
          "                          always (every page), never\n"
          "      --threads N         check: threads for the rules, 1 or 2 (default: 2 on a\n"
          "                          machine with two cores or more); the output is the same\n"
          "      --encoding NAME     plain text: auto (the default: UTF-8 or UTF-16, else a\n"
          "                          legacy encoding detected from the bytes, reported as a\n"
          "                          note), utf-8, tcvn3, vni, viscii or cp1258\n"
          "\n"
          "Rules, levels and baselines (check; see docs/CONTRACT.md):\n"
          "      --select LIST       report only these rules or groups (comma-separated;\n"
          "                          groups: all, default, checks, diagnostics, nd30;\n"
          "                          a prefix ends in '*'); default: 'default' (all but nd30)\n"
          "      --extend-select LIST  add rules or groups to the selection ('nd30')\n"
          "      --ignore LIST       leave these rules or groups out\n"
          "      --severity RULE=LEVEL  the level of a rule or group: error, warning, note\n"
          "      --fail-on LEVEL     exit 1 when a finding is at or above LEVEL: error (the\n"
          "                          default), warning, note, or never\n"
          "      --config FILE       read the configuration from FILE instead of the\n"
          "                          .vnaudit.ini found from the input's folder upward\n"
          "      --no-config         read no configuration file\n"
          "      --baseline FILE     leave out the findings FILE lists (accepted before)\n"
          "      --write-baseline FILE  write today's findings to FILE as a baseline\n"
          "      --show-suppressed   show the findings a baseline suppresses, marked\n"
          "  -j, --jobs N            extract, check: read N files at once (output in input\n"
          "                          order, the same as one); ingest: N workers (default:\n"
          "                          the number of cores); see docs/ARCHIVE.md\n"
          "  -h, --help              show this help\n"
          "  -V, --version           show the version\n"
          "\n"
          "Exit status: 0 nothing at or above the --fail-on level; 1 a finding at or above\n"
          "it (by default: an inconsistency or an error finding, as an input with encoding\n"
          "errors); 2 a usage error, a bad configuration or baseline, or an input that\n"
          "could not be read.\n"
          "\n"
          "See vnaudit(1) for more.\n"),
          f);
}

const char *vn_cli_lang(const struct vn_cli *cli)
{
    if (cli->lang)
        return cli->lang;
    /* the POSIX order of precedence for the messages category */
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            return !strncmp(v, "vi", 2) && strchr("_.@", v[2] ? v[2] : '_') ? "vi" : "en";
    }
    return "en";
}

/* Prints "vnaudit: <before><arg><after>" and a one-line usage on stderr, in the
 * language the options read so far choose; returns 2. (Only the error: the
 * whole help would push it off the screen.) */
static int usage_error(const struct vn_cli *cli, const char *before, const char *arg, const char *after)
{
    const char *lang = vn_cli_lang(cli);
    fprintf(stderr, "vnaudit: %s%s%s\n", vn_gettext(lang, before), arg, vn_gettext(lang, after));
    fputs(vn_gettext(lang, "usage: vnaudit extract|check|text [OPTION]... FILE... ('vnaudit --help' lists the options)\n"),
          stderr);
    return 2;
}

struct format_name {
    const char *name;
    enum vn_format format;
    bool extract, check;    /* valid for the command */
};

static const struct format_name formats[] = {
    {"jsonl", VN_FMT_JSONL, true, true},  {"json", VN_FMT_JSONL, true, true}, /* an alias kept for old scripts */
    {"csv", VN_FMT_CSV, true, true},      {"text", VN_FMT_TEXT, true, true},
    {"sarif", VN_FMT_SARIF, false, true}, {"html", VN_FMT_HTML, false, true},
};

/* The format named, checked against the command (known once all the
 * arguments are read: options may come before the command). */
int vn_cli_resolve_format(struct vn_cli *cli, const char *config_format)
{
    if (!cli->format_name && config_format && cli->command == CMD_CHECK)
        cli->format_name = config_format;
    if (!cli->format_name) {
        cli->format = cli->command == CMD_CHECK ? VN_FMT_TEXT : VN_FMT_JSONL;
        return 0;
    }
    if (cli->command == CMD_TEXT)
        return usage_error(cli, "'text' takes no --format: it prints the normalized text", "", "");
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(formats[i].name, cli->format_name) != 0)
            continue;
        if (cli->command == CMD_EXTRACT && !formats[i].extract)
            return usage_error(cli, "format '", cli->format_name, N_("' is for check only (extract: jsonl, csv, text)"));
        cli->format = formats[i].format;
        return 0;
    }
    return usage_error(cli, "unknown format '", cli->format_name,
                       cli->command == CMD_EXTRACT ? N_("' (extract: jsonl, csv, text)")
                                                   : N_("' (check: text, jsonl, sarif, html, csv)"));
}

int vn_cli_parse(int argc, char **argv, struct vn_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->threads = -1;
    cli->files = calloc((size_t)argc + 1, sizeof *cli->files);
    cli->rule_args = calloc((size_t)argc + 1, sizeof *cli->rule_args);
    if (!cli->files || !cli->rule_args) {
        fputs("vnaudit: out of memory\n", stderr);
        return 2;
    }
    bool only_files = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            if (cli->command == CMD_NONE && !only_files) {
                if (!strcmp(a, "extract"))
                    cli->command = CMD_EXTRACT;
                else if (!strcmp(a, "check"))
                    cli->command = CMD_CHECK;
                else if (!strcmp(a, "text"))
                    cli->command = CMD_TEXT;
                else
                    return usage_error(cli, "unknown command '", a, N_("' (extract, check or text)"));
                continue;
            }
            cli->files[cli->n_files++] = argv[i];
            continue;
        }
        if (!strcmp(a, "--")) {
            only_files = true;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cli->help = true;
            continue;
        }
        if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            cli->version = true;
            continue;
        }
        if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            cli->verbose = true;
            continue;
        }
        if (!strcmp(a, "--csv-bom")) {
            cli->csv_bom = true;
            continue;
        }
        if (!strcmp(a, "--no-config") || !strcmp(a, "--show-suppressed")) {
            *(a[2] == 'n' ? &cli->no_config : &cli->show_suppressed) = true;
            continue;
        }
        if (!strcmp(a, "--no-color") || !strcmp(a, "--color") || !strcmp(a, "--color=always")) {
            cli->color = a[2] == 'n' ? COLOR_NEVER : COLOR_ALWAYS;
            continue;
        }
        if (!strncmp(a, "--color=", 8)) {
            if (!strcmp(a + 8, "auto"))
                cli->color = COLOR_AUTO;
            else if (!strcmp(a + 8, "never"))
                cli->color = COLOR_NEVER;
            else
                return usage_error(cli, "invalid --color value '", a + 8, N_("' (auto, always, never)"));
            continue;
        }
        /* options with a value: --opt VALUE or --opt=VALUE */
        const char *name = a;
        size_t nlen = strlen(a);
        const char *eq = strchr(a, '=');
        if (eq && a[1] == '-') {
            nlen = (size_t)(eq - a);
            val = eq + 1;
        }
#define IS(opt) (nlen == strlen(opt) && !strncmp(name, opt, nlen))
        bool rule_opt = IS("--select") || IS("--extend-select") || IS("--ignore") || IS("--severity");
        bool path_opt = IS("--config") || IS("--baseline") || IS("--write-baseline") || IS("--fail-on");
        if (rule_opt || path_opt) {
            if (!val) {
                if (i + 1 >= argc)
                    return usage_error(cli, "option '", a, N_("' needs a value"));
                val = argv[++i];
            }
            if (rule_opt) {
                enum vn_rule_arg_kind k = IS("--select")          ? RULE_SELECT
                                          : IS("--extend-select") ? RULE_EXTEND_SELECT
                                          : IS("--ignore")        ? RULE_IGNORE
                                                                  : RULE_SEVERITY;
                if (k == RULE_SEVERITY && !strchr(val, '='))
                    return usage_error(cli, "--severity takes RULE=LEVEL, not '", val, "'");
                cli->rule_args[cli->n_rule_args++] = (struct vn_rule_arg){k, val};
            } else if (IS("--config")) {
                cli->config = val;
            } else if (IS("--baseline")) {
                cli->baseline = val;
            } else if (IS("--write-baseline")) {
                cli->write_baseline = val;
            } else {
                cli->fail_on = val;
            }
            continue;
        }
        if (IS("-f") || IS("--format") || IS("--vocab") || IS("--max-input-bytes") || IS("--threads") ||
            IS("--encoding") || IS("-j") || IS("--jobs") || IS("--lang") || IS("--ocr")) {
            if (!val) {
                if (i + 1 >= argc)
                    return usage_error(cli, "option '", a, N_("' needs a value"));
                val = argv[++i];
            }
            if (IS("-f") || IS("--format")) {
                cli->format_name = val;
            } else if (IS("--encoding")) {
                if (!vn_ingest_encoding_known(val))
                    return usage_error(cli, "unknown encoding '", val, N_("' (auto, utf-8, tcvn3, vni, viscii, cp1258)"));
                cli->encoding = val;
            } else if (IS("--lang")) {
                if (!vn_lang_known(val))
                    return usage_error(cli, "unknown language '", val, N_("' (en, vi)"));
                cli->lang = val;
            } else if (IS("--ocr")) {
                if (!strcmp(val, "auto"))
                    cli->ocr = 0;
                else if (!strcmp(val, "always"))
                    cli->ocr = 1;
                else if (!strcmp(val, "never"))
                    cli->ocr = 2;
                else
                    return usage_error(cli, "invalid --ocr value '", val, N_("' (auto, always, never)"));
            } else if (IS("--vocab")) {
                cli->vocab_dir = val;
            } else if (IS("-j") || IS("--jobs")) {
                char *end;
                long v = strtol(val, &end, 10);
                if (!*val || *end || v < 1 || v > 256)
                    return usage_error(cli, "invalid job count '", val, N_("' (1 to 256)"));
                cli->jobs = v;
            } else if (IS("--threads")) {
                char *end;
                long v = strtol(val, &end, 10);
                if (!*val || *end || v < 1 || v > 64)
                    return usage_error(cli, "invalid thread count '", val, N_("' (1 to 64)"));
                cli->threads = v;
            } else {
                char *end;
                unsigned long long v = strtoull(val, &end, 10);
                if (!*val || *end || v == 0 || v > (1ull << 40))
                    return usage_error(cli, "invalid byte count '", val, "'");
                cli->max_input_bytes = (size_t)v;
            }
            continue;
        }
#undef IS
        return usage_error(cli, "unknown option '", a, "'");
    }
    if (cli->help || cli->version)
        return 0;
    if (cli->command == CMD_NONE)
        return usage_error(cli, "no command given (extract, check or text)", "", "");
    if (cli->n_files == 0)
        return usage_error(cli, "no input file given ('-' reads standard input)", "", "");
    if (cli->command == CMD_TEXT && cli->n_files != 1)
        return usage_error(cli, "'text' takes exactly one file", "", "");
    if (cli->command != CMD_CHECK && (cli->baseline || cli->write_baseline || cli->show_suppressed))
        return usage_error(cli, "baselines are for 'check'", "", "");
    return vn_cli_resolve_format(cli, NULL);
}

void vn_cli_free(struct vn_cli *cli)
{
    free(cli->files);
    free(cli->rule_args);
}
