#!/usr/bin/env bash
# Throughput and peak memory of vnaudit against the Python peer
# (../shared/bench/baseline.py), on the NFC corpus and its NFD twin.
#
#   usage: bench/run.sh [--size BYTES] [--rounds N] [--check] [--skip-peer]
#
#   --size BYTES  corpus size (default 67108864 = 64 MiB)
#   --rounds N    timed runs per command and corpus (default 3); the median counts
#   --check       also time `vnaudit check`, and again on a corpus of SIZE/4 (linearity)
#   --skip-peer   do not run the peer
#
# Environment: VNAUDIT_BIN (default build/vnaudit), SHARED_DIR (default ../shared
# beside the project root), PYTHON (default: the real interpreter behind python3),
# CORPUS_DIR (default /tmp/vnaudit-bench).  See bench/README.md.
set -euo pipefail

usage() { sed -n '5,10s/^# \{0,1\}//p' "$0"; }

die() { echo "bench/run.sh: $*" >&2; exit 1; }

SIZE=67108864
ROUNDS=3
CHECK=0
PEER=1
while [ $# -gt 0 ]; do
    case $1 in
        --size)      [ $# -ge 2 ] || { usage >&2; exit 2; }; SIZE=$2; shift 2 ;;
        --size=*)    SIZE=${1#*=}; shift ;;
        --rounds)    [ $# -ge 2 ] || { usage >&2; exit 2; }; ROUNDS=$2; shift 2 ;;
        --rounds=*)  ROUNDS=${1#*=}; shift ;;
        --check)     CHECK=1; shift ;;
        --skip-peer) PEER=0; shift ;;
        -h|--help)   usage; exit 0 ;;
        *)           echo "bench/run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ $SIZE =~ ^[1-9][0-9]*$ ]] || die "--size must be a number of bytes (got '$SIZE')"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer (got '$ROUNDS')"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED_DIR=${SHARED_DIR:-$ROOT/../shared}
SHARED_DIR=$(cd "$SHARED_DIR" 2>/dev/null && pwd) || die "shared folder not found: ${SHARED_DIR}"
MAKE_CORPUS=$SHARED_DIR/bench/make_corpus.sh
BASELINE=$SHARED_DIR/bench/baseline.py
SEEDS=${SEEDS:-$SHARED_DIR/seeds}
CORPUS_DIR=${CORPUS_DIR:-/tmp/vnaudit-bench}
MEASURE=$ROOT/bench/measure.py

BIN=${VNAUDIT_BIN:-$ROOT/build/vnaudit}
if [ ! -x "$BIN" ]; then
    die "vnaudit binary not found or not executable: $BIN
build it first:  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build
(or point VNAUDIT_BIN at it)"
fi
[ -f "$MAKE_CORPUS" ] || die "missing $MAKE_CORPUS"
[ -f "$BASELINE" ] || die "missing $BASELINE"

# The real interpreter, not a shim (pyenv, asdf): a shim adds start-up time and memory.
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
[ -x "$PYTHON" ] || die "python interpreter not found: $PYTHON"

