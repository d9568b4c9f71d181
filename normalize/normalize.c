/* normalize: NFC, space/dash/zero-width clean-up and markup removal, one
 * line at a time so that line numbers never move.
 *
 * A 64 Ki-entry class table, built once from ICU's data, says for each BMP
 * code point whether it might not be NFC (NFC_QC != Yes or a non-zero
 * combining class), is a space or dash variant, or is to be dropped. A line
 * whose every code point has class 0 and no markup byte is copied as is.
 * With AVX2, a scan of the whole text 32 bytes at a time
 * (normalize_blocks()) finds the lines that may need work, so the others
 * are never looked at one code point at a time; without it, every line is
 * classified (normalize_lines()). Lines whose only non-NFC characters are
 * marks after ordinary starters are composed in compose.c; only the rest go
 * through ICU (UTF-8 -> UTF-16 -> unorm2_normalize -> UTF-8), in chunks cut
 * at NFC boundaries so a huge line needs scratch memory for one chunk only
 * (a chunk grows past its limit only to hold a whole combining sequence). */
#include "common/alloc.h"
#include "vnaudit/normalize.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "common/utf8.h"
#include "common/utf8_simd.h"
#include "normalize/normalize_internal.h"

#define CHUNK_BYTES (64u * 1024u)

static uint8_t classify(const UNormalizer2 *nfd, UChar32 c)
{
    uint8_t k = 0;
    if (c < 0x80) {
        if (c == '*' || c == '$' || c == '\\')
            k |= CLS_MARKUP;
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            k |= CLS_CTRL;
        return k;
    }
    int qc = u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK);
    uint8_t cc = u_getCombiningClass(c);
    if (qc != UNORM_YES || cc != 0)
        k |= CLS_NFC;
    /* what the mark-composition fast path does not handle: characters that
       NFC replaces, and starters that combine with what precedes them */
    if (qc == UNORM_NO || (qc == UNORM_MAYBE && cc == 0))
        k |= CLS_HARD;
    UChar d[8];
    UErrorCode ue = U_ZERO_ERROR;
    if (unorm2_getRawDecomposition(nfd, c, d, 8, &ue) > 0 || ue == U_BUFFER_OVERFLOW_ERROR)
        k |= CLS_DECOMP;
    if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000 ||
        c == 0x1680)
        k |= CLS_SPACE;
    else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D)
        k |= CLS_DASH;
    else if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD)
        k |= CLS_DROP;
    else if ((c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029)
        k |= CLS_CTRL;
    return k;
}

/* The block scan (normalize_blocks()) passes over ASCII other than
 * controls and markup, U+00C0..U+02FF and U+1E80..U+1EFF, taking them to
 * need nothing, and sends lines whose only other bytes are markup bytes
 * to the markup pass alone. Whether this ICU's data agrees: */
static bool fast_ranges_hold(const struct vn_normalizer *n)
{
    const uint8_t effect = CLS_NFC | CLS_MAP | CLS_MARKUP;  /* what line_out() looks at */
    for (uint32_t c = 0; c < 0x80; c++) {
        bool markup = c == '*' || c == '$' || c == '\\';
        bool plain = c == '\t' || c == '\n' || (c >= 0x20 && c < 0x7F && !markup);
        if ((plain && (n->cls[c] & effect)) || (markup && (n->cls[c] & effect) != CLS_MARKUP))
            return false;
    }
    for (uint32_t c = 0xC0; c <= 0x2FF; c++)
        if (n->cls[c] & effect)
            return false;
    for (uint32_t c = 0x1E80; c <= 0x1EFF; c++)
        if (n->cls[c] & effect)
            return false;
    return true;
}

