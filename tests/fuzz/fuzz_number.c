/* Fuzz target: the number parser (vn_number_parse) on any bytes, and the
 * exact arithmetic on what it gives (a value that parsed must print and
 * compare with itself). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vnaudit/vnaudit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct vn_number n;
    if (vn_number_parse((const char *)data, size, &n) != VN_OK)
        return 0;
    /* printed and read back, the value is the same */
    char buf[VN_DEC_STRLEN];
    size_t len = vn_dec_format(n.value, buf);
    struct vn_dec back;
    if (vn_dec_parse(buf, len, &back) != VN_OK || vn_dec_cmp(back, n.value) != 0)
        abort();
    return 0;
}
