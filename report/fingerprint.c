/* Content fingerprints of findings.
 *
 * What goes in: a version tag, the rule, the normalized statement and the
 * figures, each ended by a NUL byte, hashed twice FNV-1a style (two bases,
 * two multipliers), each half finished by the splitmix64 mixer. 128 bits keep accidental
 * matches out of any realistic baseline. The statement is a sentence, not
 * the whole line: a paragraph of a DOCX is one line, and editing another
 * of its sentences must not bring an accepted finding back. */
#include <string.h>

#include "report/fingerprint.h"
#include "vnaudit/normalize.h"
#include "vnaudit/validate.h"

#define FNV_PRIME 0x100000001b3ull
#define VN_STATEMENT_REACH 1000u

struct hasher {
    uint64_t a, b;
};

static void feed(struct hasher *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h->a = (h->a ^ s[i]) * FNV_PRIME;
        h->b = (h->b ^ s[i]) * 0x9e3779b97f4a7c15ull;   /* another odd multiplier: the halves differ */
    }
}

static void feed_field(struct hasher *h, const void *p, size_t n)
{
    feed(h, p, n);
    feed(h, "", 1);
}

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* a sentence ends at . ! ? ; followed by a blank (a '.' inside "1.250" is
   not followed by one) */
static bool ends_sentence(const char *s, size_t i, size_t end)
{
    return (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';') && i + 1 < end && blank(s[i + 1]);
}

void vn_statement_of(const struct vn_records *r, const struct vn_record *rec, size_t *start, size_t *end)
{
    const struct vn_normtext *t = r->text;
    size_t off = rec->text.off <= t->len ? rec->text.off : t->len;
    size_t line = t->n_lines ? vn_normtext_line_of(t, off) : 1;
    size_t ls = t->n_lines ? t->line_start[line - 1] : 0;
    size_t le = t->n_lines && line < t->n_lines ? t->line_start[line] : t->len;
    while (le > ls && t->data[le - 1] == '\n')
        le--;
    /* at most VN_STATEMENT_REACH bytes each side: work stays bounded on a
       line of megabytes, and such a "sentence" is still the same text
       wherever the line moves */
    size_t lo = off - ls > VN_STATEMENT_REACH ? off - VN_STATEMENT_REACH : ls;
    size_t a = off;
    while (a > lo && !ends_sentence(t->data, a - 1, le))
        a--;
    while (a > ls && ((unsigned char)t->data[a] & 0xC0) == 0x80)
        a--;
    size_t b = off + rec->text.len <= le ? off + rec->text.len : le;
    size_t hi = le - b > VN_STATEMENT_REACH ? b + VN_STATEMENT_REACH : le;
    while (b < hi && !ends_sentence(t->data, b, le))
        b++;
    while (b < le && ((unsigned char)t->data[b] & 0xC0) == 0x80)
        b++;
    if (b < le && ends_sentence(t->data, b, le))
        b++;    /* the mark that ends it */
    while (a < b && (t->data[a] == ' ' || t->data[a] == '\t'))
        a++;
    *start = a;
    *end = b;
}

/* Length of a list marker at s[i] ("1.", "1.2.", "II.", "a)", "-", "+",
   "•") with the blanks after it; 0 when there is none. */
static size_t marker_len(const char *s, size_t i, size_t end)
{
    size_t j = i;
    if (j < end && (s[j] == '-' || s[j] == '+' || s[j] == '*')) {
        j++;
    } else if (end - j >= 3 && (!memcmp(s + j, "•", 3) || !memcmp(s + j, "–", 3))) {
        j += 3;
    } else {
        size_t k = j;
        for (;;) {     /* 1.  1.2.  II.  a)  b. */
            size_t d = k;
            while (d < end && ((s[d] >= '0' && s[d] <= '9') || s[d] == 'I' || s[d] == 'V' || s[d] == 'X'))
                d++;
            if (d == k && d < end && s[d] >= 'a' && s[d] <= 'z')
                d++;
            if (d == k || d >= end || (s[d] != '.' && s[d] != ')'))
                break;
            k = d + 1;
        }
        j = k;
    }
    if (j == i || j >= end || !blank(s[j]))
        return 0;
    while (j < end && blank(s[j]))
        j++;
    return j - i;
}

/* The statement with its leading markers left out, blanks folded to one
   space, and a final mark dropped. */
static void feed_statement(struct hasher *h, const char *s, size_t a, size_t b)
{
    while (a < b && blank(s[a]))
        a++;
    for (size_t m; a < b && (m = marker_len(s, a, b)) > 0;)
        a += m;
    while (b > a && (blank(s[b - 1]) || s[b - 1] == '.' || s[b - 1] == ';'))
        b--;
    size_t run = a;
    for (size_t i = a; i < b; i++) {
        if (!blank(s[i]))
            continue;
        feed(h, s + run, i - run);
        feed(h, " ", 1);
        while (i + 1 < b && blank(s[i + 1]))
            i++;
        run = i + 1;
    }
    feed(h, s + run, b - run);
    feed(h, "", 1);
}

struct vn_fp vn_fingerprint(const struct vn_records *r, const struct vn_record *rec, const char *rule)
{
    struct hasher h = {0xcbf29ce484222325ull, 0x84222325cbf29ce4ull};
    const char *s = r->text->data;
    feed_field(&h, "vnaudit-fp-1", 12);
    feed_field(&h, rule, strlen(rule));
    size_t a, b;
    vn_statement_of(r, rec, &a, &b);
    feed_statement(&h, s, a, b);
    if (rec->type == VN_REC_CHECK) {
        const struct vn_check *c = rec->u.check;
        char num[VN_DEC_STRLEN];
        feed_field(&h, s + c->claimed.off, c->claimed.len);
        feed_field(&h, num, vn_dec_format(c->computed, num));
        for (size_t i = 0; i < c->n_operands; i++)
            feed_field(&h, s + c->operands[i].off, c->operands[i].len);
    } else {
        feed_field(&h, s + rec->text.off, rec->text.len);
    }
    return (struct vn_fp){mix(h.a), mix(h.b ^ 0x9e3779b97f4a7c15ull)};
}

void vn_fp_hex(struct vn_fp f, char out[VN_FP_HEX + 1])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[i] = hex[(f.hi >> (60 - 4 * i)) & 15];
        out[16 + i] = hex[(f.lo >> (60 - 4 * i)) & 15];
    }
    out[VN_FP_HEX] = '\0';
}

bool vn_fp_parse(const char *s, size_t n, struct vn_fp *out)
{
    if (n != VN_FP_HEX)
        return false;
    uint64_t v[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F'                    ? (unsigned)(c - 'A' + 10)
                                                                : 16u;
        if (d == 16)
            return false;
        v[i / 16] = v[i / 16] << 4 | d;
    }
    out->hi = v[0];
    out->lo = v[1];
    return true;
}
