#!/usr/bin/env bash
# Archive throughput: `vnaudit ingest -j 1` against `-j 2` into fresh databases,
# on a folder of at least 1000 documents (copies of the repository's fixtures
# in every format, the example, and ../shared/seeds when present; copied at
# bench time, never committed). Runs -j 1 and -j 2 alternately (bench/
# archive_time.py) and prints, for each, documents/s, MB/s and the CPU seconds
# of the readers and of the writer, the ratio, the load average, and whether
# both stored the same thing.
#
#   usage: bench/archive.sh [--docs N] [--rounds N] [--nice N] [--folder-only]
#
#   --docs N    documents in the folder (default 1200)
#   --rounds N  rounds of (-j 1, -j 2) (default 5); the median counts
#   --nice N    run vnaudit at niceness N (e.g. -10, as root) on a shared machine
#   --folder-only  build the folder ($BENCH_DIR/in) and stop (bench/dask_bench.py)
#
# Environment: VNAUDIT_BIN (default build/vnaudit), SHARED_DIR (default
# ../shared beside the project root), BENCH_DIR (default /tmp/vnaudit-archive-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=1200
ROUNDS=5
NICE=0
FOLDER_ONLY=
while [ $# -gt 0 ]; do
    case $1 in
        --docs) DOCS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --folder-only) FOLDER_ONLY=1; shift ;;
        --nice) NICE=$2; shift 2 ;;
        *) sed -n '10,15s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
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
[ -z "$FOLDER_ONLY" ] || exit 0
mkdir -p "$DIR/db"
python3 bench/archive_time.py "$BIN" "$DIR/in" "$DIR/db" "$ROUNDS" "$NICE"
