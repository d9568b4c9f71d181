#include "vnaudit/common.h"
#include "common/i18n.h"

const char *vn_strerror(vn_status s)
{
    switch (s) {
    case VN_OK: return N_("success");
    case VN_ENOMEM: return N_("out of memory");
    case VN_EIO: return N_("input/output error");
    case VN_ETOOBIG: return N_("input exceeds a limit");
    case VN_EENCODING: return N_("unsupported or invalid text encoding");
    case VN_EOVERFLOW: return N_("number too large for exact arithmetic");
    case VN_ESYNTAX: return N_("not of the expected form");
    case VN_EICU: return N_("Unicode (ICU) failure");
    case VN_EREGEX: return N_("regular expression failure");
    case VN_EVOCAB: return N_("malformed vocabulary table");
    case VN_EINVAL: return N_("invalid argument");
    case VN_EUNSUPPORTED: return N_("unsupported format");
    case VN_ENOTEXT: return N_("no text");
    case VN_EBUSY: return N_("in use by another process");
    }
    return N_("unknown error");
}

const char *vn_version(void)
{
    return VNAUDIT_VERSION_STRING;
}