vn_status vn_normalizer_new(struct vn_normalizer **out)
{
    *out = NULL;
    struct vn_normalizer *n = vn_calloc(1, sizeof *n);
    if (!n)
        return VN_ENOMEM;
    UErrorCode ue = U_ZERO_ERROR;
    n->nfc = unorm2_getNFCInstance(&ue);
    if (!U_FAILURE(ue))
        n->nfd = unorm2_getNFDInstance(&ue);
    if (U_FAILURE(ue)) {
        vn_free(n);
        return VN_EICU;
    }
    n->cls = vn_malloc(0x10000);
    if (!n->cls) {
        vn_free(n);
        return VN_ENOMEM;
    }
    n->ccc = vn_malloc(0x10000);
    if (U_FAILURE(ue) || !n->ccc) {
        vn_normalizer_free(n);
        return U_FAILURE(ue) ? VN_EICU : VN_ENOMEM;
    }
    for (UChar32 c = 0; c < 0x10000; c++) {
        n->cls[c] = classify(n->nfd, c);
        n->ccc[c] = u_getCombiningClass(c);
    }
    for (size_t i = 0; i < VN_PAIR_CACHE; i++)
        n->pairs[i].a = UINT32_MAX;
    for (size_t i = 0; i < sizeof n->segs / sizeof n->segs[0]; i++)
        n->segs[i].key = UINT32_MAX;
    n->fast = fast_ranges_hold(n);
    n->cc_marks = true;
    for (uint32_t c = 0x300; c <= 0x33F; c++)
        n->cc_marks &= n->ccc[c] != 0 && n->cls[c] == CLS_NFC;
    vn_buf_init(&n->tmp1, 0);
    vn_buf_init(&n->tmp2, 0);
    vn_buf_init(&n->order, 0);
    *out = n;
    return VN_OK;
}

void vn_normalizer_free(struct vn_normalizer *n)
{
    if (!n)
        return;
    vn_free(n->cls);
    vn_free(n->ccc);
    vn_free(n->u16);
    vn_free(n->u16out);
    vn_buf_free(&n->tmp1);
    vn_buf_free(&n->tmp2);
    vn_buf_free(&n->order);
    vn_free(n->scratch);
    vn_free(n);
}

uint8_t vn_norm_class(const struct vn_normalizer *n, uint32_t cp)
{
    if (cp < 0x10000)
        return n->cls[cp];
    return classify(n->nfd, (UChar32)cp);
}

static vn_status grow_u16(UChar **p, int32_t *cap, int64_t need)
{
    if (need <= *cap)
        return VN_OK;
    if (need > INT32_MAX / 2)
        return VN_ETOOBIG;
    UChar *q = vn_realloc(*p, (size_t)need * sizeof(UChar));
    if (!q)
        return VN_ENOMEM;
    *p = q;
    *cap = (int32_t)need;
    return VN_OK;
}

/* NFC of one chunk (no boundary problems inside), appended to out. */
static vn_status nfc_chunk(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out)
{
    bool ordered;
    vn_status st = vn_order_mark_runs(n, s, len, &n->order, &ordered);
    if (st)
        return st;
    if (ordered) {
        s = n->order.data;
        len = n->order.len;
    }
    if ((st = grow_u16(&n->u16, &n->u16cap, (int64_t)len + 1)))
        return st;
    UErrorCode ue = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(n->u16, n->u16cap, &ulen, s, (int32_t)len, &ue);
    if (U_FAILURE(ue))
        return VN_EICU;
    /* NFC expands by at most 3x */
    if ((st = grow_u16(&n->u16out, &n->u16outcap, (int64_t)ulen * 3 + 1)))
        return st;
    ue = U_ZERO_ERROR;
    int32_t olen = unorm2_normalize(n->nfc, n->u16, ulen, n->u16out, n->u16outcap, &ue);
    if (U_FAILURE(ue))
        return VN_EICU;
    if ((st = vn_buf_reserve(out, (size_t)olen * 3 + 1)))
        return st;
    int32_t blen = 0;
    ue = U_ZERO_ERROR;
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), &blen, n->u16out, olen, &ue);
    if (U_FAILURE(ue))
        return VN_EICU;
    out->len += (size_t)blen;
    out->data[out->len] = '\0';
    return VN_OK;
}

