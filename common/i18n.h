/* Messages in the reader's language: a gettext catalog (.mo, compiled by
 * msgfmt from po/LANG.po at build time and embedded in the library) looked
 * up by the library itself.
 *
 * Why not dgettext(): setlocale, textdomain and bindtextdomain are
 * process-wide, and glibc returns the English text when the locale asked
 * for is not generated on the machine (vi_VN.UTF-8 seldom is) or is C. A
 * library takes the language as an option instead (vn_report_opts.lang,
 * vn_pipeline_opts.lang) and reads the catalog it was built with: no state,
 * nothing read from the environment, safe from any thread.
 *
 * A NULL catalog is English: every lookup returns its msgid. */
#ifndef VN_COMMON_I18N_H
#define VN_COMMON_I18N_H

#include <stddef.h>

struct vn_catalog;

/* Marks a string for xgettext without translating it (a table entry, a
 * string translated later by vn_tr). */
#define N_(s) s

/* The built-in catalog of `lang` ("vi"), or NULL for English and any
 * language without one. */
const struct vn_catalog *vn_catalog_for(const char *lang);

/* The translation of msgid, or msgid itself. format_arg: the compiler
 * checks a printf format given to vn_tr against its arguments. */
const char *vn_tr(const struct vn_catalog *c, const char *msgid) __attribute__((format_arg(2)));
/* The same with a context (pgettext): a short word such as "not" whose
 * translation depends on the sentence it goes in. */
const char *vn_trp(const struct vn_catalog *c, const char *ctx, const char *msgid) __attribute__((format_arg(3)));
/* The form for n (ngettext): English has two, Vietnamese one. */
const char *vn_trn(const struct vn_catalog *c, const char *singular, const char *plural, unsigned long n)
    __attribute__((format_arg(2))) __attribute__((format_arg(3)));

/* Why a file could not be opened or read, for a person: the C library's
 * strerror text when c is NULL (English: the library never calls
 * setlocale, so it is English anyway), else our words for the few reasons
 * a person meets most, and strerror's for the rest. */
const char *vn_tr_errno(const struct vn_catalog *c, int errnum);

#endif
