/* vn_vocab_match_at_cp tries a table's candidate entries (sorted by key byte, then longest first) without starting
 * each one over: an entry resumes after the code points it shares with the entry tried before it (t->lcp[], at[]),
 * and is skipped outright when it shares the code point that one failed on; entries longer than the resumption limit
 * (48 code points) are matched from their start. This is only a shortcut, so it must give exactly the match the plain
 * algorithm gives: try every candidate from its start, the first that matches in full wins. These tests compare the
 * two, and the inline vn_vocab_match_at (with its ASCII quick reject), at every position of random inputs made from
 * the tables' entries, on the built-in tables and on tables with adversarial entries added. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/chars.h"
#include "extract/vocab.h"

#ifndef VNAUDIT_SOURCE_DIR
#error "VNAUDIT_SOURCE_DIR must be defined by the build"
#endif

/* ---- the reference matcher ---------------------------------------------------- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Whether entry e matches s[pos..len) in full, and where it ends. A space of the entry matches a run of blanks read
 * greedily, at most three: 1 to 3 of them (space_mode 0) or 0 to 2 (space_mode 1); a letter matches any case of it,
 * and an ASCII one only an ASCII byte. */
static bool ref_match_entry(const struct vn_vocab_table *t, const struct vn_vocab_entry *e, const char *s, size_t len,
                            size_t pos, size_t *end)
{
    size_t i = pos;
    for (size_t u = 0; u < e->ncps; u++) {
        uint32_t want = e->cps[u];
        if (want == ' ') {
            size_t blanks = 0;
            while (i < len && is_blank(s[i]) && blanks < 3) {
                i++;
                blanks++;
            }
            if (t->space_mode == 0 ? blanks == 0 : blanks > 2)
                return false;
            continue;
        }
        if (i >= len)
            return false;
        uint32_t got;
        size_t n = vn_ch_decode((const unsigned char *)s + i, len - i, &got);
        if (n == 0 || (want < 0x80 && n != 1) || vn_fold_cp(got) != want)
            return false;
        i += n;
    }
    *end = i;
    return true;
}

/* The reference for vn_vocab_match_at_cp: the plain algorithm it replaced. The candidates are the entries keyed by
 * the folded code point at s[pos], in table order (longest first); each is matched from its start, with nothing
 * carried over from the one before, and the first that matches in full wins. */
static bool ref_match_at(const struct vn_vocab_table *t, const char *s, size_t len, size_t pos,
                         struct vn_vocab_match *m)
{
    if (pos >= len)
        return false;
    uint32_t cp;
    if (vn_ch_decode((const unsigned char *)s + pos, len - pos, &cp) == 0)
        return false;
    cp = vn_fold_cp(cp);
    unsigned key_byte = cp & 0xFF;
    for (size_t i = t->first[key_byte]; i < t->first[key_byte + 1]; i++) {
        size_t end;
        if (t->e[i].key == cp && ref_match_entry(t, &t->e[i], s, len, pos, &end)) {
            m->index = (int)i;
            m->start = pos;
            m->end = end;
            return true;
        }
    }
    return false;
}

/* ---- random inputs -------------------------------------------------------------- */

/* xorshift64: the same inputs on every run and platform. */
struct rng {
    uint64_t state;
};

static size_t rng_below(struct rng *r, size_t n)
{
    r->state ^= r->state << 13;
    r->state ^= r->state >> 7;
    r->state ^= r->state << 17;
    return (size_t)(r->state % n);
}

/* Blank runs of every length around the limits of a space (1..3 or 0..2 blanks). */
static const char *const BLANK_RUNS[] = {"", " ", "  ", "   ", "    ", "\t", " \t", "\t\t ", "     "};

/* What else the inputs hold: letters in either case, letters whose low byte is another's key byte (š and a, ġ and
 * !), truncated and invalid UTF-8, a newline and a control byte. */
