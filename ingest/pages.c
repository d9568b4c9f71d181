/* Words placed on pages: the growable store that the PDF and OCR readers
 * fill and the layout reads. Bounded: the words' text by the input limit,
 * their count by one word per two bytes of it. */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "ingest/pages.h"

void vn_pages_init(struct vn_pages *pp, size_t max_bytes)
{
    memset(pp, 0, sizeof *pp);
    vn_buf_init(&pp->text, max_bytes);
    pp->max_words = max_bytes / 2 + 1;
}

void vn_pages_free(struct vn_pages *pp)
{
    vn_buf_free(&pp->text);
    vn_free(pp->words);
    vn_free(pp->pages);
    memset(pp, 0, sizeof *pp);
}

/* Room for element n (common/alloc.h). */
static vn_status grow(void **arr, size_t *cap, size_t n, size_t size)
{
    return vn_grow(arr, cap, n + 1, size) ? VN_OK : VN_ENOMEM;
}

vn_status vn_pages_begin(struct vn_pages *pp, uint32_t number, double width, double height, uint8_t part)
{
    vn_status st = grow((void **)&pp->pages, &pp->cap_pages, pp->n_pages, sizeof *pp->pages);
    if (st)
        return st;
    pp->pages[pp->n_pages++] = (struct vn_ppage){number, width, height, part, pp->n_words, 0};
    return VN_OK;
}

vn_status vn_pages_word(struct vn_pages *pp, const char *s, size_t n, double x0, double y0, double x1, double y1,
                        uint8_t conf, uint8_t digit_conf)
{
    if (!pp->n_pages || !n)
        return VN_OK;
    if (pp->n_words >= pp->max_words || pp->text.len > UINT32_MAX - n)
        return VN_ETOOBIG;
    vn_status st = grow((void **)&pp->words, &pp->cap_words, pp->n_words, sizeof *pp->words);
    if (!st)
        st = vn_buf_append(&pp->text, s, n);
    if (st)
        return st;
    pp->words[pp->n_words++] = (struct vn_pword){(uint32_t)(pp->text.len - n), (uint32_t)n, x0, y0, x1, y1, conf,
                                                 digit_conf};
    pp->pages[pp->n_pages - 1].n_words++;
    return VN_OK;
}
