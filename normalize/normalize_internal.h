/* Private to normalize/: the per-line passes. */
#ifndef VN_NORMALIZE_INTERNAL_H
#define VN_NORMALIZE_INTERNAL_H

#include "common/buf.h"
#include "vnaudit/normalize.h"

#include <unicode/unorm2.h>

/* Classes of code points, from ICU's data at start-up. */
enum {
    CLS_NFC = 1,        /* may need NFC (NFC_QC != Yes or combining) */
    CLS_SPACE = 2,      /* space variant -> ' ' */
    CLS_DASH = 4,       /* dash variant -> '-' */
    CLS_DROP = 8,       /* zero-width, soft hyphen, stray BOM */
    CLS_MARKUP = 16,    /* ASCII byte that may start markup: * $ \ */
    CLS_CTRL = 32,      /* control character -> ' ' */
    CLS_HARD = 64,      /* NFC needs ICU's full algorithm for it */
    CLS_DECOMP = 128    /* has a canonical decomposition */
};
#define CLS_MAP (CLS_SPACE | CLS_DASH | CLS_DROP | CLS_CTRL)

#define VN_PAIR_CACHE 4096

struct vn_normalizer {
    const UNormalizer2 *nfc, *nfd;
    uint8_t *cls;           /* 0x10000 entries: CLS_* bits */
    uint8_t *ccc;           /* 0x10000 entries: canonical combining class */
    UChar *u16, *u16out;    /* scratch for ICU */
    int32_t u16cap, u16outcap;
    struct vn_buf tmp1, tmp2;
    struct { uint32_t a, b; int32_t r; } pairs[VN_PAIR_CACHE];  /* composePair memo */
};

uint8_t vn_norm_class(const struct vn_normalizer *n, uint32_t cp);

/* NFC of one line whose only non-NFC characters are combining marks after
 * ordinary starters (UAX #15 canonical composition, with ICU's
 * decompositions and composePair). Returns VN_ESYNTAX when the line needs
 * ICU's full algorithm instead (too many marks in a row). */
VN_NODISCARD vn_status vn_compose_line(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out);

/* Markup pass over one line (no '\n' inside): removes markdown emphasis
 * delimiters and LaTeX math wrappers; appends the result to out. Returns
 * the status and adds the number of delimiters removed to *removed. */
VN_NODISCARD vn_status vn_markup_strip_line(const char *s, size_t n, struct vn_buf *out, size_t *removed);

#endif
