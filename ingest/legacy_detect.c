/* Which legacy encoding a text that is not UTF-8 is in, from its bytes.
 *
 * Each table decodes the first VN_DETECT_SAMPLE bytes; the words of the
 * result that hold a character beyond ASCII are checked against the shape
 * of a Vietnamese syllable: an initial consonant from the alphabet's list,
 * a vowel nucleus from the list of Vietnamese nuclei, a final consonant
 * from its list, and at most one tone. The right table turns nearly every
 * such word into a syllable; a wrong one gives symbols inside words,
 * capitals in the middle, two tones or impossible vowel runs. */
#include <string.h>

#include "common/utf8.h"
#include "ingest/legacy.h"

#define VN_DETECT_SAMPLE ((size_t)256 << 10)
#define VN_WORD_MAX 12      /* code points: no Vietnamese syllable is longer */

/* The 12 vowels, each with its five tones, lower case (NFC). */
static const char *const vowels[12] = {
    "aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị",
    "oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ",
};
/* The vowels as one letter each: a ă â e ê i o ô ơ u ư y -> a A B e E i o O P u U y */
static const char vowel_key[12] = {'a', 'A', 'B', 'e', 'E', 'i', 'o', 'O', 'P', 'u', 'U', 'y'};

/* Vietnamese nuclei (vowel runs), in the keys above. */
static const char *const nuclei[] = {
    "a", "A", "B", "e", "E", "i", "o", "O", "P", "u", "U", "y",
    "ai", "ao", "au", "ay", "Bu", "By", "eo", "Eu", "ia", "iE", "iu", "oa", "oA", "oe", "oi", "oo", "Oi", "Pi",
    "ua", "uB", "uE", "ui", "uO", "uP", "uy", "Ua", "Ui", "UP", "Uu", "yE", "iEu", "oai", "oay", "oeo", "uBy",
    "uOi", "UPi", "UPu", "uya", "uyE", "uyu", "yEu", "uai", "uay", "uao", "uEu", "ueo", "uo",
};
static const char *const initials[] = {
    "", "b", "c", "ch", "d", "D", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph",
    "qu", "r", "s", "t", "th", "tr", "v", "x",
};
static const char *const finals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

struct vowel_map {
    uint32_t cp[12][6];
};

static void vowel_map_init(struct vowel_map *m)
{
    for (int v = 0; v < 12; v++) {
        const unsigned char *p = (const unsigned char *)vowels[v];
        size_t len = strlen(vowels[v]);
        for (int t = 0; t < 6 && len; t++) {
            size_t l = vn_utf8_decode(p, len, &m->cp[v][t]);
            p += l;
            len -= l;
        }
    }
}

static uint32_t lower_vi(uint32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 0x20;
    if (c == 0x102 || c == 0x110 || c == 0x128 || c == 0x168 || c == 0x1A0 || c == 0x1AF)
        return c + 1;
    if (c >= 0x1EA0 && c <= 0x1EF9 && !(c & 1))
        return c + 1;
    return c;
}

static bool in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && !memcmp(list[i], s, n))
            return true;
    return false;
}

/* cps[0..n): one word, lower case. */
static bool is_syllable(const struct vowel_map *m, const uint32_t *cps, size_t n)
{
    char key[VN_WORD_MAX + 1];
    int tones = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        char k = 0;
        if (c == 0x111)
            k = 'D';
        else if (c < 0x80 && c >= 'a' && c <= 'z')
            k = (char)c;
        for (int v = 0; v < 12 && !k; v++)
            for (int t = 0; t < 6; t++)
                if (m->cp[v][t] == c) {
                    k = vowel_key[v];
                    tones += t > 0;
                    break;
                }
        if (!k)
            return false;
        key[i] = k;
    }
    if (tones > 1)
        return false;
    /* initial: the consonants before the first vowel ("gi" and "qu" take
       their vowel as part of the initial when another vowel follows) */
    size_t a = 0;
    while (a < n && !strchr("aABeEioOPuUy", key[a]))
        a++;
    size_t z = a;
    while (z < n && strchr("aABeEioOPuUy", key[z]))
        z++;
    if (z == a)
        return false;
    size_t ini = a;
    if (a + 1 < z && ((a == 1 && key[0] == 'q' && key[1] == 'u') || (a == 1 && key[0] == 'g' && key[1] == 'i')))
        ini = a + 1;
    return in_list(key, ini, initials, sizeof initials / sizeof *initials) &&
           in_list(key + ini, z - ini, nuclei, sizeof nuclei / sizeof *nuclei) &&
           in_list(key + z, n - z, finals, sizeof finals / sizeof *finals);
}

