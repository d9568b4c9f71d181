/* .vnaudit.ini: found from the input's folder upward, read with libinih
 * (a handler per key), every key checked: an unknown key or section is an
 * error naming the file and the line, as a typo in a configuration should
 * not be silently ignored. */
#define _GNU_SOURCE
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/config.h"
#include "vnaudit/i18n.h"

static bool exists(const char *dir, const char *name, bool *is_file)
{
    char *p;
    if (asprintf(&p, "%s/%s", dir, name) < 0)
        return false;
    struct stat st;
    bool ok = stat(p, &st) == 0;
    if (is_file)
        *is_file = ok && S_ISREG(st.st_mode);
    free(p);
    return ok;
}

char *vn_config_find(const char *input)
{
    char *dir;
    if (!strcmp(input, "-")) {
        dir = realpath(".", NULL);
    } else {
        char *abs = realpath(input, NULL);
        if (!abs)
            return NULL;
        char *slash = strrchr(abs, '/');
        if (slash == abs)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
        dir = abs;
    }
    while (dir) {
        bool file;
        if (exists(dir, VN_CONFIG_NAME, &file) && file) {
            char *p;
            if (asprintf(&p, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", VN_CONFIG_NAME) < 0)
                p = NULL;
            free(dir);
            return p;
        }
        /* the top of a repository (.git is a folder, or a file in a
           worktree) or of the file system ends the search */
        if (exists(dir, ".git", NULL) || !strcmp(dir, "/"))
            break;
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(dir);
    return NULL;
}

struct load {
    struct vn_config *c;
    const char *lang;           /* the messages' */
    const char *dir;            /* the file's folder, with a final '/' ("" for the current one) */
    char why[200];
};

/* Appends value to a comma-separated list (a key given twice, or a
   multi-line value, adds to it). */
static bool append(char **list, const char *value)
{
    char *n;
    if (*list ? asprintf(&n, "%s,%s", *list, value) < 0 : !(n = strdup(value)))
        return false;
    free(*list);
    *list = n;
    return true;
}

static bool set(char **slot, const char *value)
{
    char *n = strdup(value);
    if (!n)
        return false;
    free(*slot);
    *slot = n;
    return true;
}

/* A path of the file relative to its folder, as a path from the current one. */
static bool set_path(struct load *l, char **slot, const char *value)
{
    char *n;
    if (value[0] == '/' ? !(n = strdup(value)) : asprintf(&n, "%s%s", l->dir, value) < 0)
        return false;
    free(*slot);
    *slot = n;
    return true;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
    struct load *l = user;
    struct vn_config *c = l->c;
    if (!strcmp(section, "vnaudit")) {
        if (!strcmp(name, "select"))
            return append(&c->select, value);
        if (!strcmp(name, "extend-select"))
            return append(&c->extend_select, value);
        if (!strcmp(name, "ignore"))
            return append(&c->ignore, value);
        if (!strcmp(name, "fail-on"))
            return set(&c->fail_on, value);
        if (!strcmp(name, "format"))
            return set(&c->format, value);
        if (!strcmp(name, "vocab"))
            return set_path(l, &c->vocab, value);
        if (!strcmp(name, "baseline"))
            return set_path(l, &c->baseline, value);
        snprintf(l->why, sizeof l->why,
                 vn_gettext(l->lang, "unknown key '%.40s' in [vnaudit] (select, extend-select, ignore, fail-on, "
                                     "format, vocab, baseline)"),
                 name);
        return 0;
    }
    if (!strcmp(section, "severity")) {
        if (c->n_levels == VN_CONFIG_MAX_LEVELS) {
            snprintf(l->why, sizeof l->why, vn_gettext(l->lang, "more than %u levels in [severity]"),
                     VN_CONFIG_MAX_LEVELS);
            return 0;
        }
        struct vn_config_level *lv = &c->levels[c->n_levels];
        lv->rule = strdup(name);
        lv->level = strdup(value);
        if (!lv->rule || !lv->level) {
            free(lv->rule);
            free(lv->level);
            return 0;
        }
        c->n_levels++;
        return 1;
    }
    snprintf(l->why, sizeof l->why, vn_gettext(l->lang, "unknown section [%.40s] (vnaudit, severity)"), section);
    return 0;
}

int vn_config_load(const char *path, const char *lang, struct vn_config *c)
{
    memset(c, 0, sizeof *c);
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "vnaudit: %s: %s\n", path, vn_strerrno_lang(errno, lang));
        return 2;
    }
    if (st.st_size > (off_t)VN_CONFIG_MAX_BYTES) {
        fprintf(stderr, vn_gettext(lang, "vnaudit: %s: larger than 1 MiB: not a configuration file\n"), path);
        return 2;
    }
    char *dir = strdup(path);
    if (!dir || !(c->path = strdup(path))) {
        free(dir);
        fputs(vn_gettext(lang, "vnaudit: out of memory\n"), stderr);
        return 2;
    }
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
    struct load l = {c, lang, dir, ""};
    int rc = ini_parse(path, on_key, &l);
    free(dir);
    if (rc == 0)
        return 0;
    if (rc == -1)
        fprintf(stderr, "vnaudit: %s: %s\n", path, vn_strerrno_lang(errno, lang));
    else if (rc == -2 || !l.why[0])
        fprintf(stderr, "vnaudit: %s:%d: %s\n", path, rc,
                rc == -2 ? vn_gettext(lang, "out of memory") : vn_gettext(lang, "not a 'key = value' line"));
    else
        fprintf(stderr, "vnaudit: %s:%d: %s\n", path, rc, l.why);
    vn_config_free(c);
    return 2;
}

void vn_config_free(struct vn_config *c)
{
    free(c->path);
    free(c->select);
    free(c->extend_select);
    free(c->ignore);
    free(c->fail_on);
    free(c->format);
    free(c->vocab);
    free(c->baseline);
    for (size_t i = 0; i < c->n_levels; i++) {
        free(c->levels[i].rule);
        free(c->levels[i].level);
    }
    memset(c, 0, sizeof *c);
}
