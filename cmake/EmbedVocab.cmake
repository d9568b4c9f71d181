# Turns vocab/NAME.tsv into a byte array in a generated C file, so the
# vocabulary ships inside the library and still lives in plain text files.
set(out "/* generated from vocab/NAME.tsv by cmake/EmbedVocab.cmake: do not edit */\n#include <stddef.h>\n")
string(REPLACE "," ";" NAMES "${NAMES}")
foreach(name ${NAMES})
  file(READ ${DIR}/${name}.tsv hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR n "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND out "const unsigned char vn_vocab_${name}[] = {${bytes}0};\n")
  string(APPEND out "const size_t vn_vocab_${name}_len = ${n};\n")
endforeach()
file(WRITE ${OUT}.tmp "${out}")
file(RENAME ${OUT}.tmp ${OUT})
