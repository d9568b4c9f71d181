/* policy: which findings a report shows, at which level, and which make
 * the run fail -- rule selection (--select, --ignore), levels
 * (--severity), the failure threshold (--fail-on) and baselines
 * (--baseline, --write-baseline, --show-suppressed).
 *
 * A policy is set up once for a batch; vn_triage_new then applies it to
 * one document's records and gives the records to report (a view: the
 * findings not selected left out, a diagnostic's severity as configured),
 * a mark per record (its level, its fingerprint, whether a baseline
 * suppresses it) for vn_report_opts.marks, and the count of findings at or
 * above the threshold. Rule ids, groups and the baseline file's format are
 * described in docs/CONTRACT.md ("Rules, levels and baselines"). */
#ifndef VNAUDIT_POLICY_H
#define VNAUDIT_POLICY_H

#include <stdio.h>

#include "vnaudit/common.h"
#include "vnaudit/extract.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vn_policy;   /* opaque */

/* --fail-on: the lowest level that makes the run fail. */
enum vn_fail_on { VN_FAIL_ON_ERROR, VN_FAIL_ON_WARNING, VN_FAIL_ON_NOTE, VN_FAIL_ON_NEVER };

/* Defaults: the rules of the group "default" selected (every rule but
 * the nd30 ones), each at its own level, failing on errors (an
 * inconsistent check or an error diagnostic), no baseline. */
VN_API VN_NODISCARD vn_status vn_policy_new(struct vn_policy **out);
VN_API void vn_policy_free(struct vn_policy *p);
/* The language of the errors the policy's functions give: "en" (NULL, the
 * default) or "vi" (vnaudit/i18n.h). */
VN_API void vn_policy_set_lang(struct vn_policy *p, const char *lang);

/* A comma-separated list of selectors: a rule id ("inconsistent-sum",
 * "malformed-number", "nd30-date-format"), a group ("all", "default",
 * "checks", "diagnostics", "nd30") or a prefix ending in '*'
 * ("ambiguous-*"). select replaces the selection, extend_select adds to
 * it, ignore takes rules out (ignore wins over select). An unknown
 * selector is VN_ESYNTAX, err saying which. */
VN_API VN_NODISCARD vn_status vn_policy_select(struct vn_policy *p, const char *list, struct vn_error *err);
VN_API VN_NODISCARD vn_status vn_policy_extend_select(struct vn_policy *p, const char *list, struct vn_error *err);
VN_API VN_NODISCARD vn_status vn_policy_ignore(struct vn_policy *p, const char *list, struct vn_error *err);
/* The level of the rules a selector names: "error", "warning" or "note". */
VN_API VN_NODISCARD vn_status vn_policy_set_level(struct vn_policy *p, const char *selector, const char *level,
                                                  struct vn_error *err);
VN_API VN_NODISCARD vn_status vn_policy_parse_fail_on(const char *s, enum vn_fail_on *out);
VN_API void vn_policy_set_fail_on(struct vn_policy *p, enum vn_fail_on f);
/* Whether some rule of the group is selected (the pipeline runs the nd30
 * rules only then). */
VN_API bool vn_policy_group_selected(const struct vn_policy *p, const char *group);

/* Reads a baseline file: the findings it lists are suppressed (each entry
 * once: a finding that occurs more often than listed is new). Errors name
 * the file and the line in err. */
VN_API VN_NODISCARD vn_status vn_policy_load_baseline(struct vn_policy *p, const char *path, struct vn_error *err);
/* Suppressed findings are shown, marked as such, instead of left out. */
VN_API void vn_policy_show_suppressed(struct vn_policy *p, bool show);
/* Remembers every selected finding of the documents triaged from now on,
 * for vn_policy_write_baseline (a suppressed one keeps its justification). */
VN_API void vn_policy_collect_baseline(struct vn_policy *p, bool collect);
VN_API VN_NODISCARD vn_status vn_policy_write_baseline(const struct vn_policy *p, FILE *out);

/* The state of one record after the policy. */
struct vn_mark {
    uint64_t fp_hi, fp_lo;      /* a finding's content fingerprint (vn_mark_fingerprint) */
    const char *justification;  /* the baseline entry's when suppressed ("" when it
                                   gives none); borrowed from the policy */
    uint32_t occurrence;        /* 1 for the first finding of its fingerprint in
                                   the document, 2 for the next, ... */
    bool finding;               /* a check or diagnostic that is a finding */
    bool suppressed;            /* by the baseline (in the view only with
                                   vn_policy_show_suppressed) */
    enum vn_severity level;     /* a finding's level after vn_policy_set_level */
};

/* The fingerprint as 32 lowercase hex digits and a NUL. */
VN_API void vn_mark_fingerprint(const struct vn_mark *m, char out[33]);

struct vn_triage {
    struct vn_records view;     /* the records to report: items borrowed from
                                   the document, except the copies of the
                                   diagnostics whose level changed */
    struct vn_mark *marks;      /* one per view.items */
    size_t failing;             /* shown, unsuppressed findings at or above the threshold */
    size_t suppressed;          /* findings the baseline suppressed (shown or not) */
    size_t deselected;          /* findings of rules not selected */
};

/* Applies the policy to the records of one document (file_label names it
 * in a baseline being collected). The records must outlive the triage. A
 * NULL policy is the default one. */
VN_API VN_NODISCARD vn_status vn_triage_new(struct vn_policy *p, const char *file_label, const struct vn_records *r,
                                            struct vn_triage **out);
VN_API void vn_triage_free(struct vn_triage *t);

#ifdef __cplusplus
}
#endif

#endif
