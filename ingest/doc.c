/* Word 97-2003 (.doc, [MS-DOC]) read in-process from its OLE2 container
 * (ole2.c): the text of the main document and of the footnotes, laid out
 * by the text builder as DOCX is.
 *
 * The FIB at the start of the WordDocument stream gives the lengths of the
 * text ranges (main document, then footnotes) and where the tables are in
 * the table stream (0Table or 1Table): the piece table (CLX) maps character
 * positions to the bytes holding them, UTF-16LE or 8-bit cp1252 per piece;
 * PlcffndRef and PlcffndTxt place the footnotes. Paragraphs end with 0x0D;
 * a table cell ends with 0x07, and so does a row, told apart by the row-end
 * flag (sprmPFTtp) of the paragraph's properties (PAPX, found through
 * PlcBtePapx and its 512-byte FKP pages); a paragraph inside a cell has
 * sprmPFInTable. Field codes (between 0x13 and 0x14) are dropped, their
 * results kept.
 *
 * Old documents typed in TCVN3 or VNI fonts store the legacy bytes as if
 * they were cp1252 (or as U+00xx): the whole text is scored as it is and
 * through each legacy table (legacy_detect.c), and converted when a table
 * reads clearly better; the font of each run is not read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/utf8.h"
#include "ingest/legacy.h"
#include "ingest/ole2.h"
#include "common/i18n.h"

#define FIELD_DEPTH 16
#define SAMPLE ((size_t)256 << 10)

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static const uint16_t cp1252_hi[32] = {
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
};

struct piece {
    uint32_t cp0, cp1, fc;
    bool compressed;
};

struct word {
    unsigned char *wd, *tbl;
    size_t wd_len, tbl_len;
    struct piece *pieces;
    size_t n_pieces;
    uint32_t ccp_text, ccp_ftn;
    const unsigned char *bte;   /* PlcBtePapx in tbl */
    size_t n_bte;
    uint32_t *ftn_ref, *ftn_txt; /* footnote i: cited at ftn_ref[i], text [ftn_txt[i], ftn_txt[i + 1]) */
    size_t n_ftn;
    /* output */
    struct vn_tb *tb;
    struct vn_legacy_table tab; /* the legacy table the text is read with (enc NONE: as stored) */
    struct vn_buf para;         /* the current paragraph's characters, UTF-8, not yet converted */
    struct vn_buf conv;
    size_t *cites;
    size_t n_cites, cap_cites;
    int depth;
    bool in_code[FIELD_DEPTH];
    bool in_row, cell_open;
    uint32_t table, row, col;
    uint32_t n_para;
    size_t ftn_next;
};

static bool range_ok(size_t off, size_t len, size_t total)
{
    return off <= total && len <= total - off;
}

/* FIB pair i of fibRgFcLcb: offset and length in the table stream. */
static bool fib_pair(const struct word *w, size_t base, unsigned count, unsigned i, uint32_t *fc, uint32_t *lcb)
{
    if (i >= count || !range_ok(base + 8 * (size_t)i, 8, w->wd_len))
        return false;
    *fc = le32(w->wd + base + 8 * (size_t)i);
    *lcb = le32(w->wd + base + 8 * (size_t)i + 4);
    return *lcb && range_ok(*fc, *lcb, w->tbl_len);
}

/* The piece table: the last Pcdt of the CLX. */
static vn_status read_clx(struct word *w, uint32_t fc, uint32_t lcb, struct vn_error *err)
{
    const unsigned char *p = w->tbl + fc, *end = p + lcb;
    while (p < end && *p == 1) {    /* Prc: formatting, skipped */
        if (end - p < 3)
            break;
        p += 3 + le16(p + 1);
    }
    if (p >= end || *p != 2 || end - p < 5)
        return vn_ingest_fail(err, VN_EENCODING, 0, "Word 97-2003 (.doc): no piece table");
    uint32_t len = le32(p + 1);
    p += 5;
    if (len > (size_t)(end - p) || len < 4 || (len - 4) % 12)
        return vn_ingest_fail(err, VN_EENCODING, 0, "Word 97-2003 (.doc): a piece table of the wrong size");
    size_t n = (len - 4) / 12;
    w->pieces = vn_calloc(n ? n : 1, sizeof *w->pieces);
    if (!w->pieces)
        return VN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp0 = le32(p + 4 * i), cp1 = le32(p + 4 * (i + 1));
        uint32_t f = le32(p + 4 * (n + 1) + 8 * i + 2);
        bool comp = (f & 0x40000000u) != 0;
        uint32_t off = comp ? (f & 0x3FFFFFFFu) / 2 : f;
        if (cp1 < cp0 || !range_ok(off, (size_t)(cp1 - cp0) * (comp ? 1 : 2), w->wd_len))
            return vn_ingest_fail(err, VN_EENCODING, 0, "Word 97-2003 (.doc): a text piece outside the document");
        w->pieces[i] = (struct piece){cp0, cp1, off, comp};
    }
    w->n_pieces = n;
    return VN_OK;
}

