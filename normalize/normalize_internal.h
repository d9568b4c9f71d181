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
#define VN_SEG_MEMO_BITS 12

/* compose.c: a starter and its marks, and their NFC (see memo_key()) */
struct vn_seg_memo {
    uint32_t key;       /* UINT32_MAX: empty */
    uint8_t len;
    char out[11];
};

struct vn_normalizer {
    const UNormalizer2 *nfc, *nfd;
    uint8_t *cls;           /* 0x10000 entries: CLS_* bits */
    uint8_t *ccc;           /* 0x10000 entries: canonical combining class */
    UChar *u16, *u16out;    /* scratch for ICU */
    int32_t u16cap, u16outcap;
    struct vn_buf tmp1, tmp2;
    struct vn_buf order;    /* a chunk for ICU with its mark runs sorted */
    bool fast;              /* the block scan may pass lines over (normalize.c) */
    bool cc_marks;          /* U+0300..U+033F: all combining marks, class CLS_NFC alone */
    uint32_t *scratch;      /* compose.c: a long run of marks, sorted */
    size_t scratch_cap;     /* in code points */
    struct { uint32_t a, b; int32_t r; } pairs[VN_PAIR_CACHE];  /* composePair memo */
    struct vn_seg_memo segs[1u << VN_SEG_MEMO_BITS];
};

uint8_t vn_norm_class(const struct vn_normalizer *n, uint32_t cp);

/* NFC of one line whose only non-NFC characters are combining marks after
 * ordinary starters (UAX #15 canonical composition, with ICU's
 * decompositions and composePair), in time linear in the line however many
 * marks follow one starter. Returns VN_ESYNTAX when the line needs ICU's
 * full algorithm instead (bytes that are not UTF-8). */
VN_NODISCARD vn_status vn_compose_line(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out);

/* For ICU's sake: ICU puts marks in canonical order by insertion, which is
 * quadratic in a flood of marks of mixed classes. If s[0 .. len) holds a
 * run of more than a few marks that is out of order (and none of whose
 * marks decomposes), writes s into out with every such run put in
 * canonical order first (a canonically equivalent text: same NFC) and sets
 * *changed; otherwise leaves out alone. */
VN_NODISCARD vn_status vn_order_mark_runs(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out,
                                          bool *changed);

/* Markup pass over one line (no '\n' inside): removes markdown emphasis
 * delimiters and LaTeX math wrappers; appends the result to out. Returns
 * the status and adds the number of delimiters removed to *removed. */
VN_NODISCARD vn_status vn_markup_strip_line(const char *s, size_t n, struct vn_buf *out, size_t *removed);

#endif
