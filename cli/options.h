/* Command-line options of the vnaudit tool. */
#ifndef VN_CLI_OPTIONS_H
#define VN_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "vnaudit/report.h"

enum vn_command { CMD_NONE, CMD_EXTRACT, CMD_CHECK, CMD_TEXT };

struct vn_cli {
    enum vn_command command;
    enum vn_format format;
    bool format_set;
    const char *vocab_dir;
    size_t max_input_bytes;
    bool help, version;
    char **files;
    int n_files;
};

/* Fills cli from argv. Returns 0, or 2 after printing a usage error. */
int vn_cli_parse(int argc, char **argv, struct vn_cli *cli);
void vn_cli_usage(FILE *f);

#endif
