/* Figures read by OCR with a doubtful digit become ambiguous.
 *
 * Ingest marks each OCR word holding a digit read with a confidence under
 * VN_OCR_DIGIT_MIN_CONF (vn_text.ocr_marks: a line and the word's bytes in
 * the text as read). Normalization keeps lines but may move bytes within
 * one, so the word is found again in the normalized line by its text; the
 * amount, percentage or quantity whose span overlaps it is marked
 * `ambiguous` with a note, before the validator sees it. A document read by
 * OCR also gets one `ocr-text` note saying so, and one with pages left
 * unread (no text layer, OCR off) a `pages-not-read` error. */
#define _GNU_SOURCE     /* memmem */
#include <stdio.h>
#include <string.h>

#include "pipeline/ocr_marks.h"

static struct vn_number *number_of(struct vn_record *r)
{
    switch (r->type) {
    case VN_REC_AMOUNT: return &r->u.amount.num;
    case VN_REC_PERCENT: return &r->u.percent.num;
    case VN_REC_QUANTITY: return &r->u.quantity.num;
    default: return NULL;
    }
}

vn_status vn_apply_ocr_marks(const struct vn_text *raw, const struct vn_normtext *t, struct vn_records *recs)
{
    if (raw->n_pages_unread) {
        /* a page nobody read is not a page without findings */
        char msg[240];
        snprintf(msg, sizeof msg,
                 "%u of %u page(s) have no text layer (scans) and were not read: OCR is off or not built; their "
                 "figures are not checked",
                 raw->n_pages_unread, raw->n_pages);
        struct vn_span at = {0, 0};
        vn_status st = vn_records_add_diagnostic(recs, at, "pages-not-read", VN_SEV_ERROR, msg);
        if (st)
            return st;
    }
    if (!raw->n_ocr_pages)
        return VN_OK;
    /* the start of each line of the raw text, found as we go: marks come in line order */
    size_t raw_line = 1, raw_at = 0;
    for (size_t m = 0; m < raw->n_ocr_marks; m++) {
        const struct vn_ocr_mark *mk = &raw->ocr_marks[m];
        if (mk->line == 0 || mk->line > t->n_lines || mk->line < raw_line)
            continue;
        while (raw_line < mk->line && raw_at < raw->len) {
            const char *nl = memchr(raw->data + raw_at, '\n', raw->len - raw_at);
            if (!nl)
                break;
            raw_at = (size_t)(nl - raw->data) + 1;
            raw_line++;
        }
        if (raw_line != mk->line || raw_at + mk->off + mk->len > raw->len)
            continue;
        const char *word = raw->data + raw_at + mk->off;
        size_t ls = t->line_start[mk->line - 1];
        size_t le = mk->line < t->n_lines ? t->line_start[mk->line] : t->len;
        const char *hit = memmem(t->data + ls, le - ls, word, mk->len);
        size_t a = hit ? (size_t)(hit - t->data) : ls, b = hit ? a + mk->len : le;
        for (size_t i = 0; i < recs->n; i++) {
            struct vn_record *r = &recs->items[i];
            struct vn_number *num = number_of(r);
            if (!num || r->line != mk->line)
                continue;
            size_t ra = r->text.off, rb = r->text.off + r->text.len;
            if (ra < b && a < rb && !num->ambiguous) {
                num->ambiguous = true;
                num->note = "read by OCR with a doubtful digit: check it against the scan";
            }
        }
    }
    char msg[200];
    snprintf(msg, sizeof msg,
             "%u of %u page(s) read by OCR: figures may be misread (%zu word(s) with a doubtful digit; "
             "the figures among them are marked ambiguous)",
             raw->n_ocr_pages, raw->n_pages, raw->n_ocr_marks);
    struct vn_span at = {0, 0};
    return vn_records_add_diagnostic(recs, at, "ocr-text", VN_SEV_NOTE, msg);
}
