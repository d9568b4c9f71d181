# Turns one file (IN) into a byte array NAME[] and its length NAME_len in a
# generated C file (OUT): the compiled message catalogs ship inside the
# library.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR n "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT}.tmp "/* generated from ${IN} by cmake/EmbedFile.cmake: do not edit */\n#include <stddef.h>\n"
     "extern const unsigned char ${NAME}[];\nextern const size_t ${NAME}_len;\n"
     "const unsigned char ${NAME}[] = {${bytes}0};\nconst size_t ${NAME}_len = ${n};\n")
file(RENAME ${OUT}.tmp ${OUT})
