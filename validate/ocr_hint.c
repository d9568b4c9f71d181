/* Suspect figures in text read by OCR.
 *
 * The suspect rules (suspect.c) find the one-digit corrections that close
 * an inconsistent relation. A typist slips to any digit; OCR confuses the
 * digits that look alike: 0, 6, 8 and 9 (closed loops), 1 and 7, 3 and 8,
 * 5 and 6. So in OCR text a correction of that kind is named as a misread
 * (`ocr-misread`), and when several candidates explain a check equally
 * well and only one of them is such a confusion, that one is named alone:
 * the arithmetic of the report becomes a check of its digitization. */
#include <string.h>

#include "validate/ocr_hint.h"
#include "vnaudit/normalize.h"

static bool look_alike(char a, char b)
{
    static const char *pairs[] = {"06", "08", "09", "68", "69", "89", "17", "38", "56"};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        if ((a == pairs[i][0] && b == pairs[i][1]) || (a == pairs[i][1] && b == pairs[i][0]))
            return true;
    return false;
}

/* Is `should_be` the figure as written with one digit changed to a look-alike? */
static bool misread(const char *fig, size_t n, const char *should_be)
{
    if (strlen(should_be) != n)
        return false;
    size_t diff = 0, at = 0;
    for (size_t i = 0; i < n; i++)
        if (fig[i] != should_be[i])
            diff++, at = i;
    return diff == 1 && fig[at] >= '0' && fig[at] <= '9' && should_be[at] >= '0' && should_be[at] <= '9' &&
           look_alike(fig[at], should_be[at]);
}

void vn_ocr_hints(struct vn_records *recs)
{
    const char *text = recs->text->data;
    for (size_t i = 0; i < recs->n; i++) {
        const struct vn_record *r = &recs->items[i];
        if (r->type != VN_REC_CHECK || r->u.check->verdict != VN_VERDICT_INCONSISTENT || !r->u.check->n_suspects)
            continue;
        /* the check and its suspects live in the records' arena: ours to amend */
        struct vn_check *chk = (struct vn_check *)r->u.check;
        struct vn_suspect *s = (struct vn_suspect *)chk->suspects;
        size_t found = 0, which = 0;
        for (size_t k = 0; k < chk->n_suspects; k++)
            if (s[k].kind == VN_TYPO_DIGIT && misread(text + s[k].figure.off, s[k].figure.len, s[k].should_be))
                found++, which = k;
        if (found != 1 && !(found > 1 && chk->n_suspects == found))
            continue;
        if (found == 1) {
            s[0] = s[which];
            chk->n_suspects = 1;
        }
        for (size_t k = 0; k < chk->n_suspects; k++)
            s[k].kind = VN_TYPO_OCR;
    }
}
