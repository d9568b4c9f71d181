/* The inputs of `vnaudit ingest`: paths given, folders walked recursively
 * (each folder once, so symbolic-link loops end), lists of paths read from
 * a file or standard input. Everything found is kept, including what
 * cannot be read: an unreadable folder, a broken link, a FIFO each become
 * an input with the reason, so that it gets its row. */
#ifndef VN_CLI_WALK_H
#define VN_CLI_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct vn_input {
    char *path;             /* as found: the argument, or folder + "/" + name */
    const char *problem;    /* static: why it will not be read, or NULL */
    int64_t size;           /* from stat, -1 unknown */
};

struct vn_walk {
    struct vn_input *in;
    size_t n, cap;
    uint64_t bytes;         /* sum of the sizes of the regular files */
    /* folders seen (device, inode), open addressing */
    uint64_t (*seen)[2];
    size_t seen_cap, n_seen;
};

/* Adds a path: a file, or a folder walked recursively in byte order of
 * names. False only when out of memory. */
bool vn_walk_add(struct vn_walk *w, const char *path);
/* Adds each line of f (a path a line; empty lines skipped). */
bool vn_walk_add_list(struct vn_walk *w, FILE *f);
void vn_walk_free(struct vn_walk *w);

#endif
