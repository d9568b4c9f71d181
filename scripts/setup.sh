#!/bin/sh
# Installs what vnaudit needs to build and test, from Debian's packages,
# skipping what is already installed. Run as root (or with sudo available).
set -eu
PKGS="build-essential cmake pkg-config libpcre2-dev libicu-dev libxml2-dev libzip-dev libcmocka-dev python3-jsonschema libpoppler-glib-dev libcairo2-dev libtesseract-dev libleptonica-dev tesseract-ocr-vie tesseract-ocr-eng"
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
