/* Private to validate/: the model of a document that the rules work on.
 *
 *   model.c      items (every number with its unit, role and parenthesis),
 *                paragraphs (lines joined across page breaks), parentheses
 *   structure.c  headings, named units and bullets -> a tree of nodes, and
 *                each node's figures by facet (total, NSTW, giải ngân, ...)
 *   verdict.c    exact comparison with the contract's rounding rule,
 *                hedge intervals, and turning a relation into a check record
 *   sums.c       breakdowns (parenthesis, "trong đó", lists of lines) and
 *                a node against its children
 *   ratios.c     "a/b đạt p%", "a = p% KH", "tăng p% (+d)"
 *   derived.c    products (area x yield) and differences (còn ... chưa phân bổ)
 *   tables.c     a table's total row, total column and percentage column
 *   flowtables.c tables whose separators were lost (PDF text): total row
 *                against the numbered rows
 *   lists.c      a line's figures against its sub-lines' (numbering marks
 *                nested as a stack of styles), shares in parentheses
 */
#ifndef VN_VALIDATE_INTERNAL_H
#define VN_VALIDATE_INTERNAL_H

#include "common/alloc.h"
#include "common/i18n.h"
#include "extract/vocab.h"
#include "vnaudit/normalize.h"
#include "vnaudit/validate.h"

#define VN_NONE UINT32_MAX
/* Bounds that keep every search local (and the work linear): */
#define VN_LABEL_MAX 120u       /* bytes of label read before a number */
#define VN_LINK_REACH 160u      /* bytes a relation's words may span */
#define VN_MAX_PARTS 24u        /* parts of one breakdown */
#define VN_MAX_PAREN_DEPTH 8u
#define VN_SCAN_ITEMS 64u       /* items a rule looks back over */
#define VN_MAX_CHECKS 20000u    /* check records of one document, and relations one rule may find in it;
                                   past either, a limit-reached error */
#define VN_VALIDATE_MAX_LINES 500000u  /* lines of a document the rules read (a paragraph each: 44 bytes) */
#define VN_VALIDATE_MAX_ITEMS 200000u   /* figures the rules read (144 bytes each) */
#define VN_SUSPECT_MAX_CHECKS 1000u /* inconsistent checks whose suspects are sought; past it, a note */

enum vn_item_kind { VN_IT_MONEY, VN_IT_QTY, VN_IT_PCT, VN_IT_BARE };

/* A number in the text, from an extraction record or (bare) from the text. */
struct vn_item {
    uint32_t off, end;          /* the number as written */
    uint32_t unit_end;          /* end of its unit (== end without one) */
    uint32_t line;              /* 1-based */
    uint32_t para;              /* paragraph index */
    uint32_t label_off;         /* start of its label (words before it);
                                   VN_NONE until read (vn_item_roles) */
    uint32_t label_floor;       /* where its label may start at the earliest */
    uint32_t paren;             /* innermost enclosing parenthesis, VN_NONE */
    uint32_t partner;           /* the other side of "a/b", VN_NONE */
    uint32_t change;            /* its stated change "(+d)" (an item), VN_NONE */
    struct vn_dec value;        /* as written, in its own unit (sign kept) */
    struct vn_dec base;         /* money: in đồng; otherwise == value */
    struct vn_span unit;        /* as written; len 0 for none */
    int16_t measure;            /* quantity: dimension index, else -1 */
    int8_t pow10;               /* money: đồng per unit as a power of ten */
    int8_t kind;                /* enum vn_item_kind */
    int8_t hedge;               /* enum vn_hedge_kind, -1 for none */
    uint8_t what, source, capital, link;   /* roles from the label */
    bool slash_num, slash_den;  /* numerator / denominator of "a/b" */
    bool used_as_ratio;         /* a percent already claimed by a rule */
    int8_t change_dir;          /* VN_LINK_INCREASE / VN_LINK_DECREASE */
};

/* Lines joined where a sentence runs on across a page break. */
struct vn_para {
    uint32_t off, end;          /* bytes of the text */
    uint32_t item0, item1;      /* its items [item0, item1) */
    uint32_t node;              /* the node whose text it is */
    uint32_t first_line, last_line;
    uint8_t lead_source, lead_capital;  /* roles of its lead-in ("- Vốn đầu tư: ..."),
                                           read on first use: vn_para_lead */
    bool lead_read;
    bool brk_read, brk_ok;      /* its sentence breaks c->breaks[brk0, brk1), read on first use */
    uint32_t brk0, brk1;
};

struct vn_paren {
    uint32_t open, close;       /* offsets of '(' and ')'; close VN_NONE if unclosed */
    uint32_t parent;            /* enclosing parenthesis or VN_NONE */
};

enum vn_unit_kind { VN_UK_NONE, VN_UK_PROGRAM, VN_UK_PROJECT, VN_UK_SUBPROJECT, VN_UK_CONTENT };

