#!/usr/bin/env bash
# CLI tests: exit codes, messages and behaviour on bad input, batches, formats.
#
# usage: run_cli.sh VNAUDIT SRCDIR
#
# Prints one line per case, `ok - NAME` or `not ok - NAME` (followed by `#` lines saying why), and finally
# `N passed, M failed`; exits 1 if a case failed.
# Every input is made in a temporary directory (printf, sed, dd, awk), except the reports taken from
# SRCDIR/fixtures. Needs bash, coreutils, grep, sed, awk, diff; uses /usr/bin/time for peak memory when
# it is there, and iconv when it is there.
#
# Environment: VNAUDIT_CLI_TIMEOUT (seconds, default 20) and VNAUDIT_CLI_MAX_RSS_KB (default 1048576,
# i.e. 1 GiB) bound the stress cases; VNAUDIT_CLI_LINE_MB (default 50) is the size of the single-line
# inputs. A sanitizer build is several times slower and bigger: tests/cli/CMakeLists.txt then passes a
# smaller line and looser bounds.

set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 VNAUDIT SRCDIR" >&2
    exit 2
fi
bin=$1
src=$2
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
if [ ! -x "$bin" ]; then
    echo "run_cli.sh: $bin: not an executable" >&2
    exit 2
fi

limit_s=${VNAUDIT_CLI_TIMEOUT:-20}
limit_kb=${VNAUDIT_CLI_MAX_RSS_KB:-1048576}
line_mb=${VNAUDIT_CLI_LINE_MB:-50}
line_bytes=$((line_mb * 1000000))

T=$(mktemp -d "${TMPDIR:-/tmp}/vnaudit-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2

report=$src/fixtures/extract/program_report.txt
clean=$src/fixtures/extract/amounts_units.txt
u8twin=$src/fixtures/normalize/mixed_utf8bom.txt
u16le=$src/fixtures/normalize/mixed_utf16le.txt
nfd=$src/fixtures/normalize/mixed_nfd.txt

passed=0
failed=0
WHY=()

# ---- helpers -------------------------------------------------------------------------------------------

# run ARGS...: runs vnaudit with stdout in $T/out, stderr in $T/err, exit status in RC
run() {
    RC=0
    "$bin" "$@" >"$T/out" 2>"$T/err" || RC=$?
}
# run_in FILE ARGS...: the same with standard input from FILE
run_in() {
    local in=$1
    shift
    RC=0
    "$bin" "$@" <"$in" >"$T/out" 2>"$T/err" || RC=$?
}
# run_limited ARGS...: under `timeout` and, when available, /usr/bin/time; stdout is discarded.
# Sets RC and RSS_KB (empty when it could not be measured).
run_limited() {
    RC=0
    RSS_KB=
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$T/rss" timeout "$limit_s" "$bin" "$@" >/dev/null 2>"$T/err" || RC=$?
        RSS_KB=$(tail -n 1 "$T/rss" 2>/dev/null)
        case $RSS_KB in '' | *[!0-9]*) RSS_KB= ;; esac
    else
        timeout "$limit_s" "$bin" "$@" >/dev/null 2>"$T/err" || RC=$?
    fi
}

