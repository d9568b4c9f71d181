#!/usr/bin/env python3
"""Helper for bench/archive.sh (standard library only): times `vnaudit ingest
-j 1` against `-j 2` on one folder.

  archive_time.py VNAUDIT FOLDER WORKDIR ROUNDS NICE

Each round runs -j 1 then -j 2 (alternating, so a busy spell of a shared
machine falls on both), each into a fresh database, as a child process with
`--verbose` (its summary line gives the CPU seconds of the reader threads and
of the main thread: walk, writer, index build). Prints, per -j, the median
wall time with documents/s and MB/s, the CPU seconds, and the ratio; the load
average before and after; and checks that both did the same work: the same
documents with the same statuses and the same records, byte for byte.

NICE (0: none) runs the children at that niceness (negative needs root): on a
machine shared with other work, the two runs then compete with each other
rather than with it."""
import hashlib
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time

SUMMARY = re.compile(r"CPU: readers ([0-9.]+) s, writer ([0-9.]+) s")


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run(vn, folder, db, jobs, nice):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    argv = [vn, "ingest", "--db", db, "-j", str(jobs), "--verbose", folder]
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                if nice:
                    os.nice(nice)
                os.dup2(err.fileno(), 2)
                fd = os.open(os.devnull, os.O_RDWR)
                os.dup2(fd, 0)
                os.dup2(fd, 1)
                # the summary parsed below is English (LC_ALL=C), whatever the caller's locale
                os.execve(vn, argv, dict(os.environ, LC_ALL="C"))
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - t0
        rc = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    m = SUMMARY.search(text)
    if rc not in (0, 1):
        sys.exit(f"archive_time.py: ingest -j {jobs} failed ({rc}): {text[-2000:]}")
    # a vnaudit from before the summary gave the split: CPU in total only
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "readers": float(m.group(1)) if m else 0.0,
            "writer": float(m.group(2)) if m else 0.0}


def content(db):
    """What a run stored, independent of ids and times."""
    con = sqlite3.connect(db)
    try:
        h = hashlib.sha256()
        for row in con.execute("SELECT path, status, format, n_records, n_checks, n_inconsistent FROM documents"
                               " ORDER BY path"):
            h.update(repr(row).encode())
        for (j,) in con.execute("SELECT r.json FROM records r JOIN documents d ON d.id = r.document_id"
                                " ORDER BY d.path, r.seq"):
            h.update(j.encode())
        n_docs, n_rec = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM records)").fetchone()
        return h.hexdigest(), n_docs, n_rec
    finally:
        con.close()


def main():
    vn, folder, work, rounds, nice = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    n_docs = sum(len(files) for _, _, files in os.walk(folder))
    n_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files)
    print(f"folder: {n_docs} documents, {n_bytes // 1024} KiB; {os.cpu_count()} cores; load average before: {load()}"
          + (f"; runs at nice {nice}" if nice else ""))
    res = {1: [], 2: []}
    work_done = {}
    for r in range(rounds):
        for j in (1, 2):
            db = os.path.join(work, f"j{j}.sqlite")
            res[j].append(run(vn, folder, db, j, nice))
            if r == 0:
                work_done[j] = content(db)
    med = {j: {k: statistics.median(x[k] for x in res[j]) for k in res[j][0]} for j in res}
    for j in (1, 2):
        m = med[j]
        print(f"ingest -j {j}: {m['wall']:6.2f} s  {n_docs / m['wall']:7.1f} documents/s  "
              f"{n_bytes / 1e6 / m['wall']:6.2f} MB/s   CPU {m['cpu']:.2f} s: readers {m['readers']:.2f} s, "
              f"writer (main thread) {m['writer']:.2f} s   (median of {rounds}; walls "
              + " ".join(f"{x['wall']:.2f}" for x in res[j]) + ")")
    m1 = med[1]
    # -j 1 overlaps one reader with the writer: it cannot take less than the
    # larger of the two; -j 2 not less than all the CPU shared by two cores
    total = m1["readers"] + m1["writer"]
    bound = 2 * max(m1["readers"], m1["writer"]) / total if total else 0
    print(f"ratio -j 2 / -j 1: {med[1]['wall'] / med[2]['wall']:.2f}x  "
          + (f"(at most {bound:.2f}x on two idle cores with this split of CPU)" if bound else "")
          + f"; load average after: {load()}")
    same = work_done[1] == work_done[2]
    print(f"same work: {'yes' if same else 'NO'} ({work_done[1][1]} documents, {work_done[1][2]} records stored by each;"
          f" content sha256 {work_done[1][0][:12]})")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
