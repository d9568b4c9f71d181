#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"

void vn_cli_usage(FILE *f)
{
    fputs("usage: vnaudit extract [--format jsonl|csv|text] FILE...\n"
          "       vnaudit check   [--format text|jsonl|csv] FILE...\n"
          "       vnaudit text    FILE\n"
          "       vnaudit --help | --version\n"
          "\n"
          "Reads Vietnamese government reports (UTF-8 or UTF-16 text; FILE '-' is standard\n"
          "input), extracts amounts of money, percentages, quantities, references to\n"
          "documents and dates, and checks the text.\n"
          "\n"
          "commands:\n"
          "  extract   print the extracted records (default format: jsonl)\n"
          "  check     print the records and the findings (default format: text)\n"
          "  text      print the normalized text that 'line' and 'col' refer to\n"
          "\n"
          "options:\n"
          "  -f, --format FMT        output format: jsonl, csv or text\n"
          "      --vocab DIR         read the vocabulary tables from DIR/*.tsv\n"
          "      --max-input-bytes N refuse inputs larger than N bytes (default 512 MiB)\n"
          "  -h, --help              show this help\n"
          "  -V, --version           show the version\n"
          "\n"
          "exit status: 0 no problem; 1 an inconsistency or an error finding (check), or\n"
          "an input with encoding errors; 2 usage error or an input that could not be read.\n",
          f);
}

/* Prints "vnaudit: <before><arg><after>" and a hint; returns 2. */
static int usage_error(const char *before, const char *arg, const char *after)
{
    fprintf(stderr, "vnaudit: %s%s%s\nTry 'vnaudit --help'.\n", before, arg, after);
    return 2;
}

static bool parse_format(const char *s, enum vn_format *f)
{
    if (!strcmp(s, "jsonl") || !strcmp(s, "json"))
        *f = VN_FMT_JSONL;
    else if (!strcmp(s, "csv"))
        *f = VN_FMT_CSV;
    else if (!strcmp(s, "text"))
        *f = VN_FMT_TEXT;
    else
        return false;
    return true;
}

int vn_cli_parse(int argc, char **argv, struct vn_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->files = calloc((size_t)argc + 1, sizeof *cli->files);
    if (!cli->files)
        return usage_error("out of memory", "", "");
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
                    return usage_error("unknown command '", a, "'");
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
        /* options with a value: --opt VALUE or --opt=VALUE */
        const char *name = a;
        size_t nlen = strlen(a);
        const char *eq = strchr(a, '=');
        if (eq && a[1] == '-') {
            nlen = (size_t)(eq - a);
            val = eq + 1;
        }
#define IS(opt) (nlen == strlen(opt) && !strncmp(name, opt, nlen))
        if (IS("-f") || IS("--format") || IS("--vocab") || IS("--max-input-bytes")) {
            if (!val) {
                if (i + 1 >= argc)
                    return usage_error("option '", a, "' needs a value");
                val = argv[++i];
            }
            if (IS("-f") || IS("--format")) {
                if (!parse_format(val, &cli->format))
                    return usage_error("unknown format '", val, "' (jsonl, csv, text)");
                cli->format_set = true;
            } else if (IS("--vocab")) {
                cli->vocab_dir = val;
            } else {
                char *end;
                unsigned long long v = strtoull(val, &end, 10);
                if (*end || v == 0 || v > (1ull << 40))
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
    if (!cli->format_set)
        cli->format = cli->command == CMD_CHECK ? VN_FMT_TEXT : VN_FMT_JSONL;
    return 0;
}
