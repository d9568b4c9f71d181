#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"

void vn_cli_usage(FILE *f)
{
    fputs("usage: vnaudit extract [--format jsonl|csv|text] FILE...\n"
          "       vnaudit check   [--format text|jsonl|sarif|html|csv] [-v] FILE...\n"
          "       vnaudit text    FILE\n"
          "       vnaudit --help | --version\n"
          "\n"
          "Reads Vietnamese government reports (UTF-8 or UTF-16 text; FILE '-' is standard\n"
          "input), extracts amounts of money, percentages, quantities, references to\n"
          "documents and dates, and checks the arithmetic of the text.\n"
          "\n"
          "commands:\n"
          "  extract   print the extracted records (default format: jsonl)\n"
          "  check     print the findings: inconsistent and ambiguous sums, ratios,\n"
          "            differences and products, and diagnostics (default format: text)\n"
          "  text      print the normalized text that 'line' and 'col' refer to\n"
          "\n"
          "options:\n"
          "  -f, --format FMT        output format (see above): jsonl (JSON Lines),\n"
          "                          csv, text (for a person), sarif (SARIF 2.1.0, one\n"
          "                          log for all files), html (one self-contained page)\n"
          "  -v, --verbose           check, text and html: also list the consistent and\n"
          "                          partial checks and every record\n"
          "      --color[=WHEN]      colour the text output: auto (a terminal and\n"
          "                          NO_COLOR unset; the default), always, never\n"
          "      --no-color          the same as --color=never\n"
          "      --vocab DIR         read the vocabulary tables from DIR/*.tsv\n"
          "      --max-input-bytes N refuse inputs larger than N bytes (default 512 MiB)\n"
          "      --ocr WHEN          PDF pages without text and images: read them by OCR\n"
          "                          auto (the default: pages without a text layer),\n"
          "                          always (every page), never\n"
          "      --threads N         check: threads for the rules, 1 or 2 (default: 2 on a\n"
          "                          machine with two cores or more); the output is the same\n"
          "  -h, --help              show this help\n"
          "  -V, --version           show the version\n"
          "\n"
          "exit status: 0 no problem; 1 an inconsistency or an error finding (check), or\n"
          "an input with encoding errors; 2 usage error or an input that could not be read.\n",
          f);
}

/* Prints "vnaudit: <before><arg><after>" and the usage on stderr; returns 2. */
static int usage_error(const char *before, const char *arg, const char *after)
{
    fprintf(stderr, "vnaudit: %s%s%s\n\n", before, arg, after);
    vn_cli_usage(stderr);
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
static int resolve_format(struct vn_cli *cli)
{
    if (!cli->format_name) {
        cli->format = cli->command == CMD_CHECK ? VN_FMT_TEXT : VN_FMT_JSONL;
        return 0;
    }
    if (cli->command == CMD_TEXT)
        return usage_error("'text' takes no --format: it prints the normalized text", "", "");
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(formats[i].name, cli->format_name) != 0)
            continue;
        if (cli->command == CMD_EXTRACT && !formats[i].extract)
            return usage_error("format '", cli->format_name, "' is for check only (extract: jsonl, csv, text)");
        cli->format = formats[i].format;
        return 0;
    }
    return usage_error("unknown format '", cli->format_name,
                       cli->command == CMD_EXTRACT ? "' (extract: jsonl, csv, text)"
                                                   : "' (check: text, jsonl, sarif, html, csv)");
}

int vn_cli_parse(int argc, char **argv, struct vn_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->threads = -1;
    cli->files = calloc((size_t)argc + 1, sizeof *cli->files);
    if (!cli->files) {
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
                    return usage_error("unknown command '", a, "' (extract, check or text)");
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
                return usage_error("invalid --color value '", a + 8, "' (auto, always, never)");
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
        if (IS("-f") || IS("--format") || IS("--vocab") || IS("--max-input-bytes") || IS("--threads") ||
            IS("--ocr")) {
            if (!val) {
                if (i + 1 >= argc)
                    return usage_error("option '", a, "' needs a value");
                val = argv[++i];
            }
            if (IS("-f") || IS("--format")) {
                cli->format_name = val;
            } else if (IS("--ocr")) {
                if (!strcmp(val, "auto"))
                    cli->ocr = 0;
                else if (!strcmp(val, "always"))
                    cli->ocr = 1;
                else if (!strcmp(val, "never"))
                    cli->ocr = 2;
                else
                    return usage_error("invalid --ocr value '", val, "' (auto, always, never)");
            } else if (IS("--vocab")) {
                cli->vocab_dir = val;
            } else if (IS("--threads")) {
                char *end;
                long v = strtol(val, &end, 10);
                if (!*val || *end || v < 1 || v > 64)
                    return usage_error("invalid thread count '", val, "' (1 to 64)");
                cli->threads = v;
            } else {
                char *end;
                unsigned long long v = strtoull(val, &end, 10);
                if (!*val || *end || v == 0 || v > (1ull << 40))
                    return usage_error("invalid byte count '", val, "'");
                cli->max_input_bytes = (size_t)v;
            }
            continue;
        }
#undef IS
        return usage_error("unknown option '", a, "'");
    }
    if (cli->help || cli->version)
        return 0;
    if (cli->command == CMD_NONE)
        return usage_error("no command given (extract, check or text)", "", "");
    if (cli->n_files == 0)
        return usage_error("no input file given ('-' reads standard input)", "", "");
    if (cli->command == CMD_TEXT && cli->n_files != 1)
        return usage_error("'text' takes exactly one file", "", "");
    return resolve_format(cli);
}