why() { WHY+=("$*"); }
want_rc() { [ "$RC" -eq "$1" ] || why "exit status $RC, expected $1"; }
want_err() { grep -qiF -- "$1" "$T/err" || why "stderr does not contain '$1'"; }
want_err_re() { grep -qiE -- "$1" "$T/err" || why "stderr does not match /$1/"; }
want_out() { grep -qF -- "$1" "$T/out" || why "stdout does not contain '$1'"; }
want_out_re() { grep -qE -- "$1" "$T/out" || why "stdout does not match /$1/"; }
want_out_empty() { [ ! -s "$T/out" ] || why "stdout is not empty"; }
want_err_nonempty() { [ -s "$T/err" ] || why "nothing on stderr"; }
# want_count N PATTERN [FILE]: exactly N lines of FILE (default stdout) match the fixed string PATTERN
want_count() {
    local n
    n=$(grep -cF -- "$2" "${3:-$T/out}")
    [ "$n" -eq "$1" ] || why "$n line(s) with '$2', expected $1"
}
# want_same_records A B: two JSON Lines files hold the same records apart from the "file" field
strip_file() { sed -E 's/"file":"([^"\\]|\\.)*",//' "$1"; }
want_same_records() {
    strip_file "$1" >"$T/a.norm"
    strip_file "$2" >"$T/b.norm"
    if [ ! -s "$T/a.norm" ]; then
        why "no records at all in $(basename "$1")"
    elif ! cmp -s "$T/a.norm" "$T/b.norm"; then
        why "records differ ('-' $(basename "$1"), '+' $(basename "$2")):"
        while IFS= read -r l; do why "  $l"; done < <(diff -u "$T/a.norm" "$T/b.norm" | sed -n '3,14p')
    fi
}
# want_bounded: the last run_limited finished in time, without a crash, within the memory limit
want_bounded() {
    if [ "$RC" -eq 124 ]; then
        why "did not finish within ${limit_s}s"
    elif [ "$RC" -ge 128 ]; then
        why "killed by signal $((RC - 128)) (exit status $RC)"
    fi
    if [ -n "$RSS_KB" ] && [ "$RSS_KB" -gt "$limit_kb" ]; then
        why "peak RSS ${RSS_KB} KiB > ${limit_kb} KiB"
    fi
}

