#!/usr/bin/env python3
"""vnaudit.dask on a local cluster (a scheduler in this process and two
worker processes on loopback, started and stopped here), against a
single-machine `vnaudit ingest` of the same folder.

usage: dask_test.py equal|faults|cli VNAUDIT SOURCE_DIR

The folder: the repository's fixtures/ (every format, hostile documents)
and examples/, plus files made here (empty, a FIFO, a broken link, a link
back up the tree, a name that is not UTF-8). Relative paths, with the
workers started from another working folder than the client's.

equal   the merged archive equals ingest's, record for record (compare.py:
        documents, records, checks, diagnostics by content; ids, times and
        runs aside), both workers wrote shards, no shard is left; the
        comparison sees a changed value; a second audit of the same folder
        reads nothing again and changes nothing; a shard left over by a
        partition that ran twice is merged without doubling anything.
faults  a worker killed with SIGKILL in the middle of the run: its
        documents were started by it and done again by another process,
        and the archive equals ingest's (nothing lost, nothing doubled);
        then a document that kills its worker every time it is read gets
        an error row saying so, and every other document is as ingest's.
cli     `dask scheduler` and `dask worker --nworkers 2` processes, then
        `python -m vnaudit.dask --scheduler ADDR` with paths and a manifest:
        the archive equals ingest's, exit status 1 (documents not ok), a
        second run reads only what was never read, usage errors exit 2.
"""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402

VN, SRC = None, None
FAILS = []


def check(cond, what):
    print(("ok  " if cond else "FAIL") + ": " + what, flush=True)
    if not cond:
        FAILS.append(what)


def make_folder(root):
    """in/: fixtures/, examples/ and the odd files; returns its name."""
    top = os.path.join(root, "in")
    shutil.copytree(os.path.join(SRC, "fixtures"), os.path.join(top, "fixtures"), symlinks=True)
    shutil.copytree(os.path.join(SRC, "examples"), os.path.join(top, "examples"), symlinks=True)
    odd = os.path.join(top, "odd")
    os.makedirs(odd)
    open(os.path.join(odd, "rong.txt"), "wb").close()
    os.mkfifo(os.path.join(odd, "ong.fifo"))
    os.symlink("khong-co.txt", os.path.join(odd, "gay.txt"))
    os.symlink("..", os.path.join(odd, "len"))
    with open(os.path.join(os.fsencode(odd), b"v\xf4n-latin1.txt"), "wb") as f:
        f.write("Vốn giao 1.200 triệu đồng, giải ngân 600 triệu đồng, đạt 50% KH.\n".encode())
    return "in"


def ingest(db, args=("in",)):
    r = subprocess.run([VN, "ingest", "--db", db, "-j", "2", "-q"] + list(args), capture_output=True, text=True)
    check(r.returncode in (0, 1), "vnaudit ingest ran (exit %d) %s" % (r.returncode, r.stderr.strip()[:200]))
    return compare.content(db)


def same(a_db, b_content, what, leave_out=()):
    a = compare.content(a_db)
    if leave_out:
        for t in ("documents", "records", "checks", "diagnostics"):
            for c in (a, b_content):
                c[t] = {k: v for k, v in c[t].items() if (k if t == "documents" else k[0]) not in leave_out}
        a.pop("counts")
        b_content = dict(b_content)
        b_content.pop("counts", None)
    diffs = compare.differences(a, b_content)
    for d in diffs[:5]:
        print("   ", d)
    check(not diffs, what)


def shards_left(out):
    """Shards, half-copied shards and attempt markers left in out/shards."""
    d = os.path.join(out, "shards")
    return [n for n in os.listdir(d) if n not in ("merged", ".inflight")] + os.listdir(os.path.join(d, ".inflight"))


class Slow:
    """Runs on the workers before each document: notes (pid, name) in a log,
    then waits, so that a kill lands in the middle of the run."""

    def __init__(self, log, seconds):
        self.log, self.seconds = log, seconds

    def __call__(self, name):
        with open(self.log, "ab") as f:
            f.write(b"%d\t%s\n" % (os.getpid(), os.fsencode(name)))
        time.sleep(self.seconds)


class Poison:
    """A document whose processing kills its worker, every time."""

    def __init__(self, name):
        self.name = name

    def __call__(self, name):
        if name == self.name:
            os.kill(os.getpid(), signal.SIGKILL)


