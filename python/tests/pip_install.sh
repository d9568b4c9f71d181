#!/bin/sh
# `pip install ./python` as a user runs it, offline (--no-index: pip's build
# isolation must need nothing from PyPI), into a temporary directory, then
# the one-liner of the README from another directory: its count must be the
# tool's. usage: pip_install.sh PYTHON SOURCE_DIR BUILD_DIR VNAUDIT
set -eu
py=$1 src=$2 build=$3 tool=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
VNAUDIT_BUILD_DIR=$build "$py" -m pip install --no-index --no-deps --target "$tmp/site" ./python \
    >"$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log"; echo "FAIL: pip install ./python"; exit 1; }
n=$(cd "$src" && PYTHONPATH=$tmp/site "$py" -c "import vnaudit; print(len(vnaudit.check('examples/bao-cao-chuong-trinh.txt')))")
want=$("$tool" check --format jsonl examples/bao-cao-chuong-trinh.txt | wc -l)
[ "$n" -eq "$want" ] && [ "$n" -gt 0 ] || { echo "FAIL: the binding gives $n records, the tool $want"; exit 1; }
# the archive part of the module (it links SQLite): the example folder as ingest stores it
d=$(cd "$src" && PYTHONPATH=$tmp/site "$py" -c "import sys, vnaudit; print(vnaudit.archive_store(sys.argv[1], ['examples'])['stored'])" "$tmp/a.sqlite")
"$tool" ingest -q --db "$tmp/b.sqlite" examples || [ $? -eq 1 ]
want=$("$py" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from documents').fetchone()[0])" "$tmp/b.sqlite")
[ "$d" -eq "$want" ] && [ "$d" -gt 0 ] || { echo "FAIL: archive_store stored $d documents, ingest $want"; exit 1; }
echo "pip_install: vnaudit installed offline, $n records as the tool"
