#!/usr/bin/env bash
# PDF tests (a build with poppler): the LibreOffice PDF of the report gives the text and the records of
# its .txt twin; records carry the page and the box; hostile PDFs (made here by make_hostile.py) end
# with exit 2 and a message within a second; a PDF of images with OCR off is "no text", exit 2.
#   usage: run_pdf.sh VNAUDIT SOURCE_DIR
set -u
bin=$1 src=$2
d=$src/fixtures/pdf
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1${2:+: $2}"; fail=$((fail + 1)); }

records() { # FILE [ARGS]: the records without file/line/col/source, sorted
    local f=$1
    shift
    "$bin" extract --format jsonl "$@" "$f" 2>"$T/err" |
        sed -e 's/"file":"[^"]*",//' -e 's/"line":[0-9]*,//' -e 's/"col":[0-9]*,//' \
            -e 's/,"source":{[^}]*}//' | LC_ALL=C sort
}

records "$src/fixtures/docs/report.txt" >"$T/want"
records "$d/report.lo.pdf" >"$T/got"
n=$(grep -c '"type":"amount"' "$T/want")
[ "$n" -ge 7 ] && [ -s "$T/got" ] && diff "$T/want" "$T/got" >"$T/diff" &&
    ok "report.lo.pdf: the same records as report.txt ($n amounts)" ||
    no "report.lo.pdf: records differ from report.txt" "$(head -c 600 "$T/diff") $(cat "$T/err")"

# the text line for line: paragraphs joined across lines, the table's rows as TAB cells across the page
# break (its repeated header row dropped), the footnote after the paragraph citing it
"$bin" text "$d/report.lo.pdf" >"$T/text" 2>"$T/err"
cmp -s "$T/text" "$src/fixtures/docs/report.txt" && ok "report.lo.pdf: text equals report.txt line for line" ||
    no "report.lo.pdf: text differs" "$(diff "$T/text" "$src/fixtures/docs/report.txt" | head -c 600)"

# the same checks (findings) as the text
"$bin" check --format jsonl "$src/fixtures/docs/report.txt" | grep '"type":"check"' |
    sed -e 's/"file":"[^"]*",//' -e 's/,"source":{[^}]*}//' | LC_ALL=C sort >"$T/cw"
"$bin" check --format jsonl "$d/report.lo.pdf" | grep '"type":"check"' |
    sed -e 's/"file":"[^"]*",//' -e 's/,"source":{[^}]*}//' | LC_ALL=C sort >"$T/cg"
[ -s "$T/cw" ] && cmp -s "$T/cw" "$T/cg" && ok "report.lo.pdf: the same checks as report.txt ($(wc -l <"$T/cw"))" ||
    no "report.lo.pdf: checks differ" "$(diff "$T/cw" "$T/cg" | head -c 400)"

# source: page and box; the total row is on page 2, the first amount on page 1
"$bin" extract --format jsonl "$d/report.lo.pdf" >"$T/out"
grep '"text":"38.640 triệu đồng"' "$T/out" | grep -qE '"source":\{"format":"pdf","kind":"paragraph","page":1,"box":\[[0-9]+,[0-9]+,[0-9]+,[0-9]+\]\}' &&
    ok "source of a paragraph's amount: format pdf, page 1, box" || no "source of a paragraph amount" "$(grep -m1 38.640 "$T/out")"
# the sum check of the total row (page 2) over the rows of page 1 and 2: the table goes on across the break
"$bin" check --format jsonl "$d/report.lo.pdf" >"$T/out"
grep '"type":"check"' "$T/out" | grep '"text":"9.273,5"' | grep '"relation":"sum"' | grep '"verdict":"consistent"' |
    grep -qE '"kind":"table_cell","table":1,"row":6,"column":4,"page":2,"box":\[[0-9]+,[0-9]+,[0-9]+,[0-9]+\]' &&
    ok "the total row's sum (page 2) holds over rows of both pages; its cell: table 1, row 6, column 4, page 2, box" ||
    no "source of a table cell on page 2" "$(grep '"text":"9.273,5"' "$T/out" | head -c 400)"

# five pages with a running header and a footer "Trang N": both dropped on every page, paragraphs
# joined across the page breaks, list items kept apart; the text is the example's (blank lines aside)
# and so are the findings
"$bin" text "$d/running.pdf" >"$T/text" 2>"$T/err"
"$bin" text "$src/examples/bao-cao-chuong-trinh.txt" | grep -v '^$' >"$T/want_text"
cmp -s "$T/text" "$T/want_text" && ! grep -q 'Trang\|Báo cáo kết quả thực hiện Chương trình 2024' "$T/text" &&
    ok "running.pdf: headers, footers and page numbers dropped; text equals the example's" ||
    no "running.pdf: text differs" "$(diff "$T/text" "$T/want_text" | head -c 600)"