/* Whether NFC has a boundary before s[i] (the start of a code point): an
 * ASCII byte always does; another code point when ICU says so. */
static bool boundary_at(const struct vn_normalizer *n, const char *s, size_t len, size_t i)
{
    if ((unsigned char)s[i] < 0x80)
        return true;
    uint32_t cp;
    return vn_utf8_decode((const unsigned char *)s + i, len - i, &cp) &&
           unorm2_hasBoundaryBefore(n->nfc, (UChar32)cp);
}

/* Where to cut a long line (len > limit) so that no chunk splits a
 * combining sequence, whose marks NFC reorders and composes as a whole: the
 * last boundary in (limit/2, limit], else the first one after limit, else
 * the end of the line. A chunk is then longer than `limit` only by one
 * sequence (a flood of marks), and it is never cut inside. */
static size_t chunk_cut(const struct vn_normalizer *n, const char *s, size_t len, size_t limit)
{
    for (size_t i = limit; i > limit / 2; i--)
        if ((unsigned char)s[i] < 0x80)
            return i;
    size_t i = limit;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    for (size_t j = i; j > limit / 2; j = vn_utf8_prev(s, j))
        if (boundary_at(n, s, len, j))
            return j;
    for (size_t j = i; j < len; j++)
        if (((unsigned char)s[j] & 0xC0) != 0x80 && boundary_at(n, s, len, j))
            return j;
    return len;
}

static vn_status nfc_line(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out)
{
    while (len > CHUNK_BYTES) {
        size_t cut = chunk_cut(n, s, len, CHUNK_BYTES);
        if (cut == 0)
            cut = len;
        vn_status st = nfc_chunk(n, s, cut, out);
        if (st)
            return st;
        s += cut;
        len -= cut;
    }
    return len ? nfc_chunk(n, s, len, out) : VN_OK;
}

/* Space, dash, zero-width and control mapping. */
static vn_status map_line(const struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out)
{
    vn_status st = vn_buf_reserve(out, len);
    if (st)
        return st;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t l = 1;
        if (c >= 0x80) {
            l = vn_utf8_decode((const unsigned char *)s + i, len - i, &cp);
            if (!l) {   /* cannot happen after ingest; keep the byte */
                cp = c;
                l = 1;
            }
        }
        uint8_t k = vn_norm_class(n, cp);
        if (k & (CLS_SPACE | CLS_CTRL))
            out->data[out->len++] = ' ';
        else if (k & CLS_DASH)
            out->data[out->len++] = '-';
        else if (!(k & CLS_DROP)) {
            memcpy(out->data + out->len, s + i, l);
            out->len += l;
        }
        i += l;
    }
    out->data[out->len] = '\0';
    return VN_OK;
}

static vn_status push_line_start(uint32_t **ls, size_t *n, size_t *cap, size_t off)
{
    if (off > UINT32_MAX)
        return VN_ETOOBIG;
    if (!vn_grow((void **)ls, cap, *n + 1, sizeof **ls))
        return VN_ENOMEM;
    (*ls)[(*n)++] = (uint32_t)off;
    return VN_OK;
}