def equal(client, tmp):
    import vnaudit.dask
    from vnaudit import _shard, _walk
    src = make_folder(tmp)
    want = ingest(os.path.join(tmp, "cli.sqlite"))
    n = want["counts"]["documents"]
    check(n >= 100, "the folder has %d documents (>= 100)" % n)
    out = os.path.join(tmp, "out")
    s = vnaudit.dask.audit([src], client, out, partition_size=6)
    db = os.path.join(out, "archive.sqlite")
    check(s["found"] == n and s["stored"] == n and s["skipped"] == 0,
          "audit found and stored every document (%d/%d of %d)" % (s["found"], s["stored"], n))
    check(s["partitions"] == (n + 5) // 6 and s["split"] == 0 and s["crashed"] == 0,
          "%d partitions, none split, no document crashed" % s["partitions"])
    check(len(s["workers"]) == 2, "both worker processes wrote shards (%s)" % s["workers"])
    check(not shards_left(out), "every shard merged and removed")
    same(db, want, "the merged archive equals vnaudit ingest's, record for record")
    failed = sum(1 for r in want["documents"].values() if r[compare_status_index(db)] != b"ok")
    check(s["failed"] == failed and failed > 0, "failed documents counted as ingest's (%d)" % failed)

    # the comparison bites: one value changed in a copy is seen
    bad = os.path.join(tmp, "bad.sqlite")
    shutil.copy(db, bad)
    con = sqlite3.connect(bad)
    con.execute("UPDATE records SET value_dong = '1' || value_dong WHERE id = (SELECT min(id) FROM records"
                " WHERE value_dong IS NOT NULL)")
    con.commit()
    con.close()
    check(compare.differences(compare.content(bad), want), "compare.py sees one changed value")

    # again: nothing read again, nothing changed
    s2 = vnaudit.dask.audit([src], client, out, partition_size=6)
    unread = sum(1 for r in want["documents"].values() if r[sha_index(db)] is None)
    check(s2["stored"] == unread and s2["skipped"] == n - unread,
          "a second audit reads again only the %d files never read (stored %d, skipped %d)"
          % (unread, s2["stored"], s2["skipped"]))
    ingest(os.path.join(tmp, "cli.sqlite"))
    runs = "SELECT n_found, n_stored, n_skipped, n_failed FROM runs ORDER BY id DESC LIMIT 1"
    a, b = (sqlite3.connect(x).execute(runs).fetchone() for x in (db, os.path.join(tmp, "cli.sqlite")))
    check(a == b and a[1] == unread, "its runs row counts as a second ingest's: %s, %s" % (a, b))
    same(db, want, "after the second audit the archive is unchanged")

    # a partition that ran twice: its first shard left over (its worker's result was lost), merged once
    inputs = _walk.walk([src])
    _shard.partition(0, [tuple(i) for i in inputs[:10]], os.path.join(out, "shards"))
    _shard.partition(1, [tuple(i) for i in inputs[:10]], os.path.join(out, "shards"))
    check(len(shards_left(out)) == 2, "two leftover shards of the same documents")
    os.remove(db)
    for side in ("-wal", "-shm"):
        if os.path.exists(db + side):
            os.remove(db + side)
    s3 = vnaudit.dask.audit([src], client, out, partition_size=6)
    same(db, want, "leftover shards of a partition run twice are merged without doubling a document")
    check(not shards_left(out) and s3["stored"] == n, "a fresh archive from the leftovers and the rest (%d)"
          % s3["stored"])


def column_index(db, name):
    """Where a documents column is in compare.content()'s rows (the path first)."""
    con = sqlite3.connect(db)
    cols = [r[1] for r in con.execute("PRAGMA table_info(documents)") if r[1] not in compare.IGNORED]
    con.close()
    return 1 + cols.index(name)


def compare_status_index(db):
    return column_index(db, "status")


def sha_index(db):
    return column_index(db, "sha256")


