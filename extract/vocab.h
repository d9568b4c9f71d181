/* Private to extract/: vocabulary tables and the matchers over them.
 * The tables come from vocab/NAME.tsv (compiled in, or read from a folder). */
#ifndef VN_VOCAB_H
#define VN_VOCAB_H

#include "vnaudit/extract.h"

enum vn_unit_flag { VN_UNIT_BARE = 1, VN_UNIT_DONG = 2, VN_UNIT_SHORT = 4 };
enum vn_hedge_kind { VN_HEDGE_LOWER, VN_HEDGE_UPPER, VN_HEDGE_APPROX, VN_HEDGE_ESTIMATE };
enum vn_kind_flag { VN_KIND_STRONG = 1 };
/* roles.tsv, links.tsv, sections.tsv: an entry's value is dimension * 16 + value. */
enum vn_role_dim { VN_ROLE_WHAT, VN_ROLE_SOURCE, VN_ROLE_CAPITAL, VN_ROLE_LINK, VN_ROLE_SECTION, VN_ROLE_NDIMS };
enum vn_role_what { VN_WHAT_NONE, VN_WHAT_TOTAL, VN_WHAT_ALLOCATED, VN_WHAT_UNALLOCATED, VN_WHAT_DISBURSED,
                    VN_WHAT_ESTIMATE, VN_WHAT_UNDISBURSED };
enum vn_role_source { VN_SRC_NONE, VN_SRC_CENTRAL, VN_SRC_LOCAL, VN_SRC_OTHER };
enum vn_role_capital { VN_CAP_NONE, VN_CAP_INVESTMENT, VN_CAP_RECURRENT };
enum vn_role_link { VN_LINK_NONE, VN_LINK_BREAKDOWN, VN_LINK_EXHAUSTIVE, VN_LINK_PLAN, VN_LINK_INCREASE,
                    VN_LINK_DECREASE, VN_LINK_PRIOR, VN_LINK_REMAINDER, VN_LINK_TOTAL,
                    VN_LINK_RATE, VN_LINK_SHARE, VN_LINK_PERIOD, VN_LINK_EQUAL,
                    VN_LINK_EXCESS, VN_LINK_GROWTH, VN_LINK_RELATIVE, VN_LINK_PER_HEAD, VN_LINK_POPULATION };
#define VN_ROLE_DIM(v) ((v) >> 5)
#define VN_ROLE_VALUE(v) ((v) & 31)
enum vn_numeral_role { VN_NUM_DIGIT, VN_NUM_TEN, VN_NUM_TENS, VN_NUM_HUNDRED, VN_NUM_FILLER, VN_NUM_SCALE };

struct vn_vocab_entry {
    char *folded;       /* case-folded spelling, UTF-8 */
    size_t len;
    char *written;      /* spelling as in the table */
    int value;          /* units: power of ten; hedges: vn_hedge_kind;
                           measures: dimension index; numerals: value */
    unsigned flags;     /* numerals: vn_numeral_role */
    uint32_t key;       /* folded first (or last) code point, for lookup */
    uint32_t *cps;      /* the folded code points (' ' for a space) */
    size_t ncps;
    uint32_t next;      /* cps[1] (suffix tables: cps[ncps - 2]); 0 when
                           there is none or it is a space: the matchers
                           test it before the whole entry */
    char *canon;        /* terms: the canonical form (case-folded); nd30_kinds: the
                           abbreviation as written; NULL elsewhere */
};

struct vn_vocab_table {
    struct vn_vocab_entry *e;   /* sorted by key byte, then longest first */
    size_t n;
    bool suffix;                /* matched backwards from a position */
    uint8_t space_mode;         /* 0: ' ' matches 1..n spaces; 1: 0..2 */
    uint64_t keys[4];           /* bitmap of (key & 0xFF) present */
    uint16_t first[257];        /* entries with (key & 0xFF) == b are
                                   e[first[b] .. first[b + 1]) */
    struct vn_vocab_key {
        uint32_t key, next;
    } *keys2;                   /* e[i].key and e[i].next side by side,
                                   eight to a cache line, for the lookups */
    uint8_t *lcp;               /* code points e[i] shares with e[i - 1] at
                                   its start (0: none, or either is long) */
};

struct vn_vocab {
    struct vn_vocab_table units, hedges, kinds, measures, not_money, numerals, roles, links, sections,
        conversions;    /* value: power of ten; flags: base unit (a dimension index) */
    struct vn_vocab_table terms;    /* a phrase and its canonical form (terms.tsv) */
    struct vn_vocab_table nd30_kinds;   /* a kind of document; canon: its abbreviation (nd30_kinds.tsv) */
    char **dimensions;          /* measure dimension names */
    size_t n_dimensions;
};

/* A match: entry index and the matched byte range [start, end). */
struct vn_vocab_match {
    int index;
    size_t start, end;
};

/* Longest entry of t starting at s[pos] (prefix tables). */
bool vn_vocab_match_at_cp(const struct vn_vocab_table *t, const char *s, size_t len, size_t pos,
                          struct vn_vocab_match *m);
/* The same, answering at once when s[pos] is an ASCII byte that starts no
 * entry (the usual case after a figure: a blank, a newline, punctuation),
 * so the scanner may ask at every figure for what a table might hold. */
static inline bool vn_vocab_match_at(const struct vn_vocab_table *t, const char *s, size_t len, size_t pos,
                                     struct vn_vocab_match *m)
{
    if (pos >= len)
        return false;
    unsigned c = (unsigned char)s[pos];
    if (c < 0x80) {
        c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        if (!((t->keys[c >> 6] >> (c & 63)) & 1))
            return false;
    }
    return vn_vocab_match_at_cp(t, s, len, pos, m);
}
/* Longest entry of t ending at s[pos] (suffix tables), preceded by a
 * non-letter. */
bool vn_vocab_match_before(const struct vn_vocab_table *t, const char *s, size_t pos,
                           struct vn_vocab_match *m);

/* vn_vocab_new_dir with its errors in the language of cat (the pipeline's). */
struct vn_catalog;
vn_status vn_vocab_new_dir_cat(const char *dir, const struct vn_catalog *cat, struct vn_vocab **out,
                               struct vn_error *err);

/* Vietnamese case folding of one code point (upper -> lower). */
uint32_t vn_fold_cp(uint32_t cp);

#endif