/* The character at cp, and its byte offset in WordDocument; false past the text. */
static bool char_at(const struct word *w, uint32_t cp, uint32_t *ch, size_t *fc)
{
    size_t lo = 0, hi = w->n_pieces;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < w->pieces[mid].cp0)
            hi = mid;
        else if (cp >= w->pieces[mid].cp1)
            lo = mid + 1;
        else {
            const struct piece *pc = &w->pieces[mid];
            if (pc->compressed) {
                *fc = pc->fc + (cp - pc->cp0);
                unsigned char b = w->wd[*fc];
                *ch = b >= 0x80 && b < 0xA0 ? cp1252_hi[b - 0x80] : b;
            } else {
                *fc = pc->fc + 2 * (size_t)(cp - pc->cp0);
                *ch = le16(w->wd + *fc);
            }
            return true;
        }
    }
    return false;
}

/* Does the paragraph whose mark is at byte fc carry sprm (with a non-zero
 * operand)? Its properties are in the FKP page PlcBtePapx names for fc. */
static bool papx_has(const struct word *w, size_t fc, uint16_t want)
{
    if (!w->n_bte)
        return false;
    size_t k = 0;   /* the last FC <= fc */
    while (k + 1 < w->n_bte && le32(w->bte + 4 * (k + 1)) <= fc)
        k++;
    uint32_t pn = le32(w->bte + 4 * (w->n_bte + 1) + 4 * k) & 0x3FFFFF;
    if (!range_ok((size_t)pn * 512, 512, w->wd_len))
        return false;
    const unsigned char *page = w->wd + (size_t)pn * 512;
    unsigned crun = page[511];
    if (!crun || 4 * (crun + 1) + 13 * crun > 511)
        return false;
    unsigned i = 0;
    while (i + 1 < crun && le32(page + 4 * (i + 1)) <= fc)
        i++;
    unsigned off = 2u * page[4 * (crun + 1) + 13 * i];
    if (!off || off >= 511)
        return false;
    unsigned cb = page[off];
    size_t start = off + 1, len = cb ? 2u * cb - 1 : 0;
    if (!cb) {
        if (off + 1 >= 511)
            return false;
        len = 2u * page[off + 1];
        start = off + 2;
    }
    if (start + len > 511 || len < 2)
        return false;
    const unsigned char *g = page + start + 2, *end = page + start + len;    /* after the istd */
    while (end - g >= 2) {
        uint16_t sprm = le16(g);
        g += 2;
        size_t osz;
        switch (sprm >> 13) {
        case 0: case 1: osz = 1; break;
        case 2: case 4: case 5: osz = 2; break;
        case 3: osz = 4; break;
        case 7: osz = 3; break;
        default:
            if (g >= end)
                return false;
            osz = sprm == 0xD608 && end - g >= 2 ? (size_t)le16(g) + 1u : (size_t)*g + 1u;
        }
        if ((size_t)(end - g) < osz)
            return false;
        if (sprm == want)
            return *g != 0;
        g += osz;
    }
    return false;
}

static vn_status emit(struct word *w, const char *s, size_t n)
{
    if (!n)
        return VN_OK;
    if (!w->tab.enc)
        return vn_tb_text(w->tb, s, n);
    w->conv.len = 0;
    vn_status st = vn_legacy_from_chars(&w->tab, s, n, false, &w->conv);
    return st ? st : vn_tb_text(w->tb, w->conv.data, w->conv.len);
}