#define VN_FACET_CANDIDATES 4
enum vn_facet { VN_F_TOTAL, VN_F_CENTRAL, VN_F_LOCAL, VN_F_DISBURSED, VN_F_ALLOCATED, VN_F_UNALLOCATED,
                VN_F_COUNT };

/* A heading, a named unit or a bullet, and what is under it. */
struct vn_node {
    uint32_t parent;
    uint32_t first_child, next_sibling, prev_sibling, last_child;
    uint32_t para0, para1;      /* paragraphs it spans, descendants included */
    uint32_t own_end;           /* its own paragraphs: [para0, own_end) */
    uint32_t line;              /* heading line (0 for the root) */
    int level;                  /* smaller is outer; the root is 0 */
    int8_t unit_kind;           /* enum vn_unit_kind */
    bool bullet;
    int unit_no;                /* "Dự án 3" -> 3 */
    /* its figures by facet: item indexes, first the one the text states
       first, then other candidates (a report may restate a figure);
       VN_NONE where there are fewer */
    uint32_t facet[VN_F_COUNT][VN_FACET_CANDIDATES];
    bool carries_money;         /* any amount in its span */
};

struct vn_vctx {
    const struct vn_vocab *vocab;
    const char *s;
    size_t len;
    const struct vn_normtext *text;
    struct vn_records *records;
    struct vn_item *items;
    size_t n_items;
    struct vn_para *paras;
    size_t n_paras;
    struct vn_paren *parens;
    size_t n_parens;
    struct vn_node *nodes;
    size_t n_nodes;
    uint64_t *seen;             /* hash set of emitted checks (dedup) */
    const struct vn_validator *v;   /* prefix filters for the per-word scans */
    size_t seen_cap, n_seen;
    uint8_t *table_lines;       /* per line: 1 a table row, 0 not; read on first use */
    struct vn_sink *sink;       /* not NULL: vn_emit keeps the relation here (validate.c) */
    const char **section_cache; /* per node: its heading as copied into the records */
    uint32_t *breaks;           /* sentence breaks, a paragraph's run at a time (model.c) */
    size_t n_breaks, cap_breaks;
    struct vn_suspects *suspects;   /* suspect.c: the checks kept for the cross-check */
    size_t n_checks, checks_dropped;    /* emitted, and left out past VN_MAX_CHECKS */
    bool in_rule;               /* a rule is running on this context: vn_emit counts its drafts */
    size_t drafts;              /* relations the running rule found; past VN_MAX_CHECKS it is stopped */
    bool *stopped;              /* per phase: the rule was stopped (validate.c; shared by the copies) */
    size_t suspects_skipped;    /* inconsistent checks past VN_SUSPECT_MAX_CHECKS */
    size_t cut_line;            /* not 0: the rules read the lines before this one only (validate.c,
                                   model.c: past VN_VALIDATE_MAX_LINES or VN_VALIDATE_MAX_ITEMS) */
};

/* The lowest item index a backward scan from item k may reach. */
static inline uint32_t vn_scan_floor(const struct vn_para *pa, uint32_t k)
{
    return k > pa->item0 + VN_SCAN_ITEMS ? k - VN_SCAN_ITEMS : pa->item0;
}

/* model.c */
/* The end of line i (0-based) of the text, without its line break. */
uint32_t vn_line_end(const struct vn_vctx *c, size_t i);
/* Reads the roles of a quantity's label if not read yet (money's are read
 * when the model is built). Call before looking at a quantity's roles. */
void vn_item_roles(const struct vn_vctx *c, uint32_t k);
/* The source and capital of paragraph pi's lead-in, read on first use. */
void vn_para_lead(const struct vn_vctx *c, uint32_t pi, int *source, int *capital);
/* The first item of paragraph pa at or after byte `off` (binary search). */
uint32_t vn_item_from(const struct vn_vctx *c, const struct vn_para *pa, size_t off);
VN_NODISCARD vn_status vn_model_build(struct vn_vctx *c);
void vn_model_free(struct vn_vctx *c);
bool vn_period_before(const struct vn_vctx *c, size_t pos);   /* "năm", "tháng" (links.tsv: period) ends at pos */
/* Whether items a and b measure the same thing (money with money, a
 * quantity with one of the same unit); a bare number goes with either. */
bool vn_item_same_dim(const struct vn_vctx *c, const struct vn_item *a, const struct vn_item *b);
/* Offset where the sentence containing `off` starts / ends within its
 * paragraph (". " followed by a capital, or the paragraph's ends). */
uint32_t vn_sentence_start(const struct vn_vctx *c, const struct vn_para *p, uint32_t off);
uint32_t vn_sentence_end(const struct vn_vctx *c, const struct vn_para *p, uint32_t off);
/* Whether a word starts at s[o]: a letter after a non-letter (a byte
 * test, cheap enough to run on every byte). */
