/*
 * vnaudit — read Vietnamese government reports, turn them into records and
 * check their arithmetic.
 *
 * Ownership, once for the whole API: every object made by vn_X_new() is
 * released by vn_X_free(); pointers returned by accessors or stored in
 * records are borrowed from the object that produced them and stay valid
 * until that object is freed; nothing is freed by the callee unless its
 * name ends in _free.
 *
 * The pipeline, one header per stage:
 *   ingest.h     bytes of a file -> struct vn_text (UTF-8, LF, validated)
 *   normalize.h  struct vn_text  -> struct vn_normtext (NFC, spaces, markup)
 *   extract.h    struct vn_normtext -> struct vn_records (amounts, refs, ...)
 *   validate.h   struct vn_records -> check records (sum, ratio, ...)
 *   report.h     struct vn_records -> JSON Lines, CSV, text, SARIF, HTML
 *   policy.h     which findings to report, at which level; baselines
 * doc.h ties them together for one document; archive.h stores documents in
 * an SQLite archive; i18n.h names the languages of what is written for a
 * person; alloc.h sets the allocator.
 */
#ifndef VNAUDIT_H
#define VNAUDIT_H

#include "vnaudit/common.h"
#include "vnaudit/alloc.h"
#include "vnaudit/decimal.h"
#include "vnaudit/log.h"
#include "vnaudit/ingest.h"
#include "vnaudit/normalize.h"
#include "vnaudit/extract.h"
#include "vnaudit/validate.h"
#include "vnaudit/report.h"
#include "vnaudit/policy.h"
#include "vnaudit/doc.h"
#include "vnaudit/archive.h"
#include "vnaudit/i18n.h"

#endif