/* The characters of one paragraph, its end mark, and where it ends. */
static vn_status paragraph_end(struct word *w, uint32_t mark, size_t fc)
{
    struct vn_tb *tb = w->tb;
    vn_status st = VN_OK;
    w->n_para++;
    bool in_table = mark == 7 || papx_has(w, fc, 0x2416);
    bool row_end = mark == 7 && papx_has(w, fc, 0x2417);
    if (row_end) {
        if (w->in_row && !(st = vn_tb_end_line(tb)))
            st = vn_tb_flush_notes(tb);
        w->in_row = w->cell_open = false;
        w->para.len = 0;
        return st;
    }
    if (in_table) {
        if (!w->in_row) {
            if (!w->row)
                w->table++;
            vn_tb_set_line(tb, VN_PART_NONE, VN_SRC_TABLE_ROW, 0, w->table, ++w->row);
            w->in_row = true;
            w->col = 0;
        }
        if (!w->cell_open && w->col < VN_TB_MAX_COLS) {
            st = vn_tb_cell(tb, ++w->col, w->n_para);
            w->cell_open = true;
        }
        vn_tb_soft_space(tb);
        if (!st)
            st = emit(w, w->para.data, w->para.len);
        if (mark == 7)
            w->cell_open = false;
    } else {
        w->row = 0;     /* the next table row starts a new table */
        vn_tb_set_line(tb, VN_PART_NONE, VN_SRC_PARAGRAPH, w->n_para, 0, 0);
        if (!(st = emit(w, w->para.data, w->para.len)) && !(st = vn_tb_end_line(tb)))
            st = vn_tb_flush_notes(tb);
    }
    w->para.len = 0;
    return st;
}

/* Runs cp over [from, to): notes when diverted to a footnote (no structure). */
static vn_status walk(struct word *w, uint32_t from, uint32_t to, bool note)
{
    vn_status st = VN_OK;
    w->depth = 0;
    for (uint32_t cp = from; cp < to && !st; cp++) {
        uint32_t c;
        size_t fc;
        if (!char_at(w, cp, &c, &fc))
            break;
        if (c >= 0xD800 && c <= 0xDBFF && cp + 1 < to) {
            uint32_t lo;
            size_t fc2;
            if (char_at(w, cp + 1, &lo, &fc2) && lo >= 0xDC00 && lo <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                cp++;
            }
        }
        if (c == 0x13) {
            if (w->depth < FIELD_DEPTH)
                w->in_code[w->depth] = true;
            w->depth++;
            continue;
        }
        if (c == 0x14 || c == 0x15) {
            if (w->depth > 0 && w->depth <= FIELD_DEPTH)
                w->in_code[w->depth - 1] = false;
            if (c == 0x15 && w->depth > 0)
                w->depth--;
            continue;
        }
        bool code = false;
        for (int i = 0; i < w->depth && i < FIELD_DEPTH; i++)
            code |= w->in_code[i];
        if (code)
            continue;
        if (note) {
            if (c == 0x0D || c == 0x07 || c == 0x0B || c == 0x0C) {
                st = emit(w, w->para.data, w->para.len);
                w->para.len = 0;
                vn_tb_soft_space(w->tb);
                continue;
            }
        } else if (c == 0x0D || c == 0x07 || c == 0x0C) {
            st = paragraph_end(w, c == 0x0C ? 0x0D : c, fc);
            continue;
        } else if (c == 0x0B) {
            c = ' ';
        } else if (c == 0x02) {     /* a footnote's mark: the footnote follows the line */
            while (w->ftn_next < w->n_ftn && w->ftn_ref[w->ftn_next] < cp)
                w->ftn_next++;
            size_t idx;
            if (w->ftn_next < w->n_ftn && w->ftn_ref[w->ftn_next] == cp &&
                vn_tb_note_find(w->tb, VN_SRC_FOOTNOTE, (uint32_t)w->ftn_next + 1, &idx))
                st = vn_tb_cite(w->tb, idx);
            continue;
        }
        if (c == 0x09)
            c = ' ';
        else if (c == 0x1E)
            c = '-';
        else if (c == 0x1F)     /* Word's optional hyphen: the soft hyphen U+00AD, which in a TCVN3 font
                                   is the byte of 'ư' (LibreOffice stores 0xAD so); normalize drops it
                                   from Unicode text */
            c = 0xAD;
        if (c < 0x20 && c != ' ')
            continue;
        char enc[4];
        st = vn_buf_append(&w->para, enc, vn_utf8_encode(c, enc));
    }
    if (!st && w->para.len) {   /* text after the last mark */
        if (note)
            st = emit(w, w->para.data, w->para.len);
        else
            st = paragraph_end(w, 0x0D, SIZE_MAX);
        w->para.len = 0;
    }
    return st;
}

