/* The languages of the messages, headings and explanations vnaudit writes
 * for a person: "en" (the default) and "vi". The caller chooses (the CLI
 * from --lang or LC_ALL, LC_MESSAGES, LANG); the library never reads the
 * locale. Rule ids, record types and field names never change with it. */
#ifndef VNAUDIT_I18N_H
#define VNAUDIT_I18N_H

#include "vnaudit/common.h"

/* True for a language the library has messages in ("en", "vi"). */
VN_API bool vn_lang_known(const char *lang);
/* The translation of an English message into `lang`, or the message
 * itself (NULL or "en", or no translation). The string is static. */
VN_API const char *vn_gettext(const char *lang, const char *msgid) __attribute__((format_arg(2)));
/* vn_strerror(s) in `lang`, for a person. */
VN_API const char *vn_strerror_lang(vn_status s, const char *lang);
/* strerror(errnum) for a person: in English the C library's text, in
 * another language ours for the common reasons (no such file, permission
 * denied, a folder...) and the C library's for the rest. */
VN_API const char *vn_strerrno_lang(int errnum, const char *lang);

#endif