def faults(client, tmp):
    import vnaudit.dask
    src = make_folder(tmp)
    want = ingest(os.path.join(tmp, "cli.sqlite"))
    n = want["counts"]["documents"]

    # a worker killed mid-run
    log = os.path.join(tmp, "started.log")
    open(log, "w").close()
    killed = []

    def kill_one(done, total):
        """After the first merge: a worker, as soon as it starts a document."""
        if killed:
            return
        pid = sorted(client.run(os.getpid).values())[0]
        seen = os.path.getsize(log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with open(log, "rb") as f:
                f.seek(seen)
                if any(line.split(b"\t")[0] == b"%d" % pid for line in f.read().splitlines()):
                    break
            time.sleep(0.005)
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    out = os.path.join(tmp, "out-kill")
    s = vnaudit.dask.audit([src], client, out, partition_size=4, progress=kill_one,
                           _before_document=Slow(log, 0.05))
    check(len(killed) == 1, "one worker killed (pid %s)" % killed)
    starts = [line.rstrip(b"\n").split(b"\t", 1) for line in open(log, "rb")]
    by_killed = {name for pid, name in starts if int(pid) == killed[0]}
    redone = {name for pid, name in starts if int(pid) != killed[0] and name in by_killed}
    check(by_killed and redone, "documents the killed worker had started were done again by another "
                                "(%d started, %d redone)" % (len(by_killed), len(redone)))
    check(s["found"] == n and s["crashed"] == 0, "every document found, none recorded as crashed")
    same(os.path.join(out, "archive.sqlite"), want, "after the kill the archive equals ingest's: nothing lost "
                                                    "or doubled")
    check(not shards_left(out), "every shard merged and removed")

    # a document that kills its worker every time
    target = "in/examples/bao-cao-chuong-trinh.txt"
    check(target.encode() in want["documents"], "the poison document is in the folder")
    out = os.path.join(tmp, "out-poison")
    s = vnaudit.dask.audit([src], client, out, partition_size=8, retries=0, _before_document=Poison(target))
    db = os.path.join(out, "archive.sqlite")
    con = sqlite3.connect(db)
    row = con.execute("SELECT status, message, sha256 FROM documents WHERE path = ?", (target,)).fetchone()
    total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    check(row is not None and row[0] == "error" and "died" in (row[1] or "") and row[2] is None,
          "the document that kills its worker has an error row: %r" % (row,))
    check(s["crashed"] == 1, "one document recorded as crashed (%d)" % s["crashed"])
    check(total == n, "every document has its row (%d of %d)" % (total, n))
    same(db, want, "every other document is as ingest's", leave_out={target.encode()})


def free_port():
    import socket
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def cli(tmp):
    """`dask scheduler` and `dask worker --nworkers 2` as separate processes
    (as on a real cluster), then `python -m vnaudit.dask --scheduler`."""
    make_folder(tmp)
    with open("list.txt", "wb") as f:        # paths as arguments and in a manifest, read after them
        f.write(b"in/fixtures\n")
    args = ["--files-from", "list.txt", "in/examples", "in/odd"]
    want = ingest(os.path.join(tmp, "cli.sqlite"), args)
    n = want["counts"]["documents"]
    port = free_port()
    addr = "tcp://127.0.0.1:%d" % port
    procs = []
    env = dict(os.environ)
    try:
        procs.append(subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True, env=env))
        procs.append(subprocess.Popen(["dask", "worker", addr, "--nworkers", "2", "--nthreads", "1",
                                       "--no-dashboard", "--local-directory", os.path.join(tmp, "workers")],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                                      cwd="/", env=env))
        from distributed import Client
        with Client(addr, timeout=60) as c:
            c.wait_for_workers(2, timeout=60)
        run = [sys.executable, "-m", "vnaudit.dask", "--scheduler", addr, "--out", "out"]
        r = subprocess.run(run + args, capture_output=True, text=True)
        check(r.returncode == 1, "exit 1: some documents are not ok (%d) %s" % (r.returncode, r.stderr[-300:]))
        check("%d found: %d stored" % (n, n) in r.stderr, "its summary line: %s" % r.stderr.strip()[-200:])
        same(os.path.join("out", "archive.sqlite"), want, "python -m vnaudit.dask on dask scheduler/worker "
                                                          "processes equals vnaudit ingest")
        r = subprocess.run(run + args, capture_output=True, text=True)
        check(r.returncode == 1 and "%d found: 2 stored" % n in r.stderr,
              "again: only the two files never read are read again (%s)" % r.stderr.strip()[-120:])
        r = subprocess.run(run, capture_output=True, text=True)
        check(r.returncode == 2 and "no PATH" in r.stderr, "no path: exit 2 (%d)" % r.returncode)
        r = subprocess.run([sys.executable, "-m", "vnaudit.dask", "--out", "o", "in"], capture_output=True,
                           text=True)
        check(r.returncode == 2 and "--scheduler" in r.stderr, "no scheduler: exit 2 (%d)" % r.returncode)
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def main():
    global VN, SRC
    if len(sys.argv) != 4 or sys.argv[1] not in ("equal", "faults", "cli"):
        print(__doc__, file=sys.stderr)
        return 2
    VN, SRC = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    if sys.argv[1] == "cli":
        tmp = tempfile.mkdtemp(prefix="vnaudit-dask-")
        t0 = time.monotonic()
        try:
            os.chdir(tmp)
            cli(tmp)
        finally:
            os.chdir("/")
            shutil.rmtree(tmp, ignore_errors=True)
        print("cli: %.1f s" % (time.monotonic() - t0))
        return 1 if FAILS else 0
    import dask
    from distributed import Client, LocalCluster
    # a document that kills its worker is given up after two deaths (the default is four)
    dask.config.set({"distributed.scheduler.allowed-failures": 1})
    tmp = tempfile.mkdtemp(prefix="vnaudit-dask-")
    t0 = time.monotonic()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           host="127.0.0.1", local_directory=os.path.join(tmp, "workers"))
    client = Client(cluster)
    try:
        os.chdir(tmp)       # the workers were started elsewhere: relative paths are the client's
        (equal if sys.argv[1] == "equal" else faults)(client, tmp)
    finally:
        os.chdir("/")
        client.close()
        cluster.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%s: %.1f s" % (sys.argv[1], time.monotonic() - t0))
    if FAILS:
        print("%d failed" % len(FAILS))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
