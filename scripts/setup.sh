#!/bin/sh
# Installs what vnaudit needs to build and test (--build-only: to build), from Debian's packages,
# skipping what is already installed. Run as root (or with sudo available).
set -eu
PKGS="build-essential cmake pkg-config libpcre2-dev libicu-dev libxml2-dev libzip-dev libsqlite3-dev libcmocka-dev libinih-dev python3-jsonschema
      libpoppler-glib-dev libcairo2-dev libtesseract-dev libleptonica-dev tesseract-ocr-vie tesseract-ocr-eng
      gettext chromium fonts-noto-core python3-websocket python3-fonttools groff-base clang libclang-rt-14-dev valgrind
      python3-dev python3-pip python3-venv python3-pytest python3-pandas python3-dask python3-distributed"
# --build-only: what building the tool needs (cmake -DVNAUDIT_TESTS=OFF -DVNAUDIT_PYTHON=OFF), not what the
# tests and the Python binding need (the test framework, the browser and fonts of the HTML test, the schema
# validator, groff, Python's headers and tools): the README's first command
TEST_PKGS="libcmocka-dev python3-jsonschema chromium fonts-noto-core python3-websocket python3-fonttools groff-base
           clang libclang-rt-14-dev valgrind
           python3-dev python3-pip python3-venv python3-pytest python3-pandas python3-dask python3-distributed"
if [ "${1:-}" = "--build-only" ]; then
    build=""
    for p in $PKGS; do
        case " $(echo $TEST_PKGS) " in *" $p "*) ;; *) build="$build $p" ;; esac
    done
    PKGS=$build
fi
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "setup: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
