/* A C program built against the installed package (tests/consumer/run.sh):
 * checks one document through the public API only, writes its records as
 * JSON Lines on stdout, and a summary read from the record structs on
 * stderr-free channel argv[2]. The run compares both with the tool's. */
#include <stdio.h>
#include <string.h>

#include <vnaudit/vnaudit.h>

static void count_line(void *user, unsigned topic, const char *line)
{
    (void)topic;
    (void)line;
    ++*(unsigned *)user;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: consumer FILE SUMMARY\n", stderr);
        return 2;
    }
    if (strcmp(vn_version(), VNAUDIT_VERSION_STRING) != 0) {
        fprintf(stderr, "headers %s, library %s\n", VNAUDIT_VERSION_STRING, vn_version());
        return 1;
    }
    unsigned log_lines = 0;
    struct vn_pipeline_opts po;
    memset(&po, 0, sizeof po);
    po.validate = true;
    po.log.fn = count_line;
    po.log.user = &log_lines;
    po.log.topics = VN_LOG_TIMING;
    struct vn_error err;
    struct vn_pipeline *p;
    if (vn_pipeline_new(&po, &p, &err) != VN_OK) {
        fprintf(stderr, "pipeline: %s\n", err.message);
        return 1;
    }
    struct vn_doc *d;
    if (vn_doc_load(p, argv[1], &d, &err) != VN_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], err.message);
        vn_pipeline_free(p);
        return 1;
    }
    /* the records, read from the structs: the public view of struct vn_dec
       must give the library's values */
    size_t amounts = 0, checks = 0;
    char first[VN_DEC_STRLEN] = "", last_computed[VN_DEC_STRLEN] = "";
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type == VN_REC_AMOUNT && amounts++ == 0)
            vn_dec_format(r->u.amount.dong, first);
        if (r->type == VN_REC_CHECK) {
            checks++;
            vn_dec_format(r->u.check->computed, last_computed);
        }
    }
    FILE *summary = fopen(argv[2], "w");
    if (!summary)
        return 1;
    fprintf(summary, "records %zu amounts %zu checks %zu inconsistent %zu first_amount %s last_computed %s\n",
            d->records->n, amounts, checks, vn_records_inconsistent_count(d->records), first, last_computed);
    fprintf(summary, "log_lines %s\n", log_lines > 0 ? "some" : "none");
    fclose(summary);

    struct vn_writer *w;
    struct vn_report_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.format = VN_FMT_JSONL;
    ro.include_checks = true;
    ro.file_label = argv[1];
    ro.raw = d->raw;
    int rc = 0;
    if (vn_writer_new(stdout, &w) != VN_OK)
        rc = 1;
    else {
        if (vn_report_begin(w, &ro) || vn_report_write(w, &ro, d->records) || vn_report_end(w, &ro))
            rc = 1;
        if (vn_writer_free(w))
            rc = 1;
    }
    vn_doc_free(d);
    vn_pipeline_free(p);
    return rc;
}