/* Word breaks: ASCII white space, digits and punctuation. Every character
 * beyond ASCII belongs to a word, so a symbol a wrong table puts inside a
 * word spoils it. */
static bool is_break(uint32_t c)
{
    return c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

void vn_legacy_score_utf8(const char *s, size_t n, size_t *words, size_t *syllables)
{
    struct vowel_map m;
    vowel_map_init(&m);
    uint32_t w[VN_WORD_MAX];
    size_t wn = 0, count = 0, good = 0;
    bool wide = false, too_long = false;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i <= n;) {
        uint32_t c = ' ';
        size_t l = 1;
        if (i < n && !(l = vn_utf8_decode(p + i, n - i, &c))) {
            c = 0xFFFD;
            l = 1;
        }
        if (i == n || is_break(c)) {
            if (wn && wide) {
                count++;
                good += !too_long && is_syllable(&m, w, wn);
            }
            wn = 0;
            wide = too_long = false;
        } else {
            wide |= c >= 0x80;
            if (wn < VN_WORD_MAX)
                w[wn++] = lower_vi(c);
            else
                too_long = true;
        }
        i += l;
    }
    *words = count;
    *syllables = good;
}

/* a/b > c/d for counts (no division, no overflow for sample-sized counts). */
static bool better(size_t a, size_t b, size_t c, size_t d)
{
    return (unsigned long long)a * (d ? d : 1) > (unsigned long long)c * (b ? b : 1) || (b && !d);
}

vn_status vn_legacy_detect(const unsigned char *s, size_t n, struct vn_legacy_guess *g)
{
    memset(g, 0, sizeof *g);
    size_t sample = n < VN_DETECT_SAMPLE ? n : VN_DETECT_SAMPLE;
    enum vn_legacy best = VN_LEGACY_NONE;
    size_t bw = 0, bs = 0;
    for (int e = VN_LEGACY_FIRST; e <= VN_LEGACY_LAST; e++) {
        struct vn_legacy_table tab;
        vn_status st = vn_legacy_table_load((enum vn_legacy)e, &tab);
        if (st)
            return st;
        struct vn_buf b;
        vn_buf_init(&b, 0);
        struct vn_legacy_sink sink = {.line = 1};
        st = vn_legacy_decode(&tab, s, sample, false, true, &b, &sink);
        vn_legacy_table_free(&tab);
        size_t words = 0, syl = 0;
        if (!st)
            vn_legacy_score_utf8(b.data ? b.data : "", b.len, &words, &syl);
        vn_buf_free(&b);
        if (st)
            return st;
        /* ranked by syllables; a tie by the share of syllables */
        if (syl > bs || (syl == bs && syl && better(syl, words, bs, bw))) {
            g->runner_up = best;
            g->runner_words = bw;
            g->runner_syllables = bs;
            best = (enum vn_legacy)e;
            bw = words;
            bs = syl;
        } else if (syl > g->runner_syllables) {
            g->runner_up = (enum vn_legacy)e;
            g->runner_words = words;
            g->runner_syllables = syl;
        }
    }
    g->best = best;
    g->words = bw;
    g->syllables = bs;
    /* at least 80 % syllables, and a clear lead: a table that reads as well
       as another gives no reason to choose it */
    bool good = bs >= 3 && bs * 5 >= bw * 4;
    bool clear = bs >= g->runner_syllables + 2 && bs * 10 >= g->runner_syllables * 11;
    g->enc = good && clear ? best : VN_LEGACY_NONE;
    return VN_OK;
}