/* The classes of a line's code points, or'ed. */
static uint8_t line_flags(const struct vn_normalizer *n, const unsigned char *u, size_t llen)
{
    uint8_t flags = 0;
    for (size_t i = 0; i < llen;) {
        unsigned char c = u[i];
        if (c < 0x80) {
            flags |= n->cls[c];
            i++;
        } else if (c < 0xE0 && i + 1 < llen) {
            flags |= n->cls[((c & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu)];
            i += 2;
        } else if (c < 0xF0 && i + 2 < llen) {
            flags |= n->cls[((c & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu)];
            i += 3;
        } else {
            uint32_t cp;
            size_t l = vn_utf8_decode(u + i, llen - i, &cp);
            flags |= l ? vn_norm_class(n, cp) : CLS_NFC;   /* odd bytes: let ICU see them */
            i += l ? l : 1;
        }
    }
    return flags;
}

/* Appends line line_no (p[0 .. llen), no '\n') normalized to b, given the
 * classes of its code points. */
static vn_status line_out(struct vn_normalizer *n, struct vn_normtext *t, uint8_t flags, const char *p, size_t llen,
                          size_t line_no, struct vn_buf *b)
{
    if (!flags)
        return vn_buf_append(b, p, llen);
    const char *src = p;
    size_t slen = llen;
    vn_status st;
    if (flags & CLS_NFC) {
        /* straight into b when nothing else is to be done */
        bool direct = !(flags & (CLS_MAP | CLS_MARKUP));
        struct vn_buf *dst = direct ? b : &n->tmp1;
        size_t base = direct ? b->len : 0;
        dst->len = base;
        /* marks after ordinary letters (all of Vietnamese NFD) are
           composed here; anything else goes to ICU */
        st = (flags & CLS_HARD) ? VN_ESYNTAX : vn_compose_line(n, src, slen, dst);
        if (st == VN_ESYNTAX) {
            dst->len = base;
            st = nfc_line(n, src, slen, dst);
        }
        if (st)
            return st;
        if (t->was_nfc && (dst->len - base != slen || memcmp(dst->data + base, src, slen) != 0)) {
            t->first_non_nfc_line = line_no;
            t->was_nfc = false;
        }
        if (direct)
            return VN_OK;
        src = n->tmp1.data;
        slen = n->tmp1.len;
    }
    if (flags & CLS_MAP) {
        n->tmp2.len = 0;
        if ((st = map_line(n, src, slen, &n->tmp2)))
            return st;
        src = n->tmp2.data;
        slen = n->tmp2.len;
    }
    if (flags & CLS_MARKUP)
        return vn_markup_strip_line(src, slen, b, &t->n_markup_removed);
    return vn_buf_append(b, src, slen);
}

/* Line by line: each line's code points classified one by one. */
static vn_status normalize_lines(struct vn_normalizer *n, struct vn_normtext *t, const char *in, size_t len,
                                 struct vn_buf *b, size_t *ls_cap)
{
    vn_status st = VN_OK;
    size_t line_no = 0;
    const char *p = in, *end = in + len;
    while (!st) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (p == end && !nl && line_no > 0)
            break;  /* text ended with '\n': no further line */
        line_no++;
        if ((st = push_line_start(&t->line_start, &t->n_lines, ls_cap, b->len)))
            break;
        size_t llen = (size_t)(le - p);
        st = line_out(n, t, line_flags(n, (const unsigned char *)p, llen), p, llen, line_no, b);
        if (st || !nl)
            break;
        st = vn_buf_putc(b, '\n');
        p = nl + 1;
    }
    return st;
}

#ifdef VN_HAVE_AVX2_CODE
/* The whole text 32 bytes at a time. Most lines of a report need nothing:
 * their bytes are ASCII other than controls and markup, or the letters
 * U+00C0..U+02FF and U+1E80..U+1EFF (all of Vietnamese in NFC), and they
 * stay where they are, copied in one piece with their neighbours when a
 * line that needs work comes (or at the end). The block tests mark, per
 * byte: newlines; markup bytes (* $ \); and anything else that might need
 * work, or be badly formed UTF-8. A line with markup bytes only is given
 * to the markup pass; a line with anything else to line_flags() and
 * line_out(), as in normalize_lines(), which gives the same text for every
 * line (tests/unit/test_fastpath.c compares the two). */

struct scan {
    struct vn_normalizer *n;
    struct vn_normtext *t;
    struct vn_buf *b;
    size_t *ls_cap;
    const char *in;
    size_t len;
    size_t copied;  /* in[0 .. copied) is in b, the rest is to be copied as is */
    size_t line;    /* start of the current line in `in` */
    /* the current line so far: */
    uint8_t flags;  /* the classes of the code points the blocks pointed at */
    bool markup;    /* a markup byte */
    bool whole;     /* badly formed UTF-8: classify the whole line (line_flags()) */
    bool borrow;    /* the caller lets the result share `in` when nothing changed */
    bool same;      /* set at the end: nothing changed, b holds nothing */
};

/* The block scan points at byte q of the current line: the code point
 * that holds it is classified. */
static void scan_note(struct scan *S, size_t q)
{
    const unsigned char *u = (const unsigned char *)S->in;
    size_t c = q;
    if (q >= S->len) {  /* the padding after a cut-off sequence */
        S->whole = true;
        return;
    }
    while (c > S->line && q - c < 3 && (u[c] & 0xC0) == 0x80)
        c--;
    uint32_t cp;
    size_t l;
    if (u[c] >= 0xC2 && u[c] <= 0xDF && c + 1 < S->len && (u[c + 1] & 0xC0) == 0x80) {
        cp = (uint32_t)(u[c] & 0x1F) << 6 | (u[c + 1] & 0x3Fu);   /* the marks, inline */
        l = 2;
    } else {
        l = vn_utf8_decode(u + c, S->len - c, &cp);
    }
    if (l && c + l > q)
        S->flags |= vn_norm_class(S->n, cp);
    else
        S->whole = true;
}

/* The current line ends at `end` (its '\n' or the end of the text). */
static vn_status scan_end_line(struct scan *S, size_t end)
{
    uint8_t flags = S->flags | (S->markup ? CLS_MARKUP : 0);
    bool whole = S->whole;
    S->flags = 0;
    S->markup = S->whole = false;
    if (!whole && !(flags & (CLS_NFC | CLS_MAP | CLS_MARKUP)))
        return VN_OK;   /* as it is: copied with its neighbours */
    vn_status st = vn_buf_append(S->b, S->in + S->copied, S->line - S->copied);
    const char *p = S->in + S->line;
    size_t llen = end - S->line;
    if (st)
        return st;
    if (whole)
        flags = line_flags(S->n, (const unsigned char *)p, llen);
    S->copied = end;
    return line_out(S->n, S->t, flags, p, llen, S->t->n_lines, S->b);
}

/* The bytes the masks of a block (at `at`) point at, all on the current
 * line. */
static void scan_marks(struct scan *S, size_t at, uint32_t other, uint32_t bad, uint32_t mk, uint32_t cc)
{
    S->whole |= bad != 0;
    S->markup |= mk != 0;
    /* CC starts the marks U+0300..U+033F (its second byte is checked by
       `bad`): need NFC, nothing else */
    if (S->n->cc_marks)
        S->flags |= cc ? CLS_NFC : 0;
    else
        other |= cc;
    for (; other && !S->whole; other &= other - 1)
        scan_note(S, at + (unsigned)__builtin_ctz(other));
}

/* A block whose masks are not all empty: the lines that end in it. */
static vn_status scan_events(struct scan *S, size_t at, uint32_t nl, uint32_t other, uint32_t bad, uint32_t mk,
                             uint32_t cc)
{
    if (nl && !(other | bad | mk | cc) && !S->flags && !S->markup && !S->whole) {
        /* nothing but line ends, on lines that need nothing: each is copied
           as it is (scan_end_line() would do nothing), only its start is
           kept (texts of short lines: a line at a time cost a third of
           the pass) */
        if (!vn_grow((void **)&S->t->line_start, S->ls_cap, S->t->n_lines + 32, sizeof *S->t->line_start))
            return VN_ENOMEM;
        uint32_t *ls = S->t->line_start + S->t->n_lines;
        size_t n = 0;
        for (; nl; nl &= nl - 1) {
            size_t start = at + (unsigned)__builtin_ctz(nl) + 1;
            size_t off = S->b->len + (start - S->copied);   /* where it starts in the output */
            S->line = start;
            if (start >= S->len)
                break;
            if (off > UINT32_MAX) {
                S->t->n_lines += n;
                return VN_ETOOBIG;
            }
            ls[n++] = (uint32_t)off;
        }
        S->t->n_lines += n;
        return VN_OK;
    }
    while (nl) {
        unsigned pos = (unsigned)__builtin_ctz(nl);
        uint32_t upto = pos == 31 ? UINT32_MAX : (2u << pos) - 1;  /* bytes 0 .. pos */
        scan_marks(S, at, other & upto, bad & upto, mk & upto, cc & upto);
        other &= ~upto;
        bad &= ~upto;
        mk &= ~upto;
        cc &= ~upto;
        vn_status st = scan_end_line(S, at + pos);
        if (st)
            return st;
        S->line = at + pos + 1;
        if (S->line < S->len &&
            (st = push_line_start(&S->t->line_start, &S->t->n_lines, S->ls_cap, S->b->len + (S->line - S->copied))))
            return st;
        nl &= nl - 1;
    }
    scan_marks(S, at, other, bad, mk, cc);
    return VN_OK;
}

/* A block with something in it: its offset and its masks (bit k: byte k). */
struct block_ev {
    size_t at;
    uint32_t nl, other, bad, mk, cc;
};

#define EV_CHUNK 16384  /* bytes scanned before their events are handled */

/* Scans the 32-byte blocks of u[0 .. n) (n a multiple of 32), the 32
 * bytes before u being *prev, and records the blocks with something in
 * them (at most n / 32) in ev; returns how many. No calls inside, so that
 * the tables stay in registers. */
static VN_AVX2 size_t scan_blocks(const unsigned char *u, size_t n, __m256i *prevp, struct block_ev *ev)
{
#define NIB(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
    _mm256_setr_epi8(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)
    /* bytes that may need work, as (high nibble, low nibble) pairs: a bit
       set in both tables' entries. 1: controls 0x00-0x08, 0x0B-0x0F;
       2: 0x10-0x1F; 4: DEL; 8: C0-C2 and CC-CF (C0, C1 are never UTF-8;
       C2 starts U+0080-U+00BF: controls, NBSP, soft hyphen; CC, CD start
       the combining marks); 16: D0-DF (other scripts); 32: E0 and E2-EF
       (E2: spaces, dashes, invisibles); 64: F0-FF. E1 is looked at with
       its second byte. */
    const __m256i cls_hi = NIB(1, 2, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 8, 16, 32, 64);
#define A_ (1 | 2 | 16 | 32 | 64)   /* every low nibble has these but 1 for TAB, LF; 32 for E1 */
    const __m256i cls_lo = NIB(A_ | 8, (A_ & ~32) | 8, A_ | 8, A_, A_, A_, A_, A_, A_, A_ & ~1, A_ & ~1, A_, A_ | 8,
                               A_ | 8, A_ | 8, A_ | 4 | 8);
#undef A_
    /* markup bytes: a byte equals its low nibble's entry only if it is
       '$' (0x24), '*' (0x2A) or '\' (0x5C); bytes >= 0x80 look up zero */
    const __m256i mk_tab = NIB(-1, -1, -1, -1, 0x24, -1, -1, -1, -1, -1, 0x2A, -1, 0x5C, -1, -1, -1);
#undef NIB
    const __m256i lo4 = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    const __m256i nl_v = _mm256_set1_epi8('\n'), e1 = _mm256_set1_epi8((char)0xE1);
    const __m256i fe = _mm256_set1_epi8((char)0xFE), ba = _mm256_set1_epi8((char)0xBA);
    const __m256i sub1 = _mm256_set1_epi8(0x40), sub2 = _mm256_set1_epi8(0x60);
    const __m256i cc_v = _mm256_set1_epi8((char)0xCC), hi_bit = _mm256_set1_epi8((char)0x80);
    __m256i prev = *prevp;
    size_t k = 0;
    for (size_t i = 0; i < n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(u + i));
        _mm_prefetch((const char *)(u + i + VN_PREFETCH_AHEAD), _MM_HINT_T0);
        __m256i p1 = VN_PREV(v, prev, 1), p2 = VN_PREV(v, prev, 2);
        prev = v;
        /* badly formed: a continuation byte where none is due, or none
           where one is (after a lead byte >= C0, or two after one >= E0).
           Exact for the lead bytes that pass the class test. */
        __m256i due = _mm256_or_si256(_mm256_subs_epu8(p1, sub1), _mm256_subs_epu8(p2, sub2));
        __m256i cont = _mm256_andnot_si256(_mm256_add_epi8(v, v), v);
        __m256i bad = _mm256_xor_si256(due, cont);
        /* E1 starts U+1000-U+1FFF: only E1 BA, E1 BB (U+1E80-U+1EFF) pass */
        __m256i e1_other = _mm256_andnot_si256(_mm256_cmpeq_epi8(_mm256_and_si256(v, fe), ba),
                                               _mm256_cmpeq_epi8(p1, e1));
        __m256i cls = _mm256_and_si256(_mm256_shuffle_epi8(cls_hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), lo4)),
                                       _mm256_shuffle_epi8(cls_lo, _mm256_and_si256(v, lo4)));
        __m256i mk_v = _mm256_cmpeq_epi8(_mm256_shuffle_epi8(mk_tab, v), v), nl_eq = _mm256_cmpeq_epi8(v, nl_v);
        /* most blocks have nothing: one test for them */
        __m256i any = _mm256_or_si256(_mm256_or_si256(_mm256_and_si256(bad, hi_bit), e1_other),
                                      _mm256_or_si256(_mm256_or_si256(mk_v, nl_eq), cls));
        if (_mm256_testz_si256(any, any))
            continue;
        uint32_t cc = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, cc_v));
        uint32_t other = (~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(cls, zero)) & ~cc) |
                         (uint32_t)_mm256_movemask_epi8(e1_other);
        ev[k++] = (struct block_ev){i, (uint32_t)_mm256_movemask_epi8(nl_eq), other,
                                    (uint32_t)_mm256_movemask_epi8(bad), (uint32_t)_mm256_movemask_epi8(mk_v), cc};
    }
    *prevp = prev;
    return k;
}

