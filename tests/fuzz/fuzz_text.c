/* Fuzz target: bytes as an input file, through the whole pipeline (ingest
 * sniffs the format, then normalize, extract, validate) and every writer
 * (JSON Lines, CSV, text, SARIF, HTML). One thread, so a crash replays. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "vnaudit/vnaudit.h"

static struct vn_pipeline *pipeline;
static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!pipeline) {
        struct vn_pipeline_opts po = {.validate = true, .threads = 1};
        struct vn_error err;
        if (vn_pipeline_new(&po, &pipeline, &err))
            abort();
        sink = fopen("/dev/null", "w");
        if (!sink)
            abort();
    }
    struct vn_error err;
    struct vn_doc *d;
    if (vn_doc_from_bytes(pipeline, "fuzz.txt", data, size, &d, &err))
        return 0;
    static const enum vn_format formats[] = {VN_FMT_JSONL, VN_FMT_CSV, VN_FMT_TEXT, VN_FMT_SARIF, VN_FMT_HTML};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        struct vn_writer *w;
        if (vn_writer_new(sink, &w))
            abort();
        struct vn_report_opts o = {.format = formats[i], .file_label = "fuzz.txt", .include_checks = i != 1,
                                   .verbose = true, .raw = d->raw, .threads = 1};
        vn_status st = vn_report_begin(w, &o);
        if (!st)
            st = vn_report_write(w, &o, d->records);
        if (!st)
            st = vn_report_end(w, &o);
        if (vn_writer_free(w) && !st)
            st = VN_EIO;    /* (writing to /dev/null does not fail) */
        (void)st;
    }
    vn_doc_free(d);
    return 0;
}
