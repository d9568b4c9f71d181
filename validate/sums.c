/* Sums (stub, being written). */
#include "validate/validate_internal.h"

vn_status vn_rules_breakdowns(struct vn_vctx *c)
{
    (void)c;
    return VN_OK;
}

vn_status vn_rules_children(struct vn_vctx *c)
{
    (void)c;
    return VN_OK;
}
