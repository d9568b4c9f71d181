/* normalize: struct vn_text -> struct vn_normtext.
 *
 * Applies, line by line and never joining or splitting lines (so line N of
 * the output is line N of the input):
 *   - Unicode NFC (ICU), with a quick-check fast path for text already NFC;
 *   - NBSP and other space variants -> ' ', dash variants -> '-',
 *     zero-width characters and soft hyphens removed, control characters
 *     other than TAB -> ' ';
 *   - markup left by document converters: markdown emphasis (*x*, **x**)
 *     and LaTeX math wrappers ($a/b = 5\%$ -> a/b = 5%).
 * Takes valid UTF-8 (as struct vn_text holds). Gives the normalized UTF-8
 * text and the offsets of its line starts. */
#ifndef VNAUDIT_NORMALIZE_H
#define VNAUDIT_NORMALIZE_H

#include "vnaudit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vn_text;
struct vn_normalizer;   /* opaque: ICU handles and lookup tables, reusable */

struct vn_normtext {
    char *data;             /* NUL-terminated; the result's own, or the caller's (vn_normalize_borrow) */
    size_t len;
    uint32_t *line_start;   /* byte offset of each line's first byte */
    size_t n_lines;
    bool was_nfc;           /* input needed no NFC changes */
    size_t first_non_nfc_line;  /* 1-based, 0 if was_nfc */
    size_t n_markup_removed;    /* emphasis and math delimiters removed */
    uint32_t *cp_index;     /* private: code points before each 4 KiB block, for vn_normtext_col_of */
};

VN_API VN_NODISCARD vn_status vn_normalizer_new(struct vn_normalizer **out);
VN_API void vn_normalizer_free(struct vn_normalizer *n);

VN_API VN_NODISCARD vn_status vn_normalize(struct vn_normalizer *n, const char *utf8, size_t len,
                                           struct vn_normtext **out);
/* The same, for a text the caller keeps alive and unchanged until the
 * result is freed, with a NUL at utf8[len]: when the text needs no change,
 * the result's data is utf8 itself, not a copy (a document's text is then
 * held once). */
VN_API VN_NODISCARD vn_status vn_normalize_borrow(struct vn_normalizer *n, const char *utf8, size_t len,
                                                  struct vn_normtext **out);
VN_API void vn_normtext_free(struct vn_normtext *t);

/* 1-based line of a byte offset, and 1-based column in code points. */
VN_API size_t vn_normtext_line_of(const struct vn_normtext *t, size_t offset);
VN_API size_t vn_normtext_col_of(const struct vn_normtext *t, size_t line, size_t offset);

#ifdef __cplusplus
}
#endif

#endif
