#!/bin/sh
# The message catalogs, kept with Debian's gettext tools.
#
#   po/update.sh          extracts the messages from the sources into
#                         po/vnaudit.pot and merges them into each po/LANG.po
#                         (new messages come in untranslated; run after
#                         changing a message, then translate them)
#   po/update.sh --check  fails unless every message of the sources is in
#                         each po/LANG.po, translated, none fuzzy (a ctest test)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

extract() {
    find cli common extract ingest normalize pipeline report validate -name '*.c' | LC_ALL=C sort >"$1.files"
    xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --no-location --sort-output \
        --keyword=vn_tr:2 --keyword=vn_trp:2c,3 --keyword=vn_trn:2,3 --keyword=vn_gettext:2 --keyword=N_ \
        --keyword=usage_error:2 --keyword=vn_ingest_fail:4 --flag=vn_ingest_fail:4:c-format --package-name=vnaudit --msgid-bugs-address=none \
        --files-from="$1.files" -o "$1"
    rm -f "$1.files"
}

if [ "${1:-}" = "--check" ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    extract "$tmp/vnaudit.pot"
    status=0
    for po in po/*.po; do
        # every message of the sources has an entry (msgcmp lists those missing)
        msgcmp --use-untranslated "$po" "$tmp/vnaudit.pot" || status=1
        stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || status=1
        echo "$po: $stats"
        case $stats in
            *untranslated* | *fuzzy*) echo "$po: not complete" >&2; status=1 ;;
        esac
    done
    exit $status
fi

extract po/vnaudit.pot
for po in po/*.po; do
    msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-output --no-location "$po" po/vnaudit.pot
done
