#!/usr/bin/env bash
# Golden-file tests: run vnaudit on every fixture report and compare its output, byte for byte, with the
# reviewed expected files next to it.
#
# usage: run_golden.sh [--update] VNAUDIT SRCDIR [FIXTURE_DIR...]
#
#   VNAUDIT      the vnaudit binary (a relative path is taken from the current directory)
#   SRCDIR       the project source directory; the script cd's there so that the "file" field of every
#                record is the relative path fixtures/DIR/NAME.txt, as in the expected files
#   FIXTURE_DIR  fixture directories relative to SRCDIR (default: fixtures/extract fixtures/normalize)
#
# Every fixtures/DIR/NAME.txt is an input (except the expected outputs NAME.expected.txt). Next to it:
#   NAME.expected.jsonl          = `vnaudit check --format jsonl fixtures/DIR/NAME.txt` without the lines
#                                  that hold a "type":"check" record: these goldens are about extraction;
#                                  the validator's checks have their own goldens in fixtures/validate/,
#                                  which this runner never reads (naming it is refused)
#   NAME.extract.expected.jsonl  = `vnaudit extract --format jsonl fixtures/DIR/NAME.txt`
#   NAME.expected.txt            = `vnaudit text fixtures/DIR/NAME.txt`
# Each expected file that exists is compared. fixtures/extract requires NAME.expected.jsonl and
# fixtures/normalize requires NAME.expected.txt for every input, so a new fixture without its expected
# output fails. An exit status of 2 or more from vnaudit (unreadable input, crash) is a failure too.
#
# --update rewrites the expected files from the current output of vnaudit (and creates the required ones
# that are missing). Use it ONLY AFTER REVIEWING THE DIFF that a normal run prints. The expected files were
# checked by hand against fixtures/extract/README.md (fixtures/normalize: by hand) and some of them hold the
# correct output where vnaudit is still wrong, so that the test fails until vnaudit is fixed; updating
# without reading the diff records the bugs as the truth. Afterwards, review `git diff -- fixtures/`.
#
# Needs only bash, diff, cmp and coreutils. Exit status: 0 all equal, 1 a mismatch, 2 usage error.

set -u

# fixture directory -> the expected files that every input in it must have
declare -A REQUIRED=(
    [fixtures/extract]="expected.jsonl"
    [fixtures/normalize]="expected.txt"
)
DEFAULT_DIRS=(fixtures/extract fixtures/normalize)

usage() {
    echo "usage: $0 [--update] VNAUDIT SRCDIR [FIXTURE_DIR...]" >&2
    exit 2
}

update=no
if [ "${1:-}" = "--update" ]; then
    update=yes
    shift
fi
[ $# -ge 2 ] || usage
bin=$1
src=$2
shift 2

case $bin in
    /*) ;;
    *) bin=$PWD/$bin ;;
esac
if [ ! -x "$bin" ]; then
    echo "run_golden.sh: $bin: not an executable" >&2
    exit 2
fi
cd "$src" || { echo "run_golden.sh: cannot cd to $src" >&2; exit 2; }

if [ $# -gt 0 ]; then
    dirs=("$@")
else
    dirs=("${DEFAULT_DIRS[@]}")
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vnaudit-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
updated=0

# compare LABEL EXPECTED_FILE FILTER VNAUDIT_ARGS...
# FILTER "nocheck" drops every line with a "type":"check" record from the output before comparing.
compare() {
    local label=$1 expected=$2 filter=$3
    shift 3
    local rc=0
    "$bin" "$@" >"$tmp/raw" 2>"$tmp/err" || rc=$?
    if [ "$filter" = nocheck ]; then
        grep -vF '"type":"check"' "$tmp/raw" >"$tmp/out"
    else
        cp "$tmp/raw" "$tmp/out"
    fi
    if [ "$update" = yes ]; then
        if [ $rc -ge 2 ]; then
            echo "not updated - $label: vnaudit exited with status $rc"
            sed 's/^/#   /' "$tmp/err"
            failed=$((failed + 1))
        elif [ -f "$expected" ] && cmp -s "$tmp/out" "$expected"; then
            echo "unchanged - $label"
            passed=$((passed + 1))
        else
            cp "$tmp/out" "$expected"
            echo "updated - $label -> $expected"
            updated=$((updated + 1))
            passed=$((passed + 1))
        fi
        return
    fi
    local why=""
    if [ $rc -ge 2 ]; then
        why="vnaudit exited with status $rc"
    fi
    if [ ! -f "$expected" ]; then
        why="${why:+$why; }no expected file $expected (review the output below, then run with --update)"
    elif ! cmp -s "$expected" "$tmp/out"; then
        why="${why:+$why; }output differs from $expected"
    fi
    if [ -z "$why" ]; then
        echo "ok - $label"
        passed=$((passed + 1))
        return
    fi
    echo "not ok - $label: $why"
    if [ "$filter" = nocheck ]; then
        echo "#   command: cd $PWD && vnaudit $* | grep -vF '\"type\":\"check\"'"
    else
        echo "#   command: cd $PWD && vnaudit $*"
    fi
    if [ -s "$tmp/err" ]; then
        echo "#   stderr:"
        head -n 20 "$tmp/err" | sed 's/^/#     /'
    fi
    if [ -f "$expected" ]; then
        # '-' lines: the reviewed expected output; '+' lines: what vnaudit printed
        diff -u --label "$expected (expected)" --label "vnaudit $* (actual)" "$expected" "$tmp/out"
    else
        head -n 40 "$tmp/out"
    fi
    failed=$((failed + 1))
}

for dir in "${dirs[@]}"; do
    dir=${dir%/}
    case $dir in
        fixtures/validate | fixtures/validate/*)
            echo "not ok - $dir: the validator's goldens are not compared by this runner"
            failed=$((failed + 1))
            continue
            ;;
    esac
    required=${REQUIRED[$dir]:-expected.jsonl}
    if [ ! -d "$dir" ]; then
        echo "not ok - $dir: no such fixture directory"
        failed=$((failed + 1))
        continue
    fi
    inputs=0
    for input in "$dir"/*.txt; do
        [ -e "$input" ] || continue
        case $input in *.expected.txt) continue ;; esac
        inputs=$((inputs + 1))
        base=${input%.txt}
        if [ -f "$base.expected.jsonl" ] || [ "$required" = expected.jsonl ]; then
            compare "$input (check --format jsonl, no check records)" "$base.expected.jsonl" nocheck \
                check --format jsonl "$input"
        fi
        if [ -f "$base.extract.expected.jsonl" ] || [ "$required" = extract.expected.jsonl ]; then
            compare "$input (extract --format jsonl)" "$base.extract.expected.jsonl" all \
                extract --format jsonl "$input"
        fi
        if [ -f "$base.expected.txt" ] || [ "$required" = expected.txt ]; then
            compare "$input (text)" "$base.expected.txt" all text "$input"
        fi
    done
    # an expected file whose input is gone is a mistake too
    for expected in "$dir"/*.expected.jsonl "$dir"/*.expected.txt; do
        [ -e "$expected" ] || continue
        base=${expected%.expected.*}
        base=${base%.extract}
        if [ ! -f "$base.txt" ]; then
            echo "not ok - $expected: its input $base.txt does not exist"
            failed=$((failed + 1))
        fi
    done
    if [ $inputs -eq 0 ]; then
        echo "not ok - $dir: no fixture (*.txt) in it"
        failed=$((failed + 1))
    fi
done

if [ "$update" = yes ]; then
    echo "$updated expected file(s) rewritten, $failed failed; now review: git diff -- ${dirs[*]}"
else
    echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
