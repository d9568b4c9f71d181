/* The archive commands: ingest, export, crosscheck (cli/archive_cmd.c). */
#ifndef VN_CLI_ARCHIVE_CMD_H
#define VN_CLI_ARCHIVE_CMD_H

#include <stdbool.h>
#include <stdio.h>

/* Whether argv[1] names an archive command. */
bool vn_archive_command(const char *name);
/* Runs it; returns the exit status. */
int vn_archive_main(int argc, char **argv);
/* Their usage lines. */
void vn_archive_usage(FILE *f);

#endif
