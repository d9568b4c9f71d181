#!/bin/sh
# Validator fixtures: every fixtures/validate/NAME.txt against the relations listed in NAME.expect.tsv
# (see tests/validate/expect.py for the table format and fixtures/validate/README.md for the fixtures).
#
# usage: run_expect.sh [-v] VNAUDIT SRCDIR
#
# First recomputes every table row (the test material must hold), then runs `VNAUDIT check --format jsonl`
# on each fixture and prints, per fixture, how many expected relations were found and a table of the rows
# that were not (-v: every row, and the checks no row lists).
# Exit status: 0 every inconsistent row found and no false alarm; 1 an inconsistent row missed (or given
# another verdict) or an inconsistent check that no row expects; 2 usage error, a table that does not hold,
# vnaudit failing. Consistent, partial and ambiguous rows that are missed are counted; a row listed in
# fixtures/validate/found.ratchet (found before) that is missed fails.
verbose=
if [ "${1:-}" = "-v" ]; then
    verbose=-v
    shift
fi
if [ $# -ne 2 ]; then
    echo "usage: $0 [-v] VNAUDIT SRCDIR" >&2
    exit 2
fi
command -v python3 >/dev/null 2>&1 || { echo "run_expect.sh: python3 is required" >&2; exit 2; }
exec python3 "$(dirname "$0")/expect.py" run "$1" "$2" $verbose --ratchet "$2/fixtures/validate/found.ratchet"
