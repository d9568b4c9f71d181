/* Walks folders: sorted names (the same order on every run), each folder
 * once by device and inode (a link back up the tree is not followed
 * again), at most WALK_MAX_DEPTH levels. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/walk.h"
#include "common/i18n.h"   /* N_ */

#define WALK_MAX_DEPTH 256

static bool push(struct vn_walk *w, const char *path, size_t len, const char *problem, int64_t size)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        struct vn_input *in = realloc(w->in, cap * sizeof *in);
        if (!in)
            return false;
        w->in = in;
        w->cap = cap;
    }
    char *p = strndup(path, len);
    if (!p)
        return false;
    w->in[w->n++] = (struct vn_input){p, problem, size};
    if (size > 0 && !problem)
        w->bytes += (uint64_t)size;
    return true;
}

/* Marks folder (dev, ino) seen; false if it was already. *oom on failure. */
static bool first_visit(struct vn_walk *w, dev_t dev, ino_t ino, bool *oom)
{
    if ((w->n_seen + 1) * 2 > w->seen_cap) {
        size_t cap = w->seen_cap ? w->seen_cap * 2 : 64;
        uint64_t(*t)[2] = calloc(cap, sizeof *t);
        if (!t) {
            *oom = true;
            return false;
        }
        for (size_t i = 0; i < w->seen_cap; i++) {
            if (!w->seen[i][0] && !w->seen[i][1])
                continue;
            size_t h = (size_t)((w->seen[i][0] * 0x9E3779B97F4A7C15ull) ^ w->seen[i][1]) & (cap - 1);
            while (t[h][0] || t[h][1])
                h = (h + 1) & (cap - 1);
            t[h][0] = w->seen[i][0], t[h][1] = w->seen[i][1];
        }
        free(w->seen);
        w->seen = t;
        w->seen_cap = cap;
    }
    /* dev + 1 so that no real entry is the empty (0, 0) */
    uint64_t a = (uint64_t)dev + 1, b = (uint64_t)ino;
    size_t h = (size_t)((a * 0x9E3779B97F4A7C15ull) ^ b) & (w->seen_cap - 1);
    while (w->seen[h][0] || w->seen[h][1]) {
        if (w->seen[h][0] == a && w->seen[h][1] == b)
            return false;
        h = (h + 1) & (w->seen_cap - 1);
    }
    w->seen[h][0] = a, w->seen[h][1] = b;
    w->n_seen++;
    return true;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static bool add(struct vn_walk *w, const char *path, int depth);

static bool walk_dir(struct vn_walk *w, const char *path, int depth)
{
    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0)
        return push(w, path, strlen(path),
                    errno == EACCES ? N_("folder not readable: permission denied") : N_("folder could not be read"), -1);
    bool ok = true;
    size_t plen = strlen(path);
    while (plen > 1 && path[plen - 1] == '/')
        plen--;
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        if (ok && strcmp(nm, ".") && strcmp(nm, "..")) {
            size_t len = plen + 1 + strlen(nm);
            char *child = malloc(len + 1);
            if (!child)
                ok = false;
            else {
                memcpy(child, path, plen);
                child[plen] = '/';
                strcpy(child + plen + 1, nm);
                ok = add(w, child, depth + 1);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    return ok;
}

static bool add(struct vn_walk *w, const char *path, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        struct stat lb;
        const char *why = lstat(path, &lb) == 0 && S_ISLNK(lb.st_mode) ? N_("broken symbolic link")
                          : errno == EACCES                           ? N_("permission denied")
                                                                      : N_("no such file");
        return push(w, path, strlen(path), why, -1);
    }
    if (S_ISDIR(sb.st_mode)) {
        bool oom = false;
        if (!first_visit(w, sb.st_dev, sb.st_ino, &oom))
            return !oom;    /* walked already (a link to a folder above, or given twice) */
        if (depth >= WALK_MAX_DEPTH)
            return push(w, path, strlen(path), N_("folder nested too deep (more than 256 levels)"), -1);
        return walk_dir(w, path, depth);
    }
    if (!S_ISREG(sb.st_mode))
        return push(w, path, strlen(path), N_("not a regular file (a device, FIFO or socket)"), -1);
    return push(w, path, strlen(path), NULL, (int64_t)sb.st_size);
}

bool vn_walk_add(struct vn_walk *w, const char *path)
{
    return add(w, path, 0);
}

bool vn_walk_add_list(struct vn_walk *w, FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool ok = true;
    while (ok && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            ok = add(w, line, 0);
    }
    free(line);
    return ok;
}

void vn_walk_free(struct vn_walk *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->in[i].path);
    free(w->in);
    free(w->seen);
    memset(w, 0, sizeof *w);
}