static VN_AVX2 vn_status normalize_blocks(struct scan *S)
{
    struct block_ev ev[EV_CHUNK / 32];
    const unsigned char *u = (const unsigned char *)S->in;
    __m256i prev = _mm256_setzero_si256();
    size_t whole = S->len & ~(size_t)31;
    for (size_t i = 0;;) {
        bool tail = i == whole;
        size_t k, m = tail ? S->len - i : whole - i < EV_CHUNK ? whole - i : EV_CHUNK;
        if (!tail) {
            k = scan_blocks(u + i, m, &prev, ev);
        } else {
            /* the last bytes, then spaces: a sequence cut off at the end
               shows as badly formed */
            unsigned char last[32];
            memset(last, ' ', sizeof last);
            memcpy(last, u + i, m);
            k = scan_blocks(last, 32, &prev, ev);
        }
        vn_status st = VN_OK;
        for (size_t j = 0; j < k && !st; j++)
            st = scan_events(S, i + ev[j].at, ev[j].nl, ev[j].other, ev[j].bad, ev[j].mk, ev[j].cc);
        if (tail && !st && (S->len == 0 || S->in[S->len - 1] != '\n'))
            st = scan_end_line(S, S->len);
        if (tail && !st) {
            if (S->borrow && S->copied == 0 && S->b->len == 0)
                S->same = true;     /* the text is the input: not copied */
            else
                st = vn_buf_append(S->b, S->in + S->copied, S->len - S->copied);
        }
        if (st || tail)
            return st;
        i += m;
    }
}
#endif

