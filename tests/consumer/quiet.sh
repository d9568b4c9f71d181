#!/bin/sh
# The library stays quiet: no object of libvnaudit.a reads the environment
# or names stdout/stderr or a function that writes to them by itself
# (printf, puts, perror, ...). Writing to a FILE* the caller gives (the
# report writer) is allowed. usage: quiet.sh LIBVNAUDIT.A
set -eu
lib=$1
[ -f "$lib" ] || { echo "FAIL: no $lib"; exit 1; }
undef=$(nm -u "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
[ -n "$undef" ] || { echo "FAIL: nm found no symbols in $lib"; exit 1; }
bad=$(printf '%s\n' "$undef" | grep -xE 'getenv|secure_getenv|__secure_getenv|environ|__environ|stderr|stdout|_IO_2_1_stderr_|_IO_2_1_stdout_|printf|vprintf|__printf_chk|__vprintf_chk|puts|putchar|perror|psignal|error|warn|warnx|err|errx' || true)
if [ -n "$bad" ]; then
    echo "FAIL: libvnaudit references:" $bad
    for s in $bad; do nm -A -u "$lib" 2>/dev/null | grep -w "$s" | sed 's/^/  /'; done
    exit 1
fi
echo "quiet: $(printf '%s\n' "$undef" | wc -l) undefined symbols, none reads the environment or writes to stdout/stderr"
