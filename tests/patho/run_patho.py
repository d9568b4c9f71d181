#!/usr/bin/env python3
"""Runs vnaudit on one pathological input and checks that it stays within
the issue's bounds: under a second per 50 MB of input (at least one second)
and under 256 MB of memory beyond the input's own size, or refused (exit 2)
with a message that names the limit and says what to do.

usage: run_patho.py VNAUDIT WORKDIR CASE [--scale S] [--timeout T] [--measure]

The input is made by gen.py into WORKDIR (kept there for the next run).
--measure prints the figures and never fails (for the before/after table);
--timeout kills the run after T seconds (default: 10 x the time limit).
Prints `CASE bytes cpu-seconds wall-seconds peak-MB exit`; exits 1 when a bound is broken.
Time is CPU time (user + system, both threads), so that other jobs on the
machine do not fail the test; per case, EXPECT says the rate allowed."""
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 1 << 20

# case -> (the exit statuses that are right, MB/s the time limit allows: the 50 MB/s for every case)
EXPECT = {
    'docx-footnote-cited': ({0, 1}, 50),
    'html-footnote-cited': ({0, 1}, 50),
    'docx-long-para': ({0, 1}, 50),
    'html-long-para': ({0, 1}, 50),
    'one-number-lines': ({1}, 50),      # past 500,000 lines the rules stop: a limit-reached error
    'short-lines': ({0}, 50),           # no figure: nothing left unchecked past the line limit
    'long-line': ({1}, 50),             # past 500,000 records: a limit-reached error
    'trong-do': ({1}, 50),
    'parens': ({0, 1}, 50),
    'long-digits': ({1}, 50),           # a number past 36 digits is an error finding
    'many-dots': ({0, 1}, 50),
    'combining': ({0, 1}, 50),
    'invalid-utf8': ({1}, 50),          # encoding problems are errors, never clean
    'utf16-odd': ({1}, 50),
    'docx-table': ({0, 1}, 50),
    'html-nested': ({0, 1}, 50),
    'html-attr': ({0, 1}, 50),
}


def main(argv):
    args = argv[1:]
    measure = '--measure' in args
    if measure:
        args.remove('--measure')
    scale, timeout = '1', None
    for flag in ('--scale', '--timeout'):
        if flag in args:
            i = args.index(flag)
            if flag == '--scale':
                scale = args[i + 1]
            else:
                timeout = float(args[i + 1])
            del args[i:i + 2]
    if len(args) != 3 or args[2] not in EXPECT:
        sys.stderr.write(__doc__)
        return 2
    vnaudit, workdir, case = args
    os.makedirs(workdir, exist_ok=True)
    path = os.path.join(workdir, '%s@%s' % (case, scale))
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, 'gen.py'), case, path, '--scale', scale], check=True)
    size = os.path.getsize(path)
    ok_codes, rate = EXPECT[case]
    limit_s = max(1.0, size / (rate * 1e6))
    limit_mb = size / MB + 256
    if timeout is None:
        timeout = 10 * limit_s

    def once():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        with open(os.devnull, 'wb') as null:
            p = subprocess.Popen([vnaudit, 'check', '--format', 'jsonl', path], stdout=null,
                                 stderr=subprocess.PIPE)
            try:
                _, err = p.communicate(timeout=timeout)
                rc = p.returncode
            except subprocess.TimeoutExpired:
                p.kill()
                _, err = p.communicate()
                rc = None
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time (both threads), not wall time: a machine shared by other jobs stretches the wall clock
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        # ru_maxrss of the children is the largest of any child so far: one run per process
        return rc, cpu, wall, after.ru_maxrss / 1024.0, err.decode('utf-8', 'replace')

    rc, secs, wall, peak_mb, err = once()
    shown = 'timeout' if rc is None else str(rc)
    print('%s %d %.2f %.2f %.0f %s' % (case, size, secs, wall, peak_mb, shown))
    if measure:
        return 0
    problems = []
    if rc is None:
        problems.append('did not finish within %.0f s' % timeout)
    elif rc == 2:
        # refusing is allowed when the message says what to do
        if 'vnaudit:' not in err or not any(w in err for w in ('raise', 'convert', 're-save', 'split')):
            problems.append('refused without a message saying what to do: %r' % err[:300])
    elif rc not in ok_codes:
        problems.append('exit %s, expected %s' % (rc, sorted(ok_codes)))
    if rc is not None and secs > limit_s:
        problems.append('%.2f s of CPU, over the limit of %.2f s' % (secs, limit_s))
    if peak_mb > limit_mb:
        problems.append('%.0f MB peak, over the limit of %.0f MB' % (peak_mb, limit_mb))
    for p in problems:
        print('# ' + p)
    if err.strip():
        print('# stderr: ' + err.strip()[:300].replace('\n', '\n# '))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
