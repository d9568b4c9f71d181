#!/bin/sh
# Runs one fuzz target of tests/fuzz for SECONDS (libFuzzer, ASan+UBSan),
# building build-fuzz/ with clang first if needed. The corpus grows in
# build-fuzz/corpus/TARGET, seeded from the repository's fixtures; a crash,
# leak, timeout or out-of-memory leaves its input in build-fuzz/artifacts/
# and makes this script fail (copy the input to tests/fuzz/regressions/TARGET/
# with the fix).
#
# usage: scripts/fuzz.sh TARGET SECONDS     (TARGET: text container number vocab)
set -eu
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
    echo "usage: $0 TARGET SECONDS" >&2
    exit 2
fi
t=$1
secs=$2
B=${VNAUDIT_FUZZ_BUILD:-build-fuzz}
if [ ! -x "$B/tests/fuzz/fuzz_$t" ]; then
    CC=clang cmake -S . -B "$B" -DVNAUDIT_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$B" -j2 --target "fuzz_$t" >/dev/null
fi
corpus=$B/corpus/$t
mkdir -p "$corpus" "$B/artifacts"
if [ -z "$(ls -A "$corpus")" ]; then
    # seeds: the fixtures (for container: also each document's main XML part
    # behind its mode byte, see fuzz_container.c)
    case $t in
    text) cp fixtures/*/*.txt fixtures/docs/*.html "$corpus"/ ;;
    container)
        cp fixtures/docs/*.docx fixtures/docs/*.odt fixtures/docs/*.fodt fixtures/docs/*.html fixtures/docs/*.doc \
           fixtures/pdf/*.pdf "$corpus"/
        python3 - "$corpus" <<'PY'
import glob, os, sys, zipfile
out = sys.argv[1]
for p in glob.glob('fixtures/docs/*.docx') + glob.glob('fixtures/docs/*.odt'):
    try:
        z = zipfile.ZipFile(p)
        for part, mode in (('word/document.xml', b'D'), ('word/footnotes.xml', b'N'), ('content.xml', b'O')):
            if part in z.namelist():
                open(os.path.join(out, os.path.basename(p) + '.' + mode.decode()), 'wb').write(mode + z.read(part))
    except Exception:
        pass
PY
        ;;
    number) grep -ohE '[0-9][0-9.,]*' fixtures/extract/*.txt | sort -u | head -300 |
                awk -v d="$corpus" '{ f = d "/n" NR; printf "%s", $0 > f; close(f) }' ;;
    vocab) for f in vocab/*.tsv; do cp "$f" "$corpus/"; done ;;
    *) echo "fuzz.sh: unknown target $t" >&2; exit 2 ;;
    esac
fi
if [ -d "tests/fuzz/regressions/$t" ]; then
    cp tests/fuzz/regressions/"$t"/* "$corpus"/ 2>/dev/null || true
fi
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$B/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -dict="tests/fuzz/$t.dict" -artifact_prefix="$B/artifacts/$t-" -print_final_stats=1 "$corpus"