TMP=$(mktemp -d /tmp/vnaudit-bench-run.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
RESULTS=$TMP/results.tsv
: > "$RESULTS"

# ---------------------------------------------------------------- corpora
# corpus64.txt for 64 MiB, corpus16.txt for 16 MiB; corpus4000000b.txt otherwise.
corpus_name() {
    if [ $(( $1 % 1048576 )) -eq 0 ]; then echo "corpus$(( $1 / 1048576 )).txt"
    else echo "corpus${1}b.txt"; fi
}
size_tag() {
    if [ $(( $1 % 1048576 )) -eq 0 ]; then echo "$(( $1 / 1048576 ))MiB"
    else awk -v b="$1" 'BEGIN { printf "%.1fMiB", b / 1048576 }'; fi
}

# make_corpus.sh concatenates whole rounds of the seeds, so the NFC corpus has an
# exactly predictable size; an existing one is reused when it has that size, its
# _nfd twin is complete, and both are newer than the seeds and the script.
ensure_corpus() {
    local target=$1 out nfd seed_bytes expect f fresh=1
    out=$CORPUS_DIR/$(corpus_name "$target")
    nfd=${out%.txt}_nfd.txt
    shopt -s nullglob
    local seeds=("$SEEDS"/*.txt)
    shopt -u nullglob
    [ ${#seeds[@]} -gt 0 ] || die "no seeds in $SEEDS"
    seed_bytes=$(cat "${seeds[@]}" | wc -c)
    expect=$(( (target + seed_bytes - 1) / seed_bytes * seed_bytes ))
    if [ -f "$out" ] && [ -f "$nfd" ] && [ "$(stat -c %s "$out")" -eq "$expect" ] &&
       [ "$(stat -c %s "$nfd")" -ge "$expect" ] && ! [ "$out" -nt "$nfd" ]; then
        for f in "${seeds[@]}" "$MAKE_CORPUS"; do
            [ "$out" -nt "$f" ] || { fresh=0; break; }
        done
    else
        fresh=0
    fi
    if [ $fresh -eq 0 ]; then
        echo "building $out ($target bytes) ..." >&2
        SEEDS=$SEEDS bash "$MAKE_CORPUS" "$out" "$target" >&2
    fi
    CORPUS_NFC=$out
    CORPUS_NFD=$nfd
}

mkdir -p "$CORPUS_DIR"
# One bench at a time: two would build the same corpus and disturb each other's timings.
exec 9>"$CORPUS_DIR/.lock"
if ! flock -n 9; then
    echo "another bench run holds $CORPUS_DIR/.lock; waiting ..." >&2
    flock 9
fi
ensure_corpus "$SIZE"
NFC=$CORPUS_NFC NFD=$CORPUS_NFD
if [ $CHECK -eq 1 ]; then
    SMALL=$(( SIZE / 4 ))
    ensure_corpus "$SMALL"
    NFC_SMALL=$CORPUS_NFC NFD_SMALL=$CORPUS_NFD
fi

# ---------------------------------------------------------------- machine
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, load $(cut -d' ' -f1-3 /proc/loadavg), $("$PYTHON" -V 2>&1)"
echo "vnaudit: $BIN"
if [ $PEER -eq 1 ]; then echo "peer:    $PYTHON $BASELINE --quiet"; fi
for f in "$NFC" "$NFD" ${NFC_SMALL:+"$NFC_SMALL" "$NFD_SMALL"}; do
    echo "corpus:  $f ($(stat -c %s "$f") bytes)"
done
echo "rounds:  $ROUNDS per command and corpus, alternating; median wall time, max peak RSS"

# ---------------------------------------------------------------- sanity counts
# One untimed run each, which also warms the page cache.
count_lines() {   # NAME OK_CODES CMD...  -> "  NAME: LINES (type N, ...)"
    local name=$1 ok=$2 counts rc
    shift 2
    counts=$( { "$@" 2>"$TMP/count.err"; echo $? > "$TMP/count.rc"; } | "$PYTHON" "$MEASURE" count )
    rc=$(< "$TMP/count.rc")
    if [[ ,$ok, != *,$rc,* ]]; then
        tail -n 20 "$TMP/count.err" >&2
        die "failed (exit status $rc): $*"
    fi
    printf '  %-16s %s\n' "$name:" "$counts"
}
echo "output lines (NFC $(size_tag "$SIZE")):"
count_lines 'vnaudit extract' 0 "$BIN" extract --format jsonl "$NFC"
if [ $CHECK -eq 1 ]; then count_lines 'vnaudit check' 0,1 "$BIN" check --format jsonl "$NFC"; fi
if [ $PEER -eq 1 ]; then count_lines peer 0 "$PYTHON" "$BASELINE" "$NFC"; fi

# ---------------------------------------------------------------- timed runs
measure() {   # CORPUS_LABEL FILE OK_CODES CMD_LABEL CMD...
    local label=$1 file=$2 ok=$3 name=$4 round=$5 out wall rss rc
    shift 5
    out=$("$PYTHON" "$MEASURE" run --ok "$ok" -- "$@") || die "timed run failed: $name $file"
    read -r wall rss rc <<< "$out"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${label%% *}" "${label#* }" \
        "$(stat -c %s "$file")" "$name" "$round" "$wall" "$rss" >> "$RESULTS"
    printf ' %s %.2fs' "$name" "$wall" >&2
}

bench_corpus() {   # LABEL FILE WITH_PEER
    local label=$1 file=$2 with_peer=$3 r
    for (( r = 1; r <= ROUNDS; r++ )); do
        printf '%s round %d/%d:' "$label" "$r" "$ROUNDS" >&2
        measure "$label" "$file" 0 'vnaudit extract' "$r" "$BIN" extract --format jsonl "$file"
        if [ $CHECK -eq 1 ]; then
            measure "$label" "$file" 0,1 'vnaudit check' "$r" "$BIN" check --format jsonl "$file"
        fi
        if [ "$with_peer" -eq 1 ]; then
            measure "$label" "$file" 0 peer "$r" "$PYTHON" "$BASELINE" "$file" --quiet
        fi
        echo >&2
    done
}

tag=$(size_tag "$SIZE")
bench_corpus "NFC $tag" "$NFC" $PEER
bench_corpus "NFD $tag" "$NFD" $PEER
if [ $CHECK -eq 1 ]; then
    small_tag=$(size_tag "$SMALL")
    bench_corpus "NFC $small_tag" "$NFC_SMALL" 0
    bench_corpus "NFD $small_tag" "$NFD_SMALL" 0
fi

echo
"$PYTHON" "$MEASURE" report "$RESULTS"
