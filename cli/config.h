/* The configuration file of the vnaudit tool (.vnaudit.ini), read with
 * Debian's libinih:
 *
 *   [vnaudit]
 *   select = default, nd30          ; rules or groups (replaces the default)
 *   extend-select = nd30-date-format
 *   ignore = not-nfc, ambiguous-*
 *   fail-on = warning               ; error | warning | note | never
 *   format = sarif                  ; as --format
 *   vocab = vocab/                  ; as --vocab, relative to this file's folder
 *   baseline = vnaudit-baseline.tsv ; as --baseline, relative to this file's folder
 *
 *   [severity]
 *   malformed-number = error
 *
 * Command-line flags override it. */
#ifndef VN_CLI_CONFIG_H
#define VN_CLI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define VN_CONFIG_NAME ".vnaudit.ini"
#define VN_CONFIG_MAX_BYTES (1u << 20)
#define VN_CONFIG_MAX_LEVELS 256u

struct vn_config_level {
    char *rule, *level;
};

struct vn_config {
    char *path;                 /* the file read */
    char *select, *extend_select, *ignore;  /* comma-separated; NULL when not set */
    char *fail_on, *format;
    char *vocab, *baseline;     /* made relative to the current folder */
    struct vn_config_level levels[VN_CONFIG_MAX_LEVELS];
    size_t n_levels;
};

/* The configuration that applies to `input` (a path; "-" is the current
 * folder): .vnaudit.ini in its folder or the nearest folder above it, the
 * search stopping at the root of a git work tree (a folder holding .git) or
 * of the file system. Returns a path to free, or NULL when there is none. */
char *vn_config_find(const char *input);

/* Reads a configuration file into c (zeroed first). Returns 0, or 2 after
 * printing "vnaudit: FILE:LINE: why" on stderr. */
int vn_config_load(const char *path, const char *lang, struct vn_config *c);
void vn_config_free(struct vn_config *c);

#endif
