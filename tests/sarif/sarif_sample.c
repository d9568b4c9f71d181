/* Writes the hand-made sample report (sample.h) in one format, as a batch
 * of three inputs: the sample under an awkward path, a file that could not
 * be read, and the sample again as standard input. run_sarif.sh validates
 * the SARIF it writes; the checks need not come from the validator.
 *   usage: sarif_sample sarif|html|text|jsonl|csv */
#include <stdio.h>
#include <string.h>

#include "tests/sarif/sample.h"

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        enum vn_format format;
    } formats[] = {{"sarif", VN_FMT_SARIF}, {"html", VN_FMT_HTML}, {"text", VN_FMT_TEXT},
                   {"jsonl", VN_FMT_JSONL}, {"csv", VN_FMT_CSV}};
    struct vn_report_opts o = {.include_checks = true};
    size_t i = 0;
    while (argc == 2 && i < sizeof formats / sizeof formats[0] && strcmp(argv[1], formats[i].name) != 0)
        i++;
    if (argc != 2 || i == sizeof formats / sizeof formats[0]) {
        fputs("usage: sarif_sample sarif|html|text|jsonl|csv\n", stderr);
        return 2;
    }
    o.format = formats[i].format;

    struct sample s;
    if (sample_new(&s) != 0)
        return 1;
    struct vn_writer *w;
    if (vn_writer_new(stdout, &w) != VN_OK)
        return 1;
    vn_status st = vn_report_begin(w, &o);
    o.file_label = "báo cáo/x y:z%.txt";
    if (!st)
        st = vn_report_write(w, &o, s.d->records);
    o.file_label = "missing <file>.txt";
    if (!st)
        st = vn_report_failed(w, &o, "cannot open: No such file or directory");
    o.file_label = "-";
    if (!st)
        st = vn_report_write(w, &o, s.d->records);
    if (!st)
        st = vn_report_end(w, &o);
    vn_status st2 = vn_writer_free(w);
    sample_free(&s);
    if (st || st2) {
        fprintf(stderr, "sarif_sample: %s\n", vn_strerror(st ? st : st2));
        return 1;
    }
    return 0;
}
