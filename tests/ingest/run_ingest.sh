#!/usr/bin/env bash
# Ingest tests: documents (DOCX, ODT, FODT, HTML from pandoc and LibreOffice)
# give the same records as their plain-text twin; merged table cells stay in
# their columns; hostile inputs end in a clear error (exit 2) within a second.
#   usage: run_ingest.sh VNAUDIT SOURCE_DIR
set -u
bin=$1 src=$2
d=$src/fixtures/docs
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1${2:+: $2}"; fail=$((fail + 1)); }

# the records of a file without file/line/col/source, sorted: a multiset
records() { # FILE
    "$bin" extract --format jsonl "$1" 2>"$T/err" |
        sed -e 's/"file":"[^"]*",//' -e 's/"line":[0-9]*,//' -e 's/"col":[0-9]*,//' \
            -e 's/,"source":{[^}]*}//' | LC_ALL=C sort
}
records "$d/report.txt" >"$T/want"
n_amounts=$(grep -c '"type":"amount"' "$T/want")
n_refs=$(grep -c '"type":"reference"' "$T/want")
[ "$n_amounts" -ge 7 ] && [ "$n_refs" -ge 4 ] && ok "report.txt: $n_amounts amounts, $n_refs references" ||
    no "report.txt gives too few records" "$n_amounts amounts, $n_refs references"

for f in report.pandoc.docx report.lo.docx report.lo.doc report.pandoc.odt report.lo.odt report.lo.fodt \
         report.lo.html report.pandoc.html report.cp1258.html; do
    records "$d/$f" >"$T/got"
    if [ -s "$T/got" ] && diff "$T/want" "$T/got" >"$T/diff"; then
        ok "$f: the same records as report.txt (multiset)"
    else
        no "$f: records differ from report.txt" "$(head -c 600 "$T/diff") $(cat "$T/err")"
    fi
done

# the text itself, line for line (notes follow the paragraph that cites them,
# in HTML too, where pandoc and LibreOffice put them at the end of the page)
for f in report.pandoc.docx report.lo.docx report.lo.doc report.pandoc.odt report.lo.odt report.lo.fodt \
         report.lo.html report.pandoc.html report.cp1258.html; do
    "$bin" text "$d/$f" >"$T/text" 2>"$T/err"
    cmp -s "$T/text" "$d/report.txt" && ok "$f: text equals report.txt line for line" ||
        no "$f: text differs from report.txt" "$(diff "$T/text" "$d/report.txt" | head -c 400)"
done

# the "Tổng cộng" row as one TAB-separated line
grep -q "$(printf '^\tTổng cộng\t38.640\t9.273,5\t24,0$')" <("$bin" text "$d/report.lo.odt") &&
    ok "table row: Tổng cộng line with TAB-separated cells" || no "no TAB-separated Tổng cộng row"

# merged cells (gridSpan/vMerge, number-columns-spanned/covered cells, colspan/rowspan)
for f in table-merged.docx table-merged.odt table-merged.fodt table-merged.html; do
    "$bin" text "$d/$f" >"$T/text" 2>"$T/err"
    cmp -s "$T/text" "$d/table-merged.txt" && ok "$f: merged cells keep their columns" ||
        no "$f: table text differs" "$(diff "$T/text" "$d/table-merged.txt" | cat -A | head -c 600)"
done

# the odd corners of WordprocessingML (fixtures/docs/make_edge.py says which)
"$bin" text "$d/edge.docx" >"$T/text" 2>"$T/err"
cmp -s "$T/text" "$d/edge.txt" && ok "edge.docx: tab stops, breaks, deletions, fields, text box, endnote, header, grid" ||
    no "edge.docx: text differs" "$(diff "$T/text" "$d/edge.txt" | cat -A | head -c 600)"

# HTML charsets: windows-1258 without any declaration (not valid UTF-8, so
# the default applies), UTF-8 with a BOM, invalid bytes in UTF-8
sed 's/<meta http-equiv="content-type"[^>]*>//I' "$d/report.cp1258.html" >"$T/nometa.html"
records "$T/nometa.html" >"$T/got"
diff -q "$T/want" "$T/got" >/dev/null && ok "HTML in windows-1258 without a declaration: same records" ||
    no "HTML windows-1258 without a declaration" "$(diff "$T/want" "$T/got" | head -c 300)"
sed 's/charset=utf-8/charset=windows-1258/I' "$d/report.lo.html" >"$T/mislabeled.html"
records "$T/mislabeled.html" >"$T/got"
diff -q "$T/want" "$T/got" >/dev/null && ok "HTML in UTF-8 whose <meta> says windows-1258: read as UTF-8" ||
    no "HTML mislabeled as windows-1258" "$(diff "$T/want" "$T/got" | head -c 300)"
{ printf '\357\273\277'; cat "$d/report.pandoc.html"; } >"$T/bom.html"
records "$T/bom.html" >"$T/got"
diff -q "$T/want" "$T/got" >/dev/null && ok "HTML in UTF-8 with a BOM: same records" || no "HTML UTF-8 BOM"
printf '<p>Vốn giao \377 5 triệu đồng</p>\n' >"$T/bad.html"
"$bin" check --format jsonl "$T/bad.html" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q invalid-encoding "$T/out" && grep -q '"value_dong":"5000000"' "$T/out" &&
    ok "HTML with an invalid UTF-8 byte: exit 1, invalid-encoding finding, records kept" ||
    no "HTML with an invalid byte" "rc=$rc $(cat "$T/out" "$T/err" | head -c 300)"

