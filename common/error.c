#include "vnaudit/common.h"

const char *vn_strerror(vn_status s)
{
    switch (s) {
    case VN_OK: return "success";
    case VN_ENOMEM: return "out of memory";
    case VN_EIO: return "input/output error";
    case VN_ETOOBIG: return "input exceeds a limit";
    case VN_EENCODING: return "unsupported or invalid text encoding";
    case VN_EOVERFLOW: return "number too large for exact arithmetic";
    case VN_ESYNTAX: return "not of the expected form";
    case VN_EICU: return "Unicode (ICU) failure";
    case VN_EREGEX: return "regular expression failure";
    case VN_EVOCAB: return "malformed vocabulary table";
    case VN_EINVAL: return "invalid argument";
    case VN_EUNSUPPORTED: return "unsupported format";
    case VN_ENOTEXT: return "no text";
    case VN_EBUSY: return "in use by another process";
    }
    return "unknown error";
}

const char *vn_version(void)
{
    return VNAUDIT_VERSION_STRING;
}
