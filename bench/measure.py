#!/usr/bin/env python3
"""Helper for bench/run.sh (standard library only).

  measure.py run [--ok CODES] [--out PATH] -- CMD [ARG...]
      Run CMD once as a fresh child process, stdout to PATH (default
      /dev/null), stderr kept in a temporary file.  Prints one line
      "WALL_SECONDS MAXRSS_KIB EXIT_CODE".  WALL is measured around spawn and
      wait only (not this script's start-up); MAXRSS is the child's peak
      resident set (ru_maxrss from wait4, which includes any descendants it
      waited for).  Exits 1, with the tail of the child's stderr, when the
      exit code is not in CODES (comma-separated, default "0").

  measure.py count
      Read JSON Lines on stdin; print "LINES (type N, type N, ...)".

  measure.py report RESULTS.tsv
      Print the summary table from the per-run rows that run.sh collected:
      corpus  size_tag  bytes  command  round  wall  maxrss_kib
"""
import collections
import os
import re
import statistics
import sys
import tempfile
import time

MIB = 1024 * 1024


def die(msg, code=1):
    sys.stderr.write('measure.py: %s\n' % msg)
    sys.exit(code)


# ------------------------------------------------------------------ run
def cmd_run(args):
    ok = {0}
    out = os.devnull
    while args and args[0] != '--':
        if args[0] == '--ok' and len(args) > 1:
            ok = {int(c) for c in args[1].split(',')}
            args = args[2:]
        elif args[0] == '--out' and len(args) > 1:
            out = args[1]
            args = args[2:]
        else:
            die('run: unknown option %r' % args[0], 2)
    argv = args[1:]
    if not argv:
        die('run: no command given', 2)

    with tempfile.NamedTemporaryFile(prefix='vnaudit-bench-err-') as err:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, out,
             os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        t0 = time.perf_counter()
        try:
            pid = os.posix_spawnp(argv[0], argv, os.environ,
                                  file_actions=actions)
        except OSError as e:
            die('cannot run %s: %s' % (argv[0], e.strerror))
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - t0
        rc = os.waitstatus_to_exitcode(status)

        print('%.6f %d %d' % (wall, usage.ru_maxrss, rc), flush=True)
        if rc not in ok:
            err.seek(0)
            tail = err.read()[-2000:].decode('utf-8', 'replace').rstrip()
            what = 'signal %d' % -rc if rc < 0 else 'exit status %d' % rc
            sys.stderr.write('\n')    # end run.sh's progress line
            die('command failed (%s): %s%s' % (
                what, ' '.join(argv),
                '\n--- its stderr (tail) ---\n' + tail if tail else ''))


# ------------------------------------------------------------------ count
_TYPE = re.compile(rb'"type"\s*:\s*"([^"]*)"')


def cmd_count(_args):
    lines = 0
    types = collections.Counter()
    for line in sys.stdin.buffer:
        lines += 1
        m = _TYPE.search(line)
        types[m.group(1).decode('utf-8', 'replace') if m else '?'] += 1
    detail = ', '.join('%s %d' % kv for kv in sorted(types.items()))
    print('%d (%s)' % (lines, detail) if detail else '0')


# ------------------------------------------------------------------ report
def cmd_report(args):
    if len(args) != 1:
        die('report: expected RESULTS.tsv', 2)
    walls = collections.OrderedDict()      # (corpus, tag, cmd) -> [wall]
    rss = {}                                # (corpus, tag, cmd) -> max KiB
    size = {}                               # (corpus, tag) -> bytes
    with open(args[0], encoding='utf-8') as fh:
        for row in fh:
            corpus, tag, nbytes, cmd, _rnd, wall, kib = \
                row.rstrip('\n').split('\t')
            key = (corpus, tag, cmd)
            walls.setdefault(key, []).append(float(wall))
            rss[key] = max(rss.get(key, 0), int(kib))
            size[(corpus, tag)] = int(nbytes)
    if not walls:
        die('report: no measurements')

    med = {k: statistics.median(v) for k, v in walls.items()}

    def mbps(key):
        return size[key[:2]] / MIB / med[key]

    rows = [('corpus', 'command', 'MB/s', 'median s', 'peak RSS MiB')]
    for key in walls:
        corpus, tag, cmd = key
        rows.append(('%s %s' % (corpus, tag), cmd, '%.1f' % mbps(key),
                     '%.3f' % med[key], '%.1f' % (rss[key] / 1024)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print('  '.join(c.ljust(w) if i < 2 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(r, widths))))

    # vnaudit / peer throughput, per corpus (on the corpora the peer ran on)
    lines = []
    for corpus, tag in size:
        peer = (corpus, tag, 'peer')
        if peer not in med:
            continue
        for cmd in ('vnaudit extract', 'vnaudit check'):
            mine = (corpus, tag, cmd)
            if mine in med:
                label = corpus if cmd == 'vnaudit extract' else \
                    corpus + ' (check)'
                lines.append('%s: %s %.1f MB/s, peer %.1f MB/s, ratio %.1fx' % (
                    label, cmd, mbps(mine), mbps(peer),
                    mbps(mine) / mbps(peer)))
    if lines:
        print('\n' + '\n'.join(lines))

    # linearity: same corpus kind and command on two sizes
    tags = []
    for _, tag in size:
        if tag not in tags:
            tags.append(tag)
    if len(tags) >= 2:
        big, small = tags[0], tags[1]
        lines = []
        for corpus, tag, cmd in walls:
            if tag != big or cmd == 'peer' or \
                    (corpus, small, cmd) not in med:
                continue
            t = med[(corpus, big, cmd)] / med[(corpus, small, cmd)]
            s = size[(corpus, big)] / size[(corpus, small)]
            lines.append('linearity %s %s: time(%s)/time(%s) = %.2f '
                         '(input %.2fx; %.0f = linear, %.0f = quadratic)' % (
                             corpus, cmd, big, small, t, s, s, s * s))
        if lines:
            print('\n' + '\n'.join(lines))


def main(argv):
    if len(argv) < 2 or argv[1] in ('-h', '--help'):
        sys.stdout.write(__doc__)
        return 0 if len(argv) >= 2 else 2
    sub = {'run': cmd_run, 'count': cmd_count, 'report': cmd_report}
    if argv[1] not in sub:
        die('unknown subcommand %r (run, count, report)' % argv[1], 2)
    sub[argv[1]](argv[2:])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