/* Columns are code points from the line's start: on a long line, counting
 * from its start for each record would be quadratic, so the count before
 * every 4 KiB block is kept and a column costs at most two blocks. */
#define CP_BLOCK 4096u

static vn_status build_cp_index(struct vn_normtext *t)
{
    size_t nb = t->len / CP_BLOCK + 1;
    t->cp_index = vn_malloc(nb * sizeof *t->cp_index);
    if (!t->cp_index)
        return VN_ENOMEM;
    uint32_t c = 0;
    for (size_t b = 0; b < nb; b++) {
        t->cp_index[b] = c;
        size_t a = b * CP_BLOCK, e = a + CP_BLOCK < t->len ? a + CP_BLOCK : t->len;
        if (a < e)
            c += (uint32_t)vn_utf8_count(t->data + a, e - a);
    }
    return VN_OK;
}

/* Code points in data[0, off). */
static size_t cp_before(const struct vn_normtext *t, size_t off)
{
    size_t b = off / CP_BLOCK;
    return t->cp_index[b] + vn_utf8_count(t->data + b * CP_BLOCK, off - b * CP_BLOCK);
}

/* A result and whether its data is the caller's (vn_normalize_borrow). */
struct normtext_impl {
    struct vn_normtext pub;
    bool borrowed;
};

