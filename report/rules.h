/* Private to report/: the rules a finding can come under, in one table --
 * the ids that --select, --ignore and --severity name, the SARIF rule
 * descriptors, and the groups (default, nd30, ...) -- and the rule of a
 * record. */
#ifndef VN_REPORT_RULES_H
#define VN_REPORT_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "vnaudit/extract.h"

enum vn_rule_group { VN_GROUP_CHECKS, VN_GROUP_DIAGNOSTICS, VN_GROUP_ND30 };

struct vn_rule_info {
    const char *id;             /* stable kebab-case id, also the anchor of its
                                   section in docs/VALIDATION.md */
    const char *name;           /* CamelCase, for SARIF */
    enum vn_severity level;     /* the default level */
    enum vn_rule_group group;
    bool off_by_default;        /* selected only when asked for (nd30) */
    const char *brief, *help;
};

/* The check rules come first, at index relation * 2 + (verdict is ambiguous). */
#define VN_N_CHECK_RULES 8u

const struct vn_rule_info *vn_rule_table(size_t *n);
/* The index of a rule in the table, -1 if it is not there. */
long vn_rule_find(const char *id);
/* The rule id of a finding: "inconsistent-sum" for an inconsistent sum
 * check, the diagnostic's rule for a diagnostic; NULL for a record that is
 * not a finding (a consistent or partial check, an amount, ...). */
const char *vn_finding_rule(const struct vn_record *rec);
const char *vn_rule_group_name(enum vn_rule_group g);

#endif
