// The same as consumer.c, from C++: the headers must be usable as they are
// (extern "C", no C-only constructs), and the library linkable from C++.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

#include <vnaudit/vnaudit.h>

namespace {

struct PipelineFree {
    void operator()(vn_pipeline *p) const { vn_pipeline_free(p); }
};
struct DocFree {
    void operator()(vn_doc *d) const { vn_doc_free(d); }
};

std::string dec(const vn_dec &v)
{
    char buf[VN_DEC_STRLEN];
    return std::string(buf, vn_dec_format(v, buf));
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fputs("usage: consumer_cpp FILE SUMMARY\n", stderr);
        return 2;
    }
    if (std::string(vn_version()) != VNAUDIT_VERSION_STRING)
        return 1;
    unsigned log_lines = 0;
    vn_pipeline_opts po;
    std::memset(&po, 0, sizeof po);
    po.validate = true;
    po.log.fn = [](void *user, unsigned, const char *) { ++*static_cast<unsigned *>(user); };
    po.log.user = &log_lines;
    po.log.topics = VN_LOG_TIMING;
    vn_error err;
    vn_pipeline *raw_p = nullptr;
    if (vn_pipeline_new(&po, &raw_p, &err) != VN_OK)
        return 1;
    std::unique_ptr<vn_pipeline, PipelineFree> p(raw_p);
    vn_doc *raw_d = nullptr;
    if (vn_doc_load(p.get(), argv[1], &raw_d, &err) != VN_OK) {
        std::fprintf(stderr, "%s: %s\n", argv[1], err.message);
        return 1;
    }
    std::unique_ptr<vn_doc, DocFree> d(raw_d);
    size_t amounts = 0, checks = 0;
    std::string first, last_computed;
    for (size_t i = 0; i < d->records->n; i++) {
        const vn_record &r = d->records->items[i];
        if (r.type == VN_REC_AMOUNT && amounts++ == 0)
            first = dec(r.u.amount.dong);
        if (r.type == VN_REC_CHECK) {
            checks++;
            last_computed = dec(r.u.check->computed);
        }
    }
    std::ofstream summary(argv[2]);
    summary << "records " << d->records->n << " amounts " << amounts << " checks " << checks << " inconsistent "
            << vn_records_inconsistent_count(d->records) << " first_amount " << first << " last_computed "
            << last_computed << "\n"
            << "log_lines " << (log_lines > 0 ? "some" : "none") << "\n";

    vn_writer *w = nullptr;
    vn_report_opts ro;
    std::memset(&ro, 0, sizeof ro);
    ro.format = VN_FMT_JSONL;
    ro.include_checks = true;
    ro.file_label = argv[1];
    ro.raw = d->raw;
    if (vn_writer_new(stdout, &w) != VN_OK)
        return 1;
    bool ok = vn_report_begin(w, &ro) == VN_OK && vn_report_write(w, &ro, d->records) == VN_OK &&
              vn_report_end(w, &ro) == VN_OK;
    return vn_writer_free(w) == VN_OK && ok ? 0 : 1;
}