static vn_status footnotes(struct word *w)
{
    vn_status st = VN_OK;
    for (size_t i = 0; i < w->n_ftn && !st; i++) {
        uint32_t a = w->ftn_txt[i], b = w->ftn_txt[i + 1];
        if (b < a || b > w->ccp_ftn)
            continue;
        if (!(st = vn_tb_note_begin(w->tb, VN_PART_NONE, VN_SRC_FOOTNOTE, (uint32_t)i + 1))) {
            st = walk(w, w->ccp_text + a, w->ccp_text + b, true);
            vn_tb_note_end(w->tb);
        }
    }
    vn_tb_notes_sort(w->tb);
    return st;
}

/* The main text as stored, a sample for the encoding's choice. */
static vn_status sample_text(struct word *w, struct vn_buf *b)
{
    vn_status st = VN_OK;
    for (uint32_t cp = 0; cp < w->ccp_text && b->len < SAMPLE && !st; cp++) {
        uint32_t c;
        size_t fc;
        if (!char_at(w, cp, &c, &fc))
            break;
        char enc[4];
        if (c < 0x20)
            c = ' ';
        st = vn_buf_append(b, enc, vn_utf8_encode(c, enc));
    }
    return st;
}

/* Chooses the table the text is read with: named, or the legacy table
 * that reads clearly better than the text as stored. */
static vn_status choose_encoding(struct word *w, const char *name, struct vn_text *t, struct vn_error *err)
{
    enum vn_legacy forced = VN_LEGACY_NONE;
    bool is_auto = true;
    if (name && !vn_legacy_parse(name, &forced, &is_auto))
        return vn_ingest_fail(err, VN_EINVAL, 0, "unknown encoding '%s'", name);
    if (forced) {
        snprintf(t->charset_note, sizeof t->charset_note, vn_tr(vn_ingest_catalog(), "converted from %s (named by the caller)"),
                 vn_legacy_name(forced));
        snprintf(t->charset, sizeof t->charset, "%s", vn_legacy_name(forced));
        return vn_legacy_table_load(forced, &w->tab);
    }
    if (!is_auto)
        return VN_OK;
    struct vn_buf b, c;
    vn_buf_init(&b, 0);
    vn_buf_init(&c, 0);
    vn_status st = sample_text(w, &b);
    size_t uw = 0, us = 0, bw = 0, bs = 0;
    enum vn_legacy best = VN_LEGACY_NONE;
    if (!st)
        vn_legacy_score_utf8(b.data ? b.data : "", b.len, &uw, &us);
    for (int e = VN_LEGACY_FIRST; e <= VN_LEGACY_LAST && !st; e++) {
        struct vn_legacy_table tab;
        if ((st = vn_legacy_table_load((enum vn_legacy)e, &tab)))
            break;
        c.len = 0;
        st = vn_legacy_from_chars(&tab, b.data ? b.data : "", b.len, false, &c);
        vn_legacy_table_free(&tab);
        size_t words = 0, syl = 0;
        if (!st)
            vn_legacy_score_utf8(c.data ? c.data : "", c.len, &words, &syl);
        if (syl > bs) {
            best = (enum vn_legacy)e;
            bs = syl;
            bw = words;
        }
    }
    vn_buf_free(&b);
    vn_buf_free(&c);
    if (st || !best)
        return st;
    if (bs >= 3 && bs * 5 >= bw * 4 && bs >= 2 * us + 2) {
        snprintf(t->charset, sizeof t->charset, "%s", vn_legacy_name(best));
        snprintf(t->charset_note, sizeof t->charset_note,
                 vn_tr(vn_ingest_catalog(), "converted from %s, detected from the text: %zu of %zu words read as "
                                            "Vietnamese syllables (%zu of %zu as stored)"),
                 vn_legacy_name(best), bs, bw, us, uw);
        return vn_legacy_table_load(best, &w->tab);
    }
    return VN_OK;
}

