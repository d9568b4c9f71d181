#include <stdio.h>

#include "cli/output.h"
#include "vnaudit/i18n.h"

void vn_cli_out_doc(struct vn_cli_out *o, const char *path, const struct vn_doc *d, vn_status st,
                    const struct vn_error *err)
{
    bool text = o->cli->command == CMD_TEXT;
    if (st) {
        const char *why = err && err->message[0] ? err->message : vn_strerror_lang(st, o->ro.lang);
        fprintf(stderr, "vnaudit: %s: %s\n", path, why);
        o->status = 2;
        o->ro.file_label = path;
        o->out_failed = !text && vn_report_failed(o->w, &o->ro, why) != VN_OK;
        return;
    }
    if (text) {
        o->out_failed = fwrite(d->text->data, 1, d->text->len, stdout) != d->text->len;
        return;
    }
    struct vn_triage *t;
    if (vn_triage_new(o->policy, path, d->records, &t)) {
        fprintf(stderr, vn_gettext(o->ro.lang, "vnaudit: %s: out of memory\n"), path);
        o->status = 2;
        return;
    }
    o->ro.file_label = path;
    o->ro.raw = d->raw;
    o->ro.marks = t->marks;
    o->out_failed = vn_report_write(o->w, &o->ro, &t->view) != VN_OK;
    o->ro.marks = NULL;
    o->ro.raw = NULL;
    if (d->raw->n_issues_total)
        fprintf(stderr, vn_gettext(o->ro.lang, "vnaudit: %s: %zu encoding problem(s), first at byte offset %zu (line %zu)\n"),
                path,
                d->raw->n_issues_total, d->raw->issues[0].offset, d->raw->issues[0].line);
    if (t->failing && o->status == 0)
        o->status = 1;
    vn_triage_free(t);
}