"$bin" check --format jsonl "$src/examples/bao-cao-chuong-trinh.txt" | grep '"verdict":"inconsistent"' |
    sed -e 's/"file":"[^"]*",//' -e 's/"line":[0-9]*,//' -e 's/"lines":\[[0-9,]*\],//' -e 's/"section_line":[0-9]*,//' \
        -e 's/"suspect.*//' | LC_ALL=C sort >"$T/cw"
"$bin" check --format jsonl "$d/running.pdf" | grep '"verdict":"inconsistent"' |
    sed -e 's/"file":"[^"]*",//' -e 's/,"source":{[^}]*}//' -e 's/"line":[0-9]*,//' -e 's/"lines":\[[0-9,]*\],//' \
        -e 's/"section_line":[0-9]*,//' -e 's/"suspect.*//' | LC_ALL=C sort >"$T/cg"
[ "$(wc -l <"$T/cw")" -ge 3 ] && cmp -s "$T/cw" "$T/cg" &&
    ok "running.pdf: the same $(wc -l <"$T/cw") inconsistencies as the example" ||
    no "running.pdf: inconsistencies differ" "$(diff "$T/cw" "$T/cg" | head -c 600)"

# a PDF of two text pages and a scan, OCR off: the text pages are read, the scan is an error finding
# (exit 1), never a clean result
"$bin" check --ocr never --format jsonl "$d/mixed.pdf" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '"rule":"pages-not-read","severity":"error","message":"1 of 3 page' "$T/out" &&
    [ "$(grep -c '"type":"amount"' "$T/out")" -eq "$n" ] &&
    ok "mixed.pdf with --ocr never: text pages read, the scanned page a pages-not-read error, exit 1" ||
    no "mixed.pdf with --ocr never" "rc=$rc $(grep pages-not-read "$T/out" | head -c 300)"

# hostile PDFs: exit 2, a message naming the file and the reason, nothing on stdout, fast
python3 "$d/make_hostile.py" "$T/h"
hostile() { # FILE REGEX [ARGS...]
    local f=$1 re=$2
    shift 2
    local t0 t1 ms rc name
    t0=$(date +%s%N)
    "$bin" extract "$@" "$f" >"$T/out" 2>"$T/err"
    rc=$?
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    name=$(basename "$f")
    if [ $rc -eq 2 ] && [ ! -s "$T/out" ] && grep -qF "$name" "$T/err" && grep -qiE "$re" "$T/err" &&
        [ $ms -lt "${VNAUDIT_INGEST_MAX_MS:-1000}" ]; then
        ok "$name: exit 2 in ${ms} ms: $(head -c 160 "$T/err")"
    else
        no "$name: rc=$rc in ${ms} ms" "$(head -c 300 "$T/err")"
    fi
}
hostile "$T/h/bomb.pdf" 'inflates more than 200 times'
# with a 64 MB input limit the streams may inflate to 32 MB together (the default, 256 MiB, takes a
# third of a second to reach, too close to the time limit on a loaded machine)
hostile "$T/h/bombs.pdf" 'inflate to more than 32000000 bytes' --max-input-bytes 64000000
hostile "$T/h/deep.pdf" 'no text' --ocr never
hostile "$T/h/pages.pdf" '5000 pages, over the limit of 2000'
hostile "$T/h/count.pdf" 'no pages|cannot be read'
hostile "$T/h/loop.pdf" 'cannot be read|no pages'
hostile "$T/h/truncated.pdf" 'broken'
hostile "$T/h/scan-blank.pdf" 'no text layer.*OCR is off' --ocr never
hostile "$d/scan-page.pdf" 'no text layer on its 1 page.*OCR is off' --ocr never
hostile "$d/scan-page.png" 'an image, and OCR is off' --ocr never
hostile "$d/report.lo.pdf" 'over the input limit|limit' --max-input-bytes 30000

# --ocr takes auto, always or never
"$bin" extract --ocr sometimes "$d/report.lo.pdf" >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && grep -q "invalid --ocr value 'sometimes'" "$T/err" && ok "--ocr sometimes: usage error, exit 2" ||
    no "--ocr with a bad value" "$(head -c 200 "$T/err")"

# a batch goes on past a hostile PDF
"$bin" extract --format jsonl "$T/h/bomb.pdf" "$d/report.lo.pdf" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(grep -c '"type":"amount"' "$T/out")" -eq "$n" ] &&
    ok "batch: a PDF bomb, then a good PDF still read" || no "batch past a PDF bomb" "rc=$rc"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
