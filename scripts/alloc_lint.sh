#!/bin/sh
# Every allocation of the library goes through common/alloc.h (vn_malloc,
# vn_calloc, vn_realloc, vn_free, vn_strdup, vn_strndup), so that a test can
# fail any of them (include/vnaudit/alloc.h).
#
# usage: scripts/alloc_lint.sh [--fix] [SRCDIR]
#   without --fix: lists each raw malloc/calloc/realloc/free/strdup/strndup
#                  call in the library's sources and exits 1 if there is one;
#   with --fix:    rewrites them to the vn_ forms and adds the include (run it
#                  after merging a branch that brought new raw calls).
# The library's sources: every .c and .h outside cli/, python/, tests/, bench/,
# examples/, include/ and build directories, but common/alloc.[ch] (where
# the C library's functions are the default allocator).
set -eu
fix=0
if [ "${1:-}" = "--fix" ]; then
    fix=1
    shift
fi
cd "${1:-$(dirname "$0")/..}"

RAW='(^|[^A-Za-z0-9_.>])(malloc|calloc|realloc|free|strdup|strndup)[[:space:]]*\('
files=$(find . \( -path ./.git -o -path ./cli -o -path ./tests -o -path ./bench -o -path ./examples \
                  -o -path ./include -o -path './build*' -o -path ./fixtures -o -path ./docs -o -path ./python \) -prune -o \
             \( -name '*.c' -o -name '*.h' \) -print | grep -v -e '^./common/alloc\.[ch]$' | sort)

if [ "$fix" -eq 1 ]; then
    for f in $files; do
        grep -Eq "$RAW" "$f" || continue
        sed -E -i "s/$RAW/\\1vn_\\2(/g; s/$RAW/\\1vn_\\2(/g" "$f"
        if ! grep -q '#include "common/alloc.h"' "$f"; then
            # after the first quoted include, else after the last <...> include
            if grep -q '^#include "' "$f"; then
                sed -i '0,/^#include "/s//#include "common\/alloc.h"\n#include "/' "$f"
            else
                last=$(grep -n '^#include <' "$f" | tail -1 | cut -d: -f1)
                sed -i "${last}a #include \"common/alloc.h\"" "$f"
            fi
        fi
        echo "alloc_lint: rewrote $f"
    done
fi

bad=0
for f in $files; do
    # comments are not calls: drop /* ... */ on one line and whole comment lines first
    hits=$(sed -E 's#/\*.*\*/##g; s#^[[:space:]]*(\*|/\*).*##' "$f" | grep -nE "$RAW" || true)
    if [ -n "$hits" ]; then
        echo "$hits" | sed "s#^#$f:#"
        bad=1
    fi
done
if [ "$bad" -eq 1 ]; then
    echo "alloc_lint: raw allocation calls in the library (scripts/alloc_lint.sh --fix rewrites them)" >&2
    exit 1
fi
echo "alloc_lint: no raw allocation call in $(echo "$files" | wc -l) library files"