# detection by content: a DOCX on standard input, a DOCX named .txt
"$bin" extract --format jsonl - <"$d/report.pandoc.docx" >"$T/out" 2>"$T/err"
[ "$(grep -c '"type":"amount"' "$T/out")" -eq "$n_amounts" ] && ok "DOCX on standard input" ||
    no "DOCX on standard input" "$(cat "$T/err")"
cp "$d/report.lo.odt" "$T/odt-named.txt"
[ "$(records "$T/odt-named.txt" | grep -c '"type":"amount"')" -eq "$n_amounts" ] &&
    ok "ODT named .txt: read as ODT" || no "ODT named .txt"

# hostile inputs: exit 2, a message naming the file and the reason, nothing on stdout, under a second
hostile() { # FILE REGEX [ARGS...]
    local f=$1 re=$2
    shift 2
    local t0 t1 ms rc
    t0=$(date +%s%N)
    "$bin" extract "$@" "$f" >"$T/out" 2>"$T/err"
    rc=$?
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    local name
    name=$(basename "$f")
    if [ $rc -eq 2 ] && [ ! -s "$T/out" ] && grep -qF "$name" "$T/err" && grep -qiE "$re" "$T/err" &&
        [ $ms -lt "${VNAUDIT_INGEST_MAX_MS:-1000}" ]; then
        ok "$name: exit 2 in ${ms} ms: $(head -c 160 "$T/err")"
    else
        no "$name: rc=$rc in ${ms} ms" "$(head -c 300 "$T/err")"
    fi
}
hostile "$d/hostile-bomb.docx" 'ratio|bomb'
hostile "$d/hostile-liar.docx" 'declared size|bomb|crc|corrupt'
hostile "$d/hostile-laughs.docx" 'DTD|entity'
hostile "$d/hostile-xxe.docx" 'DTD|entity'
hostile "$d/hostile-xxe.fodt" 'DTD|entity'
hostile "$d/hostile-deep.docx" 'nested|depth'
hostile "$d/hostile-malformed.docx" 'well-formed.*line'
hostile "$d/hostile-truncated.docx" 'truncated|corrupt'
hostile "$d/hostile-other.zip" 'neither DOCX.*nor ODT'
hostile "$d/hostile-sheet.ods" 'not a text document'
hostile "$d/report.pandoc.docx" 'limit' --max-input-bytes 20000
for f in hostile-xxe.docx hostile-xxe.fodt; do
    "$bin" text "$d/$f" 2>&1 | grep -q 'root:' && no "$f: /etc/passwd was read" || ok "$f: /etc/passwd not read"
done

# a batch goes on past a broken document
"$bin" extract --format jsonl "$d/hostile-truncated.docx" "$d/report.lo.docx" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(grep -c '"type":"amount"' "$T/out")" -eq "$n_amounts" ] &&
    ok "batch: a truncated DOCX, then a good one still read" || no "batch past a broken document" "rc=$rc"

# Word 97-2003 in legacy fonts (LibreOffice's .doc of report.txt with its runs in .VnTime/.VnTimeH and
# VNI-Times): the same amounts and references, and a note naming the encoding detected
figures() { # FILE: amounts and references, one a line, sorted
    "$bin" extract --format jsonl "$1" 2>"$T/err" | grep -o '"value_dong":"[0-9]*"\|"number":"[^"]*","year":[0-9]*,"code":"[^"]*"' |
        LC_ALL=C sort
}
figures "$d/report.txt" >"$T/want_fig"
for e in tcvn3 vni; do
    f=report.$e.lo.doc
    figures "$d/$f" >"$T/got_fig"
    if [ -s "$T/got_fig" ] && cmp -s "$T/want_fig" "$T/got_fig"; then
        ok "$f: the amounts and references of report.txt"
    else
        no "$f: figures differ from report.txt" "$(diff "$T/want_fig" "$T/got_fig" | head -c 400)"
    fi
    "$bin" check --format jsonl "$d/$f" | grep -qi "\"rule\":\"legacy-encoding\".*converted from $e" &&
        ok "$f: reported as converted from $e" || no "$f: no legacy-encoding note naming $e"
done

# a broken .doc: cut short, or its sector chains pointing outside the file or in a loop
head -c 9000 "$d/report.lo.doc" >"$T/cut.doc"
python3 - "$d/report.lo.doc" "$T/loop.doc" <<'PY'
import sys, struct
b = bytearray(open(sys.argv[1], 'rb').read())
fat = 512 + 512 * struct.unpack_from('<I', b, 0x4C)[0]      # the first FAT sector
for i in range(128):                                        # every link points to itself
    struct.pack_into('<I', b, fat + 4 * i, i)
open(sys.argv[2], 'wb').write(b)
PY
for f in cut.doc loop.doc; do
    start=$(date +%s%N)
    "$bin" extract "$T/$f" >/dev/null 2>"$T/err"; rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$rc" -eq 2 ] && grep -q "Word 97-2003" "$T/err" && [ "$ms" -lt "${VNAUDIT_INGEST_MAX_MS:-1000}" ]; then
        ok "$f: exit 2 in ${ms} ms: $(head -c 120 "$T/err")"
    else
        no "$f: exit $rc after ${ms} ms" "$(head -c 300 "$T/err")"
    fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
