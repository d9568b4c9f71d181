#!/usr/bin/env bash
# CLI tests: exit codes and messages, bad input, batches.
#   usage: cli.sh VNAUDIT SOURCE_DIR
set -u
bin=$1 src=$2
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1"; fail=$((fail + 1)); }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }

printf 'Vốn giao 2.412trđ, giải ngân 78,8/2.412trđ, đạt 3,3%% KH.\n' > "$t/good.txt"

"$bin" --help > "$t/o" 2>&1; check "--help exits 0" '[ $? -eq 0 ] && grep -q usage "$t/o"'
"$bin" --version > "$t/o" 2>&1; check "--version exits 0" '[ $? -eq 0 ] && grep -q "vnaudit [0-9]" "$t/o"'
"$bin" extract --bogus "$t/good.txt" > /dev/null 2> "$t/e"; rc=$?
check "unknown option exits 2 with usage" '[ $rc -eq 2 ] && grep -q "unknown option" "$t/e"'
"$bin" frobnicate x > /dev/null 2> "$t/e"; rc=$?
check "unknown command exits 2" '[ $rc -eq 2 ] && grep -q "unknown command" "$t/e"'
"$bin" extract "$t/missing.txt" "$t/good.txt" > "$t/o" 2> "$t/e"; rc=$?
check "missing file: exit 2, named, batch goes on" '[ $rc -eq 2 ] && grep -q "missing.txt" "$t/e" && [ $(grep -c amount "$t/o") -eq 3 ]'

printf 'a \xff\xfe b\n5 triệu đồng\n' > "$t/bad.txt"
"$bin" check --format jsonl "$t/bad.txt" > "$t/o" 2> "$t/e"; rc=$?
check "invalid UTF-8: exit 1, offset named, records kept" '[ $rc -eq 1 ] && grep -q "bad.txt.*byte offset 2" "$t/e" && grep -q invalid-encoding "$t/o" && grep -q 5000000 "$t/o"'
printf 'a\0b\n5 triệu đồng\n' > "$t/nul.txt"
"$bin" check --format jsonl "$t/nul.txt" > "$t/o" 2> "$t/e"; rc=$?
check "NUL byte: exit 1, nul-byte finding, records kept" '[ $rc -eq 1 ] && grep -q nul-byte "$t/o" && grep -q 5000000 "$t/o"'
head -c 4000 /dev/zero > "$t/zero.bin"
"$bin" extract "$t/zero.bin" > /dev/null 2> "$t/e"; rc=$?
check "binary data: exit 2 with a reason" '[ $rc -eq 2 ] && grep -q "NUL byte at offset 0" "$t/e"'
printf 'PK\003\004rest' > "$t/doc.docx"
"$bin" extract "$t/doc.docx" > /dev/null 2> "$t/e"; rc=$?
check "ZIP container: exit 2 with a reason" '[ $rc -eq 2 ] && grep -q "ZIP" "$t/e"'

"$bin" extract "$t/good.txt" | sed 's/"file":"[^"]*"//' > "$t/utf8.jsonl"
python_free_utf16() { # UTF-8 -> UTF-16 with BOM via iconv
    printf "$2" > "$t/bom"; iconv -f UTF-8 -t "$1" "$t/good.txt" | cat "$t/bom" - > "$t/u16.txt"; }
if command -v iconv > /dev/null; then
    python_free_utf16 UTF-16LE '\377\376'
    "$bin" extract "$t/u16.txt" | sed 's/"file":"[^"]*"//' > "$t/x.jsonl"
    check "UTF-16LE with BOM gives the same records" 'cmp -s "$t/utf8.jsonl" "$t/x.jsonl"'
    python_free_utf16 UTF-16BE '\376\377'
    "$bin" extract "$t/u16.txt" | sed 's/"file":"[^"]*"//' > "$t/x.jsonl"
    check "UTF-16BE with BOM gives the same records" 'cmp -s "$t/utf8.jsonl" "$t/x.jsonl"'
fi
sed 's/$/\r/' "$t/good.txt" > "$t/crlf.txt"
"$bin" extract "$t/crlf.txt" | sed 's/"file":"[^"]*"//' > "$t/x.jsonl"
check "CRLF gives the same records" 'cmp -s "$t/utf8.jsonl" "$t/x.jsonl"'
"$bin" extract - < "$t/good.txt" | sed 's/"file":"[^"]*"//' > "$t/x.jsonl"
check "stdin via -" 'cmp -s "$t/utf8.jsonl" "$t/x.jsonl"'
"$bin" extract --max-input-bytes 10 "$t/good.txt" > /dev/null 2> "$t/e"; rc=$?
check "input limit: exit 2 naming the limit" '[ $rc -eq 2 ] && grep -q "limit of 10 bytes" "$t/e"'
"$bin" extract --format csv "$t/good.txt" > "$t/o"; rc=$?
check "csv: header and rows" '[ $rc -eq 0 ] && head -1 "$t/o" | grep -q "^file,line,col,type" && [ $(wc -l < "$t/o") -eq 5 ]'
printf 'Số: /BC-UBND\n' > "$t/ph.txt"
"$bin" check --format jsonl "$t/ph.txt" > "$t/o"; rc=$?
check "placeholder is a warning, exit 0" '[ $rc -eq 0 ] && grep -q unfilled-placeholder "$t/o"'
"$bin" text "$src/examples/bao-cao-chuong-trinh.txt" > "$t/o"; rc=$?
check "text keeps the line count" '[ $rc -eq 0 ] && [ $(wc -l < "$t/o") -eq $(wc -l < "$src/examples/bao-cao-chuong-trinh.txt") ]'

# pathological: one 50 MB line of numbers and combining marks, and a flood of marks
awk 'BEGIN { for (i = 0; i < 600000; i++) printf "gia\xcc\x89i nga\xcc\x82n 12,5 tri\xe1\xbb\x87u \xc4\x91\xe1\xbb\x93ng; "; print "" }' > "$t/long.txt"
awk 'BEGIN { printf "a"; for (i = 0; i < 2000000; i++) printf "\xcc\x81"; print "" }' > "$t/marks.txt"
for f in long marks; do
    /usr/bin/env time -f '%M' -o "$t/mem" timeout 60 "$bin" extract "$t/$f.txt" > "$t/o" 2> /dev/null; rc=$?
    mem=$(tail -1 "$t/mem" 2> /dev/null || echo 0)
    check "pathological $f line: exit 0, bounded memory ($mem KiB)" '[ $rc -eq 0 ] && [ "${mem:-0}" -lt 1500000 ]'
done
check "long line: every amount found" '[ $(grep -c amount "$t/o.long" 2>/dev/null || "$bin" extract "$t/long.txt" | grep -c amount) -eq 600000 ]'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