static vn_status normalize(struct vn_normalizer *n, const char *in, size_t len, bool borrow,
                           struct vn_normtext **out)
{
    *out = NULL;
    struct normtext_impl *ti = vn_calloc(1, sizeof *ti);
    if (!ti)
        return VN_ENOMEM;
    struct vn_normtext *t = &ti->pub;
    bool same = false;
    t->was_nfc = true;
    struct vn_buf b;
    vn_buf_init(&b, 0);
    size_t ls_cap = 0;
    vn_status st = vn_buf_reserve(&b, len + 1);
    if (!st) {
#ifdef VN_HAVE_AVX2_CODE
        if (n->fast && vn_have_avx2()) {
            struct scan S = {n, t, &b, &ls_cap, in, len, 0, 0, 0, false, false, borrow && in[len] == '\0', false};
            st = push_line_start(&t->line_start, &t->n_lines, &ls_cap, 0);
            if (!st)
                st = normalize_blocks(&S);
            same = S.same;
        } else
#endif
            st = normalize_lines(n, t, in, len, &b, &ls_cap);
    }
    if (st) {
        vn_buf_free(&b);
        vn_free(t->line_start);
        vn_free(ti);
        return st;
    }
    if (same) {
        vn_buf_free(&b);
        t->data = (char *)(uintptr_t)in;
        t->len = len;
        ti->borrowed = true;
    } else {
        t->data = vn_buf_detach(&b, &t->len);
    }
    if (!t->data || (st = build_cp_index(t))) {
        vn_normtext_free(t);
        return VN_ENOMEM;
    }
    *out = t;
    return VN_OK;
}

vn_status vn_normalize(struct vn_normalizer *n, const char *in, size_t len, struct vn_normtext **out)
{
    return normalize(n, in, len, false, out);
}

vn_status vn_normalize_borrow(struct vn_normalizer *n, const char *in, size_t len, struct vn_normtext **out)
{
    return normalize(n, in, len, true, out);
}

void vn_normtext_free(struct vn_normtext *t)
{
    if (!t)
        return;
    struct normtext_impl *ti = (struct normtext_impl *)(void *)t;
    if (!ti->borrowed)
        vn_free(t->data);
    vn_free(t->line_start);
    vn_free(t->cp_index);
    vn_free(ti);
}

size_t vn_normtext_line_of(const struct vn_normtext *t, size_t offset)
{
    size_t lo = 0, hi = t->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->line_start[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

size_t vn_normtext_col_of(const struct vn_normtext *t, size_t line, size_t offset)
{
    size_t start = t->line_start[line - 1];
    if (offset - start < 2 * CP_BLOCK || !t->cp_index || offset > t->len)
        return vn_utf8_count(t->data + start, offset - start) + 1;
    return cp_before(t, offset) - cp_before(t, start) + 1;
}
