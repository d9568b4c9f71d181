/* Private to validate/. */
#ifndef VN_VALIDATE_INTERNAL_H
#define VN_VALIDATE_INTERNAL_H

#include "vnaudit/validate.h"
#include "vnaudit/normalize.h"

struct vn_validator {
    const struct vn_vocab *vocab;
};

#endif
