/* Fuzz target: the vocabulary loader. The first byte chooses a table
 * (vocab/NAME.tsv), the rest is its text; the other tables are the
 * repository's. The folder is read with vn_vocab_new_dir, as --vocab does;
 * a vocabulary that loads then reads a short report (the matchers over
 * the fuzzed table). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vnaudit/vnaudit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const tables[] = {"units", "hedges", "kinds", "measures", "not_money", "numerals",
                                     "roles", "links", "sections", "conversions", "terms"};
#define N_TABLES (sizeof tables / sizeof tables[0])

static char dir[64];
static char *orig[N_TABLES];
static size_t orig_len[N_TABLES];

static void write_file(const char *name, const void *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s.tsv", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f))
        abort();
}

static void init(void)
{
    snprintf(dir, sizeof dir, "/tmp/vnaudit-fuzz-vocab.XXXXXX");
    if (!mkdtemp(dir))
        abort();
    for (size_t i = 0; i < N_TABLES; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/vocab/%s.tsv", VNAUDIT_SOURCE_DIR, tables[i]);
        FILE *f = fopen(path, "rb");
        if (!f)
            abort();
        orig[i] = malloc(1 << 20);
        orig_len[i] = fread(orig[i], 1, 1 << 20, f);
        fclose(f);
        write_file(tables[i], orig[i], orig_len[i]);
    }
}

static const char report[] = "Tổng vốn giao 1.250,5 triệu đồng, trong đó NSTW 830 trđ; giải ngân 420 triệu đồng, "
                             "đạt 33,6% KH. Quyết định số 1719/QĐ-TTg ngày 14/10/2021. Diện tích 12,5 ha.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        init();
    if (size < 1 || size > 65536)
        return 0;
    size_t k = data[0] % N_TABLES;
    write_file(tables[k], data + 1, size - 1);
    struct vn_vocab *v;
    struct vn_error err;
    if (vn_vocab_new_dir(dir, &v, &err) == VN_OK) {
        struct vn_extractor *x;
        if (vn_extractor_new(v, &x, &err) == VN_OK) {
            struct vn_normalizer *nz;
            struct vn_normtext *t;
            struct vn_records *r;
            if (vn_normalizer_new(&nz) == VN_OK) {
                if (vn_normalize(nz, report, sizeof report - 1, &t) == VN_OK) {
                    if (vn_extract(x, t, &r) == VN_OK)
                        vn_records_free(r);
                    vn_normtext_free(t);
                }
                vn_normalizer_free(nz);
            }
            vn_extractor_free(x);
        }
        vn_vocab_free(v);
    }
    write_file(tables[k], orig[k], orig_len[k]);
    return 0;
}
