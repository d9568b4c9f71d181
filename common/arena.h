/* A bump allocator: many small allocations, one free. Each document's
 * records and their strings live in one arena. */
#ifndef VN_ARENA_H
#define VN_ARENA_H

#include <stddef.h>

struct vn_arena;

struct vn_arena *vn_arena_new(void);
void vn_arena_free(struct vn_arena *a);
/* 16-byte aligned; NULL when out of memory. */
void *vn_arena_alloc(struct vn_arena *a, size_t n);
char *vn_arena_strndup(struct vn_arena *a, const char *s, size_t n);
char *vn_arena_printf(struct vn_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
