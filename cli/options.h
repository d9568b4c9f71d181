/* Command-line options of the vnaudit tool. */
#ifndef VN_CLI_OPTIONS_H
#define VN_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "vnaudit/report.h"

enum vn_command { CMD_NONE, CMD_EXTRACT, CMD_CHECK, CMD_TEXT };

/* --color: auto (a terminal, and NO_COLOR unset or empty), always, never. */
enum vn_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

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
    bool help, version;
    char **files;
    int n_files;
};

/* Fills cli from argv. Returns 0, or 2 after printing the error and the
 * usage on stderr. cli->files is allocated either way (free it). */
int vn_cli_parse(int argc, char **argv, struct vn_cli *cli);
void vn_cli_usage(FILE *f);

#endif
