/* OLE2 compound files (ole2.c): the streams of a Word 97-2003 .doc.
 * Private to ingest/. */
#ifndef VN_INGEST_OLE2_H
#define VN_INGEST_OLE2_H

#include "ingest/ingest_internal.h"

struct vn_ole2;
/* Opens a compound file in memory (borrowed); no stream may be over `cap` bytes. */
VN_NODISCARD vn_status vn_ole2_open(const unsigned char *s, size_t n, size_t cap, struct vn_ole2 **out,
                                    struct vn_error *err);
bool vn_ole2_has(const struct vn_ole2 *o, const char *name);
/* Reads a stream whole (caller frees). */
VN_NODISCARD vn_status vn_ole2_read(const struct vn_ole2 *o, const char *name, unsigned char **data, size_t *len,
                                    struct vn_error *err);
void vn_ole2_close(struct vn_ole2 *o);

/* Word 97-2003 (doc.c): text, tables and footnotes of a .doc into t. */
VN_NODISCARD vn_status vn_read_doc(const unsigned char *s, size_t n, size_t max_bytes, const char *encoding,
                                   struct vn_text *t, struct vn_error *err);

#endif