static inline bool vn_word_start(const char *s, size_t o, size_t floor)
{
    unsigned char b = (unsigned char)s[o];
    if (!((b | 32) >= 'a' && (b | 32) <= 'z') && b < 0xC0)
        return false;
    if (o == floor)
        return true;
    unsigned char p = (unsigned char)s[o - 1];
    return p < 0x80 && !((p | 32) >= 'a' && (p | 32) <= 'z') && !(p >= '0' && p <= '9');
}
/* Link word (enum vn_role_link) starting at s[pos], its end in *end. */
int vn_link_at(const struct vn_vctx *c, size_t pos, size_t limit, size_t *end);
/* Skips spaces, newlines and the given punctuation from pos forward. */
size_t vn_skip_space(const struct vn_vctx *c, size_t pos, size_t limit, const char *punct);

/* structure.c */
VN_NODISCARD vn_status vn_structure_build(struct vn_vctx *c);

/* verdict.c */
struct vn_relation_draft {
    enum vn_relation relation;
    const char *rule;
    uint32_t claimed;               /* item index */
    uint32_t ops[VN_MAX_PARTS];     /* item indexes, text order */
    size_t n_ops;
    struct vn_dec computed;         /* exact, in the claimed item's unit */
    enum vn_verdict verdict;
    char message[480];
};
VN_NODISCARD vn_status vn_emit(struct vn_vctx *c, struct vn_relation_draft *d);
/* Relations kept aside by a rule running beside another (validate.c),
 * packed: the fixed fields, then the operands and the message in `bytes`. */
struct vn_sunk {
    const char *rule;
    uint32_t claimed, at;       /* at: its operands, then its message, in bytes */
    uint8_t relation, verdict, n_ops;
    struct vn_dec computed;
};
struct vn_sink {
    struct vn_sunk *d;
    size_t n, cap;
    char *bytes;
    size_t n_bytes, cap_bytes;
    bool oom;
};
/* Rebuilds relation i of a sink (validate.c replays them through vn_emit). */
void vn_sink_get(const struct vn_sink *k, size_t i, struct vn_relation_draft *d);/* Fills c->table_lines (which lines are table rows) if not done yet. */
VN_NODISCARD vn_status vn_table_lines(struct vn_vctx *c);
/* The value an item stands for in comparisons: đồng for money, the number
 * as written otherwise. */
struct vn_dec vn_item_cmp_value(const struct vn_item *it);
/* Converts an exact value in the unit of `from` to the unit of `to` (money:
 * through đồng). */
VN_NODISCARD vn_status vn_to_unit_of(const struct vn_item *to, struct vn_dec v_base, struct vn_dec *out);
/* The interval a hedged item stands for (the value itself if unhedged). */
void vn_item_interval(const struct vn_item *it, struct vn_dec *lo, struct vn_dec *hi);
bool vn_item_hedged(const struct vn_item *it);
/* a / b * 100 truncated to `scale` digits, and the scale a percentage
 * claim is computed to: two digits past the claim's (enough for an exact
 * verdict, see verdict.c) and at least six for the reader. */
VN_NODISCARD vn_status vn_percent(struct vn_dec a, struct vn_dec b, int scale, struct vn_dec *out);
int vn_percent_scale(const struct vn_item *claimed);
/* Whether any value in [lo, hi] is consistent with the claimed item. */
bool vn_interval_matches(struct vn_dec lo, struct vn_dec hi, struct vn_dec claimed);
/* "43.311,406": Vietnamese notation, for messages. */
void vn_dec_format_vn(struct vn_dec d, char *buf, size_t cap);
/* The number as written. */
void vn_item_text(const struct vn_vctx *c, const struct vn_item *it, char *buf, size_t cap);

/* sums.c, ratios.c, derived.c: each rule family */
VN_NODISCARD vn_status vn_rules_breakdowns(struct vn_vctx *c);
VN_NODISCARD vn_status vn_rules_children(struct vn_vctx *c);
VN_NODISCARD vn_status vn_rules_sections(struct vn_vctx *c);
VN_NODISCARD vn_status vn_rules_ratios(struct vn_vctx *c);
VN_NODISCARD vn_status vn_rules_derived(struct vn_vctx *c);
VN_NODISCARD vn_status vn_rules_tables(struct vn_vctx *c);
VN_NODISCARD vn_status vn_rules_lists(struct vn_vctx *c);
VN_NODISCARD vn_status vn_rules_flowtables(struct vn_vctx *c);
VN_NODISCARD vn_status vn_rules_press(struct vn_vctx *c);   /* press.c: across sentences, shares */
/* restate.c: a figure stated twice (the prose against a table, two tables) */
VN_NODISCARD vn_status vn_rules_restate(struct vn_vctx *c);

