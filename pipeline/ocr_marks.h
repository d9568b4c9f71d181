/* Private to pipeline/: OCR confidence carried onto the records. */
#ifndef VN_PIPELINE_OCR_MARKS_H
#define VN_PIPELINE_OCR_MARKS_H

#include "vnaudit/extract.h"
#include "vnaudit/ingest.h"
#include "vnaudit/normalize.h"

/* Marks the figures over raw->ocr_marks ambiguous, and notes that the text
 * came from OCR (nothing for a document without OCR pages). */
VN_NODISCARD vn_status vn_apply_ocr_marks(const struct vn_text *raw, const struct vn_normtext *t,
                                          struct vn_records *recs);

#endif
