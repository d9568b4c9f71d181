#!/bin/sh
# vnaudit under valgrind's memcheck, for the golden tests (.ci/run): any invalid read or write, use of
# an uninitialised value or definite leak exits 99, which run_golden.sh counts as a failure (status >= 2),
# and the output must still equal the golden files.
#   VNAUDIT_MEMCHECK_BIN  the vnaudit to run (an absolute path: run_golden.sh changes folder)
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite "${VNAUDIT_MEMCHECK_BIN:?set VNAUDIT_MEMCHECK_BIN to the vnaudit binary}" "$@"