# done_case NAME: prints the verdict of the checks made since the previous done_case
done_case() {
    if [ ${#WHY[@]} -eq 0 ]; then
        echo "ok - $1"
        passed=$((passed + 1))
    else
        echo "not ok - $1"
        failed=$((failed + 1))
        local w
        for w in "${WHY[@]}"; do echo "#   $w"; done
        if [ -s "$T/err" ]; then
            echo "#   stderr was:"
            head -n 5 "$T/err" | sed 's/^/#     /'
        fi
    fi
    WHY=()
}

# ---- inputs --------------------------------------------------------------------------------------------

printf 'Vốn giao 1.250 triệu đồng.\nGiải ngân 625 triệu đồng, đạt 50%%.\n' >good.txt
# invalid UTF-8 (\377\376) and a NUL byte in line 2; records on lines 1 and 3
prefix='Vốn giao 1.250 triệu đồng.\nGhi chú: '
printf "$prefix"'\377\376 lỗi mã.\nGiải ngân 625 triệu đồng, đạt 50%%.\n' >invalid.txt
printf "$prefix"'\000 lỗi mã.\nGiải ngân 625 triệu đồng, đạt 50%%.\n' >nul.txt
bad_offset=$(printf "$prefix" | wc -c) # 0-based offset of the first bad byte
bad_offset=$((bad_offset + 0))

# ---- usage ---------------------------------------------------------------------------------------------

run --help
want_rc 0
want_out_re '[Uu]sage'
want_out extract
want_out check
want_out text
# every input format, and every option the parser knows (read from its source, so a new option must be
# documented in --help)
for word in UTF-8 UTF-16 DOCX ODT FODT HTML jsonl csv sarif html; do
    want_out "$word"
done
for opt in $(grep -ohE '"--[a-z][a-z-]*' "$src"/cli/*.c | tr -d '"' | sort -u); do
    want_out_re "[[ |]$opt([^a-z-]|\$)"
done
done_case "--help exits 0 and prints the usage on stdout"

run -h
want_rc 0
want_out_re '[Uu]sage'
done_case "-h exits 0 and prints the usage"

run --version
want_rc 0
want_out_re '^vnaudit [0-9]+\.[0-9]+'
done_case "--version exits 0 and prints 'vnaudit X.Y'"

run extract --bogus good.txt
want_rc 2
want_err "--bogus"
want_err_re 'usage'
want_out_empty
[ "$(wc -l <"$T/err")" -eq 2 ] || why "stderr has $(wc -l <"$T/err") lines, expected the error and a one-line usage"
done_case "unknown option: exit 2, stderr names it and gives a one-line usage (not the whole help)"

run --lang vi extract --bogus good.txt
want_rc 2
want_err "--bogus"
want_err_re 'cách dùng'
done_case "--lang vi: the usage error in Vietnamese"

run --lang fr check good.txt
want_rc 2
want_err "fr"
done_case "--lang with an unknown language: exit 2 naming it"

run --bogus
want_rc 2
want_err "--bogus"
want_err_re 'usage'
done_case "unknown option before the command: exit 2 with the usage"

run frobnicate good.txt
want_rc 2
want_err frobnicate
want_err_re 'usage'
want_out_empty
done_case "unknown command: exit 2, stderr names it and gives the usage"

run
want_rc 2
want_err_re 'usage'
done_case "no command: exit 2 with the usage on stderr"

run extract --format nonsense good.txt
want_rc 2
want_err nonsense
done_case "unknown --format value: exit 2 naming it"

# ---- unreadable files, batches -------------------------------------------------------------------------

run extract does-not-exist.txt
want_rc 2
want_err does-not-exist.txt
want_out_empty
done_case "missing file: exit 2, the message names the file"

run extract does-not-exist.txt good.txt
want_rc 2
want_err does-not-exist.txt
want_count 2 '"type":"amount"'
want_count 1 '"type":"percent"'
want_count 3 '"file":"good.txt"'
done_case "batch: a missing file then a good one: exit 2, the good file's records still printed"

run check --format jsonl good.txt does-not-exist.txt
want_rc 2
want_err does-not-exist.txt
want_count 3 '"file":"good.txt"'
done_case "batch: a good file then a missing one (check): exit 2, the good file's records printed"

# ---- encoding errors -----------------------------------------------------------------------------------

run extract invalid.txt
want_rc 1
want_err invalid.txt
want_err_re "offset[^0-9]*${bad_offset}([^0-9]|\$)"
want_out '"value_dong":"1250000000"'
want_out '"value_dong":"625000000"'
want_out '"type":"percent"'
done_case "invalid UTF-8 (extract): exit 1, stderr names the file and byte offset $bad_offset, records kept"

run check --format jsonl invalid.txt
want_rc 1
want_out '"rule":"invalid-encoding"'
want_out_re '"rule":"invalid-encoding","severity":"error"'
want_out '"value_dong":"1250000000"'
want_out '"value_dong":"625000000"'
want_out '"type":"percent"'
done_case "invalid UTF-8 (check --format jsonl): invalid-encoding error diagnostic, other records kept"

run extract nul.txt
want_rc 1
want_err nul.txt
want_err_re "offset[^0-9]*${bad_offset}([^0-9]|\$)"
want_out '"value_dong":"1250000000"'
want_out '"value_dong":"625000000"'
want_out_re '"rule":"nul-byte","severity":"error"'
done_case "NUL byte (extract): exit 1, stderr names the file and byte offset $bad_offset, records kept, the finding listed"

run check --format jsonl nul.txt
want_rc 1
want_out_re '"rule":"nul-byte","severity":"error"'
want_out '"value_dong":"1250000000"'
want_out '"value_dong":"625000000"'
want_out '"type":"percent"'
done_case "NUL byte (check --format jsonl): nul-byte error diagnostic, other records kept"

run extract invalid.txt good.txt
want_rc 1
want_count 3 '"file":"good.txt"'
want_count 5 '"file":"invalid.txt"'
want_count 2 '"rule":"invalid-encoding","severity":"error"'
done_case "batch: a file with invalid UTF-8 and a good file: exit 1, both reported (its 3 records, its 2 error findings)"

head -c 65536 /dev/zero >zeros.txt
run extract zeros.txt
want_rc 2
want_err zeros.txt
want_err_re 'binary|NUL'
want_out_empty
done_case "a file full of NUL bytes: exit 2, a message naming the file and saying why"

# 16 KiB of pseudo-random bytes (a fixed LCG, so the same file every run), like compressed or encrypted data
seed=12345
codes=()
for ((i = 0; i < 16384; i++)); do
    seed=$(((seed * 1103515245 + 12345) & 0x7fffffff))
    codes+=($(((seed >> 16) & 255)))
done
printf "$(printf '\\%03o' "${codes[@]}")" >binary.txt
run extract binary.txt
want_rc 2
want_err binary.txt
want_err_re 'binary|not (a )?text'
want_out_empty
done_case "binary data (16 KiB of pseudo-random bytes named .txt): exit 2, a message naming the file and saying why"

printf 'PK\003\004\024\000\006\000\010\000\000\000!\000word/document.xml' >report.docx
cp report.docx docx-named.txt
run extract report.docx
want_rc 2
want_err report.docx
want_err_re 'zip|docx'
want_out_empty
done_case "DOCX-like ZIP (PK\\3\\4): exit 2, a message naming the file and saying why"

run extract docx-named.txt
want_rc 2
want_err_re 'zip|docx'
done_case "ZIP bytes in a .txt file: detected by content, exit 2"

# ---- encodings and line ends give the same records -----------------------------------------------------

"$bin" extract --format jsonl "$u8twin" >twin.jsonl 2>/dev/null
cp "$u16le" utf16le.txt
run extract --format jsonl utf16le.txt
want_rc 0
want_same_records twin.jsonl "$T/out"
done_case "UTF-16LE with BOM and CRLF gives the same records as UTF-8"

dd if="$u16le" of=utf16be.txt conv=swab status=none
run extract --format jsonl utf16be.txt
want_rc 0
want_same_records twin.jsonl "$T/out"
done_case "UTF-16BE with BOM and CRLF gives the same records as UTF-8"

"$bin" check --format jsonl "$report" >report.jsonl 2>/dev/null
if command -v iconv >/dev/null 2>&1; then
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$report"; } >report16le.txt
    { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$report"; } >report16be.txt
    for e in le be; do
        run check --format jsonl report16$e.txt
        want_same_records report.jsonl "$T/out"
        done_case "UTF-16$(echo $e | tr a-z A-Z) with BOM: a whole report gives the same records as UTF-8 (check)"
    done
fi

sed 's/$/\r/' "$report" >crlf.txt
run check --format jsonl crlf.txt
want_same_records report.jsonl "$T/out"
done_case "CRLF line ends give the same records (lines and columns) as LF"

printf '\357\273\277' >bom.txt
cat "$report" >>bom.txt
run check --format jsonl bom.txt
want_same_records report.jsonl "$T/out"
done_case "a UTF-8 byte-order mark changes nothing (columns of line 1 included)"

"$bin" check --format jsonl "$u8twin" >twin-check.jsonl 2>/dev/null
run check --format jsonl "$nfd"
want_rc 0
want_out_re '"rule":"not-nfc","severity":"note"'
grep -v '"rule":"not-nfc"' "$T/out" >nfd.jsonl
want_same_records twin-check.jsonl nfd.jsonl
done_case "NFD input: a not-nfc note in check, otherwise the same records as NFC"

run_in "$report" check --format jsonl -
want_same_records report.jsonl "$T/out"
n=$(grep -c '' "$T/out")
want_count "$n" '"file":"-"'
done_case "standard input via '-': same records, \"file\" is \"-\""

run_in good.txt text -
want_rc 0
want_out 'Vốn giao 1.250 triệu đồng.'
done_case "text reads standard input via '-'"

: >empty.txt
run check --format jsonl empty.txt
want_rc 2
want_out_empty
want_err empty.txt
want_err 'empty: nothing to check'
done_case "an empty file: exit 2 and a message naming it, never a clean result"

printf ' \n\t\n' >blank.txt
run extract blank.txt
want_rc 2
want_err blank.txt
want_err 'no text'
done_case "a file of white space only: exit 2, no text"

printf '%%PDF-1.7\n%%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n' >report.pdf
run check report.pdf
want_rc 2
want_err report.pdf
# refused by a build without poppler; broken for one with it
want_err_re 'unsupported format: a PDF document|PDF: broken, poppler cannot read it'
want_out_empty
done_case "a broken PDF: exit 2, the format named, not 'No findings'"

printf '{\\rtf1\\ansi B\\xe1o c\\xe1o 5 t\\u7927? \\par}' >report.rtf
run check report.rtf
want_rc 2
want_err 'unsupported format: an RTF document'
done_case "an RTF file: exit 2, unsupported format named"

printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0' >old.doc
printf '\x89PNG\r\n\x1A\n\0\0\0\rIHDR' >scan.png
run extract old.doc scan.png good.txt
want_rc 2
want_err 'old.doc: Word 97-2003 (.doc): the OLE2 container is broken'
want_err_re 'scan.png: (unsupported format: a PNG image|png: a broken image)'
want_out '"file":"good.txt"'
done_case "a truncated .doc and a PNG among good files: both named, the good file still read, exit 2"

# libxml2 writes an encoding it cannot convert to stderr by default: the library silences it (it never prints)
printf '<?xml version="1.0" encoding="ISO-2022-JP"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body>\0\0\0\0\x80\xff</office:body></office:document>' >enc.fodt
run check enc.fodt
want_rc 2
want_err 'enc.fodt: FODT line 1: not well-formed XML'
grep -qv '^vnaudit: ' "$T/err" && why "a line on stderr not written by vnaudit: $(grep -v '^vnaudit: ' "$T/err" | head -1)"
done_case "an XML part in an encoding libxml2 cannot convert: one message from vnaudit, nothing from libxml2"

# ---- input size limit ----------------------------------------------------------------------------------

run extract --max-input-bytes 100 "$report"
want_rc 2
want_err program_report.txt
want_err 100
want_out_empty
done_case "--max-input-bytes 100 on a bigger file: exit 2, the message names the file and the limit"

run_in "$report" extract --max-input-bytes 100 -
want_rc 2
want_err 100
want_out_empty
done_case "--max-input-bytes 100 on a bigger standard input: exit 2 naming the limit"

run extract --max-input-bytes 100000 good.txt
want_rc 0
want_count 2 '"type":"amount"'
done_case "--max-input-bytes larger than the file: read normally"

# ---- hostile inputs: time and memory bounded -----------------------------------------------------------

{
    echo '<?xml version="1.0"?>'
    echo '<!DOCTYPE lolz ['
    echo ' <!ENTITY lol "lol">'
    prev=lol
    for i in 1 2 3 4 5 6 7 8 9; do
        printf ' <!ENTITY lol%s "' "$i"
        for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
        echo '">'
        prev=lol$i
    done
    echo ']>'
    echo '<lolz>&lol9; Vốn giao 1.250 triệu đồng.</lolz>'
} >lol.xml
for f in lol.xml lol.html; do
    [ -f $f ] || cp lol.xml $f
    run_limited check --format jsonl $f
    want_bounded
    if [ "$RC" -eq 2 ]; then want_err_nonempty; fi
    done_case "XML billion laughs ($f): finishes within ${limit_s}s, peak RSS ${RSS_KB:-?} KiB, no crash"
done

yes 'Vốn giao 1.250 triệu đồng, giải ngân 625 trđ, đạt 50% KH ngày 14/10/2021; ' |
    head -c $line_bytes | tr -d '\n' >line-prose.txt
echo >>line-prose.txt
yes '1.234' | head -c $line_bytes | tr '\n' '.' >line-digits.txt
yes 'ngày .../..../ Số: /BC-UBND ....% ' | head -c $line_bytes | tr -d '\n' >line-dots.txt
head -c $line_bytes /dev/zero | tr '\000' 'x' >line-letters.txt
for f in line-prose line-digits line-dots line-letters; do
    run_limited check --format jsonl $f.txt
    want_bounded
    if [ "$RC" -ge 2 ] && [ "$RC" -lt 124 ]; then why "exit status $RC (the input is readable text)"; fi
    done_case "$line_mb MB single line ($f): finishes within ${limit_s}s, peak RSS ${RSS_KB:-?} KiB, no crash"
done

# every figure of the prose line is found (the last sentence may be cut anywhere)
want=$(($(grep -oF '1.250 triệu đồng' line-prose.txt | wc -l) + $(grep -oF '625 trđ' line-prose.txt | wc -l)))
# (or, past the records a document may give, the first ones and a limit-reached error counting the rest)
RC=0
timeout "$limit_s" "$bin" extract --format jsonl line-prose.txt >prose.jsonl 2>/dev/null || RC=$?
if [ "$RC" -le 1 ]; then
    got=$(grep -c '"type":"amount"' prose.jsonl)
    more=$(grep '"rule":"limit-reached"' prose.jsonl | sed -n 's/.*"message":"\([0-9]*\) more records.*/\1/p')
    if [ -n "$more" ]; then
        [ "$RC" -eq 1 ] || why "records left out, yet exit status $RC"
        [ "$got" -lt "$want" ] && [ "$((got + more))" -ge "$want" ] ||
            why "$got amounts and $more more records said, the line has $want amounts"
    else
        [ "$RC" -eq 0 ] || why "exit status $RC without a limit reached"
        [ "$got" -eq "$want" ] || why "$got amounts, the line has $want"
    fi
else
    why "extract did not finish within ${limit_s}s (exit status $RC)"
fi
rm -f prose.jsonl
done_case "$line_mb MB single line: every amount is found, or the first ones and the count of the rest"
rm -f line-*.txt

# a flood of combining marks on one line, in two classes (230, 220) so that canonical order matters, far
# longer than one ICU chunk; and the same after a character that ICU must normalize itself (U+0958)
marks=$((line_bytes / 40))
awk -v n=$marks 'BEGIN { printf "a"; for (i = 0; i < n; i++) printf "\xcc\x81\xcc\xa3"; print " x" }' >flood.txt
awk -v n=$marks 'BEGIN { printf "\xe0\xa5\x98"; for (i = 0; i < n; i++) printf "\xcc\x81\xcc\xa3"; print " x" }' \
    >flood-hard.txt
for f in flood flood-hard; do
    run_limited text $f.txt
    want_bounded
    if [ "$RC" -ne 0 ] && [ "$RC" -lt 124 ]; then why "exit status $RC"; fi
    done_case "$((marks * 2)) combining marks after one letter ($f): finishes within ${limit_s}s, peak RSS ${RSS_KB:-?} KiB"
done
rm -f flood*.txt

# ---- check, formats, text ------------------------------------------------------------------------------

printf 'Số:     /BC-UBND\nVốn giao 1.250 triệu đồng.\n' >placeholder.txt
run check placeholder.txt
want_rc 0
want_out unfilled-placeholder
done_case "check (text format): an unfilled placeholder is reported and is only a warning (exit 0)"

run check --format jsonl placeholder.txt
want_rc 0
want_out_re '"type":"diagnostic".*"rule":"unfilled-placeholder","severity":"warning"'
want_out '"value_dong":"1250000000"'
done_case "check --format jsonl: unfilled-placeholder warning diagnostic, exit 0"

run check --format jsonl "$clean"
want_rc 0
done_case "check on a consistent report exits 0 (fixtures/extract/amounts_units.txt)"

run check --format jsonl "$report"
want_rc 1
want_count 3 '"verdict":"inconsistent"'
done_case "check exits 1 on a report with 3 inconsistent relations (fixtures/extract/program_report.txt)"

run extract --format csv good.txt
want_rc 0
head -n 1 "$T/out" >csv.head
grep -qx 'file,line,col,type,text,value,unit,kind,number,year,code,date,flags,detail' csv.head ||
    why "header is '$(cat csv.head)'"
want_count 3 'good.txt,'
[ "$(grep -c '' "$T/out")" -eq 4 ] || why "$(grep -c '' "$T/out") lines, expected a header and 3 rows"
done_case "extract --format csv: the documented header, then one row per record"

"$bin" extract --format jsonl "$report" >report-extract.jsonl 2>/dev/null
run extract --format csv "$report"
rows=$(($(grep -c '' "$T/out") - 1))
recs=$(grep -c '' report-extract.jsonl)
[ "$rows" -eq "$recs" ] || why "$rows CSV rows for $recs JSON Lines records"
done_case "extract --format csv: as many rows as JSON Lines records on a whole report"

run extract --format text good.txt
want_rc 0
want_out '1.250 triệu đồng'
done_case "extract --format text prints the records"

for f in "$report" crlf.txt utf16le.txt; do
    run text "$f"
    want_rc 0
    case $f in
        utf16le.txt) lines=$(tr -cd '\n' <"$u8twin" | wc -c) ;;
        *) lines=$(tr -cd '\n' <"$f" | wc -c) ;;
    esac
    got=$(tr -cd '\n' <"$T/out" | wc -c)
    [ "$got" -eq "$lines" ] || why "$got lines, the input has $lines"
    if grep -q $'\r' "$T/out"; then why "a CR is left in the output"; fi
    done_case "text $(basename "$f"): the normalized text, with the same number of lines as the input"
done

run text "$u8twin"
want_rc 0
if ! cmp -s "$T/out" "$src/fixtures/normalize/mixed_utf8bom.expected.txt"; then
    why "differs from fixtures/normalize/mixed_utf8bom.expected.txt"
fi
done_case "text: markdown, LaTeX, NBSP, dashes and the BOM are normalized (fixtures/normalize)"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
