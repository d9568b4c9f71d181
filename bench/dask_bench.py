#!/usr/bin/python3
"""vnaudit.dask throughput: documents per second with 1 and 2 worker
processes (a local cluster, one thread each) on a folder of >= 1000
documents built by bench/archive.sh --folder-only, and the ratio; with
`vnaudit ingest -j 1` and `-j 2` on the same folder for reference. Each
audit goes into a fresh OUT; the cluster's start is not timed (it is
printed). The merged archives are checked to hold every document.

    usage: bench/dask_bench.py [--docs N] [--rounds N] [--partition-size N]

Environment: VNAUDIT_BIN (default build/vnaudit), PYTHONPATH must reach the
binding (default: build/python is added), BENCH_DIR (default
/tmp/vnaudit-dask-bench). Run with Debian's /usr/bin/python3 (python3-distributed)."""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def count(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1200)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=None)
    a = ap.parse_args()
    bench = os.environ.get("BENCH_DIR", "/tmp/vnaudit-dask-bench")
    vn = os.path.abspath(os.environ.get("VNAUDIT_BIN", os.path.join(ROOT, "build", "vnaudit")))
    sys.path.insert(0, os.path.join(ROOT, "build", "python"))
    import vnaudit.dask
    from distributed import Client, LocalCluster

    env = dict(os.environ, BENCH_DIR=bench, VNAUDIT_BIN=vn)
    subprocess.run(["bash", os.path.join(ROOT, "bench", "archive.sh"), "--docs", str(a.docs), "--folder-only"],
                   check=True, env=env)
    folder = os.path.join(bench, "in")
    n = a.docs
    results = {}

    for j in (1, 2):       # vnaudit ingest -j N, for reference
        best = None
        for _ in range(a.rounds):
            db = os.path.join(bench, "ingest.sqlite")
            for side in ("", "-wal", "-shm"):
                if os.path.exists(db + side):
                    os.remove(db + side)
            t = time.monotonic()
            r = subprocess.run([vn, "ingest", "--db", db, "-j", str(j), "-q", folder])
            t = time.monotonic() - t
            assert r.returncode in (0, 1) and count(db) == n, "ingest -j %d: %d documents" % (j, count(db))
            best = t if best is None else min(best, t)
        results["ingest -j %d" % j] = best

    for w in (1, 2):
        t = time.monotonic()
        cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None,
                               host="127.0.0.1", local_directory=os.path.join(bench, "workers"))
        client = Client(cluster)
        client.wait_for_workers(w)
        start = time.monotonic() - t
        best = None
        try:
            for _ in range(a.rounds):
                out = os.path.join(bench, "out")
                shutil.rmtree(out, ignore_errors=True)
                s = vnaudit.dask.audit([folder], client, out, partition_size=a.partition_size)
                assert s["found"] == n and count(s["archive"]) == n and s["crashed"] == 0, s
                assert len(s["workers"]) == w, s["workers"]
                best = s["seconds"] if best is None else min(best, s["seconds"])
        finally:
            client.close()
            cluster.close()
        results["dask, %d worker%s" % (w, "s" if w > 1 else "")] = best
        print("cluster of %d worker process%s started in %.1f s" % (w, "es" if w > 1 else "", start))

    for name, t in results.items():
        print("%-18s %6.2f s  %7.1f documents/s" % (name + ":", t, n / t))
    print("ratio dask 2 workers / 1 worker: %.2fx; ingest -j 2 / -j 1: %.2fx; dask 2 workers / ingest -j 2: %.2f"
          % (results["dask, 1 worker"] / results["dask, 2 workers"],
             results["ingest -j 1"] / results["ingest -j 2"],
             results["ingest -j 2"] / results["dask, 2 workers"]))
    print("load average after: %s; %d cores" % (loadavg(), os.cpu_count()))


if __name__ == "__main__":
    main()
