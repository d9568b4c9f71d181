/* doc: the pipeline for one document (ingest -> normalize -> extract
 * [-> validate]).
 *
 * struct vn_pipeline holds what is reusable between documents (ICU handles,
 * vocabulary, compiled patterns); struct vn_doc holds one document's text
 * and records. Documents are independent: a batch keeps going past a bad one. */
#ifndef VNAUDIT_DOC_H
#define VNAUDIT_DOC_H

#include "vnaudit/common.h"
#include "vnaudit/ingest.h"
#include "vnaudit/normalize.h"
#include "vnaudit/extract.h"
#include "vnaudit/validate.h"
#include "vnaudit/log.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vn_pipeline;

struct vn_pipeline_opts {
    const char *vocab_dir;      /* NULL: built-in vocabulary */
    size_t max_input_bytes;     /* 0: default */
    bool validate;              /* also find relations (check records) */
    unsigned threads;           /* validation threads (vn_validator_set_threads): 0 or 1 one, 2 two */
    bool nd30;                  /* also the format rules of Nghị định 30/2020 (extract.h,
                                   vn_extractor_set_nd30); off by default */
    struct vn_log log;          /* timings and debug lines (log.h); all zero: none */
    const char *encoding;       /* plain text's encoding (vn_ingest_opts.encoding): NULL detects */
    const char *lang;           /* the language of the records' messages: "en" (NULL) or "vi"
                                   (vnaudit/i18n.h); rule ids never change */
    enum vn_ocr_mode ocr;       /* PDF pages and images: when to run OCR (default VN_OCR_AUTO) */
};

struct vn_doc {
    const char *name;           /* borrowed from the caller */
    struct vn_text *raw;
    struct vn_normtext *text;
    struct vn_records *records;
};

VN_API VN_NODISCARD vn_status vn_pipeline_new(const struct vn_pipeline_opts *o, struct vn_pipeline **out,
                                              struct vn_error *err);
VN_API void vn_pipeline_free(struct vn_pipeline *p);

/* Reads, normalizes and extracts one file ("-": stdin). On failure *out is
 * NULL and err says why (the file could not be read at all). Problems inside
 * a readable file become diagnostic records instead. */
VN_API VN_NODISCARD vn_status vn_doc_load(struct vn_pipeline *p, const char *path, struct vn_doc **out,
                                          struct vn_error *err);
/* Same, from bytes in memory (copied), under the pipeline's input limit (more is refused
 * before anything is copied), encoding, language and OCR options. */
VN_API VN_NODISCARD vn_status vn_doc_from_bytes(struct vn_pipeline *p, const char *name, const void *bytes,
                                                size_t len, struct vn_doc **out, struct vn_error *err);
VN_API void vn_doc_free(struct vn_doc *d);

/* Counts records of severity error (diagnostics) in a document. */
VN_API size_t vn_doc_error_count(const struct vn_doc *d);

#ifdef __cplusplus
}
#endif

#endif
