/* Private: the OCR reading of suspect figures (validate/ocr_hint.c). */
#ifndef VN_VALIDATE_OCR_HINT_H
#define VN_VALIDATE_OCR_HINT_H

#include "vnaudit/validate.h"

/* For a document whose text came from OCR, after vn_validate: a suspect
 * whose correction changes one digit into one that looks like it becomes
 * VN_TYPO_OCR; among candidates, the only such one is named alone. */
void vn_ocr_hints(struct vn_records *recs);

#endif
