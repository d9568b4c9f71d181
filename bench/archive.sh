#!/usr/bin/env bash
# Archive throughput: `vnaudit ingest -j 1` against `-j 2` into fresh databases,
# on a folder of at least 1000 documents (copies of the repository's fixtures
# in every format, the example, and ../shared/seeds when present; copied at
# bench time, never committed). Prints documents/s and MB/s for each and the
# ratio, and the load average before (other work on the machine skews it).
#
#   usage: bench/archive.sh [--docs N] [--rounds N] [--folder-only]
#
#   --docs N    documents in the folder (default 1200)
#   --rounds N  timed runs of each (default 3); the best counts
#   --folder-only  build the folder ($BENCH_DIR/in) and stop (bench/dask_bench.py)
#
# Environment: VNAUDIT_BIN (default build/vnaudit), SHARED_DIR (default
# ../shared beside the project root), BENCH_DIR (default /tmp/vnaudit-archive-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=1200
ROUNDS=3
FOLDER_ONLY=
while [ $# -gt 0 ]; do
    case $1 in
        --docs) DOCS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --folder-only) FOLDER_ONLY=1; shift ;;
        *) sed -n '8,12s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
    esac
done
BIN=${VNAUDIT_BIN:-build/vnaudit}
SHARED=${SHARED_DIR:-../shared}
DIR=${BENCH_DIR:-/tmp/vnaudit-archive-bench}
[ -x "$BIN" ] || { echo "bench/archive.sh: build first ($BIN)" >&2; exit 1; }

rm -rf "$DIR" && mkdir -p "$DIR/in"
srcs=()
for f in fixtures/docs/*.* fixtures/validate/*.txt fixtures/validate/*.html fixtures/heldout/*.txt \
         fixtures/extract/*.txt fixtures/archive/*.txt examples/*.txt; do
    case $f in *.sh|*.py) continue ;; esac
    [ -f "$f" ] && srcs+=("$f")
done
if [ -d "$SHARED/seeds" ]; then
    for f in "$SHARED"/seeds/*; do [ -f "$f" ] && srcs+=("$f"); done
fi
n=${#srcs[@]}
for ((i = 0; i < DOCS; i++)); do
    s=${srcs[i % n]}
    d="$DIR/in/$((i % 20))"
    mkdir -p "$d"
    cp "$s" "$d/$i-$(basename "$s")"
done
bytes=$(du -sb "$DIR/in" | cut -f1)
echo "folder: $DOCS documents from $n sources, $((bytes / 1024)) KiB; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
[ -z "$FOLDER_ONLY" ] || exit 0

calc() { python3 -c "print($1)"; }

best() {  # jobs -> best seconds over ROUNDS fresh databases
    local j=$1 bestt=""
    for ((r = 0; r < ROUNDS; r++)); do
        rm -f "$DIR"/db.sqlite*
        local t0 t1
        t0=$(date +%s.%N)
        "$BIN" ingest --db "$DIR/db.sqlite" -j "$j" -q "$DIR/in" || [ $? -eq 1 ]
        t1=$(date +%s.%N)
        local t
        t=$(calc "$t1 - $t0")
        if [ -z "$bestt" ] || [ "$(calc "int($t < $bestt)")" = 1 ]; then bestt=$t; fi
    done
    echo "$bestt"
}
t1=$(best 1)
t2=$(best 2)
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from documents').fetchone()[0])" "$DIR/db.sqlite")
for j in 1 2; do
    t=$([ $j = 1 ] && echo "$t1" || echo "$t2")
    printf 'ingest -j %d: %6.2f s  %7.1f documents/s  %6.2f MB/s\n' "$j" "$t" \
        "$(calc "$DOCS / $t")" "$(calc "$bytes / 1000000 / $t")"
done
printf 'ratio -j 2 / -j 1: %.2fx  (%s documents stored; load average after: %s)\n' "$(calc "$t1 / $t2")" \
    "$stored" "$(cut -d' ' -f1-3 /proc/loadavg)"