static const char *const ODD_PIECES[] = {
    "A", "a", "Đ", "đ", "Ơ", "ư", "Ư", "é", "É", "š", "Š", "ế", "Ế", "\xC3", "\xFF", "\xE1\xBA", "\n", "1", "x", "-",
    "ạ", "Ạ", "\x11", "ġ", "Ġ",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static size_t put(char *buf, size_t n, size_t cap, const char *piece)
{
    size_t l = strlen(piece);
    if (n + l >= cap)
        return n;
    memcpy(buf + n, piece, l);
    return n + l;
}

/* Writes one to four pieces into buf (cap > 16) and returns their length: mostly an entry of t, as written or
 * folded, some letters upper-cased; half of them garbled too (their spaces turned into blank runs, odd pieces
 * slipped in, sometimes cut short) so that entries almost match, the others whole so that long entries match in
 * full; else a blank run or an odd piece. */
static size_t make_input(struct rng *r, const struct vn_vocab_table *t, char *buf, size_t cap)
{
    size_t n = 0, pieces = 1 + rng_below(r, 4);
    for (size_t p = 0; p < pieces; p++) {
        size_t kind = rng_below(r, 10);
        if (kind < 7) {
            const struct vn_vocab_entry *e = &t->e[rng_below(r, t->n)];
            const char *src = rng_below(r, 2) ? e->written : e->folded;
            size_t src_len = strlen(src);
            bool garble = rng_below(r, 2);
            size_t cut = garble && rng_below(r, 4) == 0 ? rng_below(r, src_len + 1) : src_len;
            for (size_t i = 0; i < cut && n + 8 < cap; i++) {
                char c = src[i];
                if (garble && c == ' ' && rng_below(r, 2)) {
                    n = put(buf, n, cap - 8, BLANK_RUNS[rng_below(r, N_OF(BLANK_RUNS))]);
                    continue;
                }
                if (c >= 'a' && c <= 'z' && rng_below(r, 4) == 0)
                    c = (char)(c - 'a' + 'A');
                if (garble && rng_below(r, 60) == 0)
                    n = put(buf, n, cap - 8, ODD_PIECES[rng_below(r, N_OF(ODD_PIECES))]);
                buf[n++] = c;
            }
        } else if (kind < 9) {
            n = put(buf, n, cap, BLANK_RUNS[rng_below(r, N_OF(BLANK_RUNS))]);
        } else {
            n = put(buf, n, cap, ODD_PIECES[rng_below(r, N_OF(ODD_PIECES))]);
        }
    }
    buf[n] = '\0';
    return n;
}

/* ---- the comparison --------------------------------------------------------------- */

/* s[0..len) as a C string literal body: printable ASCII as is, other bytes as \xNN. */
static const char *escaped(const char *s, size_t len)
{
    static char out[4 * 1024 + 1];
    size_t n = 0;
    for (size_t i = 0; i < len && n + 5 < sizeof out; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
            n += (size_t)snprintf(out + n, sizeof out - n, "\\x%02x", c);
        else
            out[n++] = (char)c;
    }
    out[n] = '\0';
    return out;
}

/* A matcher's answer: "none" or the entry and the byte range, in one of a few rotating buffers. */
static const char *answer(const struct vn_vocab_table *t, bool found, const struct vn_vocab_match *m)
{
    static char bufs[3][256];
    static unsigned k;
    char *b = bufs[k++ % 3];
    if (!found)
        snprintf(b, sizeof bufs[0], "none");
    else
        snprintf(b, sizeof bufs[0], "entry %d \"%s\" [%zu, %zu)", m->index, t->e[m->index].written, m->start,
                 m->end);
    return b;
}

static bool same_answer(bool found_a, const struct vn_vocab_match *a, bool found_b, const struct vn_vocab_match *b)
{
    if (found_a != found_b)
        return false;
    return !found_a || (a->index == b->index && a->start == b->start && a->end == b->end);
}

/* Compares the three matchers at every position of s, with the whole input and with it cut short somewhere past the
 * position (nothing may be read past len); returns how many positions matched. */
static size_t check_input(const char *table, const struct vn_vocab_table *t, const char *s, size_t len,
                          struct rng *r)
{
    size_t matched = 0;
    for (size_t pos = 0; pos <= len; pos++) {
        size_t lens[2] = {len, pos + rng_below(r, len - pos + 1)};
        for (size_t li = 0; li < 2; li++) {
            size_t n = lens[li];
            struct vn_vocab_match ref = {-1, 0, 0}, resumed = {-1, 0, 0}, quick = {-1, 0, 0};
            bool ref_found = ref_match_at(t, s, n, pos, &ref);
            bool resumed_found = vn_vocab_match_at_cp(t, s, n, pos, &resumed);
            bool quick_found = vn_vocab_match_at(t, s, n, pos, &quick);
            if (!same_answer(ref_found, &ref, resumed_found, &resumed) ||
                !same_answer(ref_found, &ref, quick_found, &quick))
                fail_msg("table %s, position %zu, length %zu: reference %s, vn_vocab_match_at_cp %s, "
                         "vn_vocab_match_at %s; input \"%s\"",
                         table, pos, n, answer(t, ref_found, &ref), answer(t, resumed_found, &resumed),
                         answer(t, quick_found, &quick), escaped(s, n));
            matched += ref_found;
        }
    }
    return matched;
}

/* Random inputs per table: enough to kill the mutants tried on the resumption, and the file runs in about 1.5 s in
 * a Debug+ASan build (0.3 s in Release). */
#define INPUTS_PER_TABLE 4000

static const struct {
    const char *name;
    size_t offset;
} TABLES[] = {
#define TABLE(x) {#x, offsetof(struct vn_vocab, x)}
    TABLE(units), TABLE(hedges), TABLE(kinds), TABLE(measures), TABLE(not_money), TABLE(numerals),
    TABLE(roles), TABLE(links), TABLE(sections), TABLE(conversions), TABLE(terms), TABLE(nd30_kinds),
#undef TABLE
};

/* Compares the matchers on `inputs` random inputs for every prefix table of v (suffix tables have their own matcher,
 * vn_vocab_match_before); returns how many prefix tables there were. */
static size_t check_vocab(const struct vn_vocab *v, uint64_t seed, size_t inputs)
{
    struct rng r = {seed};
    size_t checked = 0;
    for (size_t k = 0; k < N_OF(TABLES); k++) {
        const struct vn_vocab_table *t = (const struct vn_vocab_table *)((const char *)v + TABLES[k].offset);
        if (t->suffix || t->n == 0)
            continue;
        char buf[1024];
        size_t matched = 0;
        for (size_t it = 0; it < inputs; it++) {
            size_t len = make_input(&r, t, buf, sizeof buf);
            matched += check_input(TABLES[k].name, t, buf, len, &r);
        }
        /* inputs made of entries must match now and then, or the comparison says little */
        if (matched < inputs / 4)
            fail_msg("table %s: only %zu matches in %zu inputs", TABLES[k].name, matched, inputs);
        checked++;
    }
    return checked;
}

static void test_builtin_tables(void **state)
{
    (void)state;
    struct vn_vocab *v = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    if (vn_vocab_new_builtin(&v, &err) != VN_OK)
        fail_msg("vn_vocab_new_builtin: %s", err.message);
    assert_true(check_vocab(v, 88172645463325252ull, INPUTS_PER_TABLE) >= 8);
    vn_vocab_free(v);
}

/* ---- adversarial tables ---------------------------------------------------------- */

/* Entries added to units.tsv and not_money.tsv (a prefix table of each space mode). They put the resumption where
 * it may go wrong: keys that are a space (matched as a run), runs of spaces, long shared beginnings (so an entry
 * resumes far in), entries just under, at and over the 48 code points resumption stops at, side by side with a
 * shared beginning, and letters whose low byte is a's or đ's (š U+0161, ġ U+0121, Đ U+0110), which sort among
 * the same candidates without being them. */
static const char *const ADVERSARIAL_ENTRIES[] = {
    /* spaces */
    " ", "  ", " a", " a b", "  a", " đồng", " x", "   x",
    /* shared beginnings, spaces in various places */
    "a", "a b", "a  b", "a b c", "ab", "abc", "a bc", "a b d", "a b c d", "a b c d e",
    "x y", "x  y", "x   y", "x y z", "xx", "x", "e", "e a", "é", "É a", "éa b",
    "triệu", "triệu đồng", "triệu  đồng", "triệu đ", "tr", "tr.đ", "trđ", "Tr đồng",
    /* around the resumption limit: 47, 48, 49, 51 (twice), 53 and 55 code points */
    "a b c d e f g h i j k l m n o p q r s t u v w x",
    "a b c d e f g h i j k l m n o p q r s t u v w xy",
    "a b c d e f g h i j k l m n o p q r s t u v w x y",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z q",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z a b",
    /* low bytes that collide: š and a, ġ and !, Đ and đ; ư and ự */
    "š", "Š b", "šš", "ša", "ša b", "Ša b c", "a ša", "ġ", "ġa", "Ġa b", "Đ", "đa", "Đa b", "đ b c",
    "ư", "ưa", "Ưa b", "ựa", "ự a",
    /* long ones over a small alphabet (a, b, ab, š, đ, ư): many share a beginning, from 3 to 85 code points */
    "đ đ b ab đ š ư đ",
    "đ a š",
    "đ b b ư š đ đ š š",
    "b b ư b đ š ư a ư a b đ a ab a ab š đ ư š ư",
    "š š ư đ š b ab a a b š b ab ư š ư ab š đ š đ ab đ đ š đ",
    "ab ư a ab đ ư ư b",
    "ab đ đ đ a ư ư b ư đ ab ab a a š ư š a ab a š b a",
    "š š a a đ đ a š ư đ",
    "đ ab đ b a ab a a a đ đ",
    "b š",
    "đ ab b ư a ab ab ab b š",
    "š đ š ư đ ư đ a đ đ ab š ư",
    "ư b ab š ab đ ab đ ab a š đ ab a š đ đ ư b a ư ư ab š",
    "ab đ ab š ab ư š ab š đ š a š b",
    "a š đ đ š đ ư",
    "š đ a a š ư a b đ ab b ư a đ đ š a đ a ab b ab đ š a ab b b a",
    "a b b ab b a š ư đ š a ab b ab đ đ đ š",
    "š ab",
    "a a b a a a a š a ư a đ đ š ab b ab a ab š ư š đ ab ab",
    "š a ab ư š ư ab š ư š š a b b đ ab ư đ a š b š b a ab ab đ ab a",
    "b š a đ a",
    "a ư š b a ab a a a ư š ư ab đ ab a a đ đ",
    "ư b š ư đ đ ư đ ư š b ư š b b a š ư š ư đ š đ ư b b ab",
    "ab b a ab b š a ư a a a ab ab a ab š đ ư ư ab a a ab ab š š š a b",
    "đ ư š š b đ ab a ab a ư š a š đ ab a đ ư ab ư",
    "š ab ab a ab a š ab a ab b b b ab š a a b ab š ab b š š ab b a a b š ab a ab ab š",
    "b a š ab b ab ab š š a ab š a b ab a a a b b š š b b š",
    "b b b ab ab ab a š š š ab ab š ab š a b a a b š b š b b b a š a ab",
    "a b b š š š a š b š ab a š š š š b š a ab ab ab š ab š b a b ab ab b š b b b a b",
    "ab š b ab a ab ab ab a a š a a a a a a b a š a b ab b š ab š ab a š ab š a ab b š a š",
};

/* Appends "\n" when `text` lacks one, then every adversarial entry followed by `columns` (the rest of a line). */
static void append_entries(FILE *f, const char *text, const char *columns)
{
    size_t n = strlen(text);
    if (n > 0 && text[n - 1] != '\n')
        fputc('\n', f);
    for (size_t i = 0; i < N_OF(ADVERSARIAL_ENTRIES); i++)
        fprintf(f, "%s%s\n", ADVERSARIAL_ENTRIES[i], columns);
}

/* Copies every vocab/NAME.tsv of the source tree into dir, with the adversarial entries added to units (power of
 * ten 3) and not_money; returns how many tables were copied. */
static size_t write_adversarial_tables(const char *dir)
{
    char src_dir[512];
    snprintf(src_dir, sizeof src_dir, "%s/vocab", VNAUDIT_SOURCE_DIR);
    DIR *d = opendir(src_dir);
    assert_non_null(d);
    size_t copied = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n <= 4 || n > 200 || strcmp(de->d_name + n - 4, ".tsv") != 0)
            continue;
        char src[1024], dst[1024];
        snprintf(src, sizeof src, "%s/%s", src_dir, de->d_name);
        snprintf(dst, sizeof dst, "%s/%s", dir, de->d_name);
        FILE *in = fopen(src, "rb");
        assert_non_null(in);
        char *text = malloc(1 << 20);
        assert_non_null(text);
        size_t len = fread(text, 1, (1 << 20) - 1, in);
        text[len] = '\0';
        fclose(in);
        FILE *out = fopen(dst, "wb");
        assert_non_null(out);
        assert_int_equal(fwrite(text, 1, len, out), len);
        if (strcmp(de->d_name, "units.tsv") == 0)
            append_entries(out, text, "\t3");
        else if (strcmp(de->d_name, "not_money.tsv") == 0)
            append_entries(out, text, "");
        assert_int_equal(fclose(out), 0);
        free(text);
        copied++;
    }
    closedir(d);
    return copied;
}

static void remove_tables(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

static void test_adversarial_tables(void **state)
{
    (void)state;
    char dir[] = "/tmp/vnaudit-vocab-resume-XXXXXX";
    assert_non_null(mkdtemp(dir));
    size_t copied = write_adversarial_tables(dir);
    struct vn_vocab *v = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st = vn_vocab_new_dir(dir, &v, &err);
    remove_tables(dir);
    assert_true(copied >= 10);
    if (st != VN_OK)
        fail_msg("vn_vocab_new_dir: %s", err.message);
    /* every adversarial entry was read */
    assert_true(v->units.n >= N_OF(ADVERSARIAL_ENTRIES) && v->not_money.n >= N_OF(ADVERSARIAL_ENTRIES));
    assert_true(check_vocab(v, 0x9E3779B97F4A7C15ull, INPUTS_PER_TABLE) >= 8);
    vn_vocab_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_tables),
        cmocka_unit_test(test_adversarial_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