static vn_status read_word(struct word *w, const char *encoding, struct vn_text *t, struct vn_error *err)
{
    if (w->wd_len < 0x9A || le16(w->wd) != 0xA5EC)
        return vn_ingest_fail(err, VN_EUNSUPPORTED, 0,
                              "unsupported format: an OLE2 file whose WordDocument stream is not Word 97-2003 "
                              "(Word 6/95 or another program's file); save it as DOCX");
    uint16_t flags = le16(w->wd + 0x0A);
    if (flags & 0x0100)
        return vn_ingest_fail(err, VN_EUNSUPPORTED, 0,
                              "unsupported format: an encrypted (password-protected) Word document");
    /* FibBase (32 bytes), csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + fibRgFcLcb */
    size_t p = 32;
    size_t csw = le16(w->wd + p);
    p += 2 + 2 * csw;
    if (!range_ok(p, 2, w->wd_len))
        return vn_ingest_fail(err, VN_EENCODING, 0, "Word 97-2003 (.doc): a truncated FIB");
    size_t cslw = le16(w->wd + p), lw = p + 2;
    p = lw + 4 * cslw;
    if (cslw < 5 || !range_ok(p, 2, w->wd_len))
        return vn_ingest_fail(err, VN_EENCODING, 0, "Word 97-2003 (.doc): a truncated FIB");
    w->ccp_text = le32(w->wd + lw + 12);
    w->ccp_ftn = le32(w->wd + lw + 16);
    unsigned count = le16(w->wd + p);
    size_t base = p + 2;
    uint32_t fc, lcb;
    if (!fib_pair(w, base, count, 33, &fc, &lcb))
        return vn_ingest_fail(err, VN_EENCODING, 0, "Word 97-2003 (.doc): no piece table (CLX)");
    vn_status st = read_clx(w, fc, lcb, err);
    if (st)
        return st;
    if (fib_pair(w, base, count, 13, &fc, &lcb) && lcb >= 12 && (lcb - 4) % 8 == 0) {
        w->bte = w->tbl + fc;
        w->n_bte = (lcb - 4) / 8;
    }
    uint32_t fr, lr, ft, lt;
    if (w->ccp_ftn && fib_pair(w, base, count, 2, &fr, &lr) && fib_pair(w, base, count, 3, &ft, &lt) && lr >= 10 &&
        (lr - 4) % 6 == 0) {
        size_t n = (lr - 4) / 6;
        if (lt >= 4 * (n + 1)) {
            w->ftn_ref = vn_calloc(n, sizeof *w->ftn_ref);
            w->ftn_txt = vn_calloc(n + 1, sizeof *w->ftn_txt);
            if (!w->ftn_ref || !w->ftn_txt)
                return VN_ENOMEM;
            for (size_t i = 0; i < n; i++)
                w->ftn_ref[i] = le32(w->tbl + fr + 4 * i);
            for (size_t i = 0; i <= n; i++)
                w->ftn_txt[i] = le32(w->tbl + ft + 4 * i);
            w->n_ftn = n;
        }
    }
    if ((st = choose_encoding(w, encoding, t, err)))
        return st;
    if ((st = footnotes(w)))
        return st;
    return walk(w, 0, w->ccp_text, false);
}

vn_status vn_read_doc(const unsigned char *s, size_t n, size_t max_bytes, const char *encoding, struct vn_text *t,
                      struct vn_error *err)
{
    t->format = VN_IN_DOC;
    struct vn_ole2 *o;
    vn_status st = vn_ole2_open(s, n, max_bytes / 2, &o, err);
    if (st)
        return st;
    if (!vn_ole2_has(o, "WordDocument")) {
        vn_ole2_close(o);
        t->format = VN_IN_OLE2;
        return vn_ingest_fail(err, VN_EUNSUPPORTED, 0,
                              "unsupported format: an OLE2 file that is not a Word document (an Excel or "
                              "PowerPoint file?); save it as DOCX or text");
    }
    struct word w = {0};
    struct vn_tb tb;
    vn_tb_init(&tb, max_bytes);
    w.tb = &tb;
    vn_buf_init(&w.para, max_bytes);
    vn_buf_init(&w.conv, max_bytes);
    st = vn_ole2_read(o, "WordDocument", &w.wd, &w.wd_len, err);
    if (!st && w.wd_len >= 12) {
        const char *tname = (le16(w.wd + 0x0A) & 0x0200) ? "1Table" : "0Table";
        st = vn_ole2_read(o, tname, &w.tbl, &w.tbl_len, err);
    }
    vn_ole2_close(o);
    if (!st)
        st = read_word(&w, encoding, t, err);
    if (!st && (st = vn_tb_finish(&tb, t)))
        vn_ingest_fail(err, st, 0, "Word 97-2003 (.doc): the text made from it is over the input limit");
    if (w.tab.enc) {
        /* vn_tb_finish reports runs of DOCX fonts; a .doc's note is set above */
        vn_legacy_table_free(&w.tab);
    }
    vn_tb_free(&tb);
    vn_buf_free(&w.para);
    vn_buf_free(&w.conv);
    vn_free(w.wd);
    vn_free(w.tbl);
    vn_free(w.pieces);
    vn_free(w.ftn_ref);
    vn_free(w.ftn_txt);
    if (st == VN_ETOOBIG && err && !err->message[0])
        vn_ingest_fail(err, st, 0, "Word 97-2003 (.doc): over the input limit");
    return st;
}