/* The first (up to) four bytes, ASCII case-folded, that the words of a
 * table start with: most words of a text are rejected by a byte test and
 * one hash probe before any vocabulary matching. (Upper-case non-ASCII
 * letters after the first byte are not folded: an all-capitals "GỒM" is
 * not read as a link word.) */
#define VN_PREFIX_SLOTS 512
#define VN_PREFIX_PAIRS 16
struct vn_prefix_set {
    uint64_t slot[VN_PREFIX_SLOTS];     /* bytes | length << 32; 0: empty */
    bool first[256];
    uint8_t lens;                       /* bit L: some key has L bytes */
    /* the distinct first two bytes (and their capitalised form), for a
       vectorised search; more than VN_PREFIX_PAIRS: search byte by byte */
    uint8_t pair[VN_PREFIX_PAIRS][2];
    size_t n_pairs;
};

struct vn_validator {
    const struct vn_vocab *vocab;
    unsigned threads;               /* 2: the rule groups at the same time */
    struct vn_prefix_set lists;     /* "trong đó", "gồm", ...: lists of parts */
    struct vn_prefix_set labels;    /* roles.tsv and links.tsv */
    struct vn_log log;              /* the caller's log (timing, debug topics) */
    const struct vn_catalog *cat;   /* the messages' language; NULL: English */
};

/* The catalog the messages of a run are written with (common/i18n.h):
 * vn_tr(VN_CAT(c), "format") keeps the format a literal the compiler
 * checks. */
#define VN_CAT(c) ((c)->v->cat)

static inline uint64_t vn_prefix_key(const char *s, size_t o, size_t end, unsigned len)
{
    uint64_t k = 0;
    for (unsigned i = 0; i < len; i++) {
        if (o + i >= end)
            return 0;
        unsigned char b = (unsigned char)s[o + i];
        if (b >= 'A' && b <= 'Z')
            b |= 32;
        k |= (uint64_t)b << (8 * i);
    }
    return k | (uint64_t)len << 32;
}

static inline size_t vn_prefix_hash(uint64_t k)
{
    return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 55) & (VN_PREFIX_SLOTS - 1);
}

static inline bool vn_prefix_maybe(const struct vn_prefix_set *p, const char *s, size_t o, size_t end)
{
    if (!p->first[(unsigned char)s[o]])
        return false;
    for (unsigned len = 1; len <= 4; len++) {
        if (!((p->lens >> len) & 1))
            continue;
        uint64_t k = vn_prefix_key(s, o, end, len);
        if (!k)
            return false;
        for (size_t h = vn_prefix_hash(k); p->slot[h]; h = (h + 1) & (VN_PREFIX_SLOTS - 1))
            if (p->slot[h] == k)
                return true;
    }
    return false;
}

/* ==== suspect.c: which figure of an inconsistent relation is the typo ====
 * The checks are kept as they are emitted (vn_suspect_note, from vn_emit);
 * after every rule has run, vn_suspect_resolve looks, for each inconsistent
 * check, for the one figure that a single typing slip (enum vn_typo_kind)
 * explains, cross-checked against every other check that figure is in, and
 * fills the check's `suspects`. docs/VALIDATION.md, "Suspect figures". */

/* A number one typing slip away from a written one. */
struct vn_typo_edit {
    enum vn_typo_kind kind;
    struct vn_dec value;        /* the corrected number (sign kept) */
    char text[64];              /* written the way the original is */
};
typedef bool (*vn_typo_fn)(void *ctx, const struct vn_typo_edit *e);
/* Calls fn for every number that differs from the written number s[0, n)
 * ("1.229", "64,67", "-16,74") by one changed digit, two adjacent digits
 * swapped, one digit left out (a digit inserted) or one digit too many (a
 * digit removed); never a new leading zero, never the same value twice for
 * a kind, never the original value. Returns false, calling nothing, when
 * s is not a plain Vietnamese number of at most VN_TYPO_MAX_DIGITS digits.
 * fn returns false to stop. */
#define VN_TYPO_MAX_DIGITS 30
bool vn_typo_edits(const char *s, size_t n, vn_typo_fn fn, void *ctx);
/* v written the way s[0, n) is written (thousands grouped or not), with
 * `scale` decimals (v is rescaled; false if that would lose digits or s
 * is not a plain number). */
bool vn_typo_format_like(const char *s, size_t n, struct vn_dec v, int scale, char *buf, size_t cap);

struct vn_check;
VN_NODISCARD vn_status vn_suspect_note(struct vn_vctx *c, const struct vn_relation_draft *d, struct vn_check *chk);
VN_NODISCARD vn_status vn_suspect_resolve(struct vn_vctx *c);
void vn_suspect_free(struct vn_vctx *c);

#endif
