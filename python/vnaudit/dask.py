"""vnaudit on a Dask cluster: folders of reports into one archive.

    >>> from distributed import Client
    >>> import vnaudit.dask
    >>> summary = vnaudit.dask.audit(["/data/reports"], Client("tcp://scheduler:8786"), out="/data/audit")

The client walks the paths as `vnaudit ingest` does (docs/ARCHIVE.md) and
cuts the files found into partitions; each partition runs on a worker
(vnaudit._shard.partition: the C library reads each file and writes its
rows into a shard, an archive of the same schema) and lands in
OUT/shards/; the client merges each shard into OUT/archive.sqlite as it
arrives (vnaudit._merge: a document is kept once by path, SHA-256 and tool
version) and deletes it. The merged archive holds the rows a single
`vnaudit ingest` of the same paths writes.

Nothing is dropped:
  - a partition whose task raised is run again (``retries``); one whose
    worker died is run again by the scheduler (its allowed-failures,
    default 3);
  - a partition that still fails is split into one task per document,
    each retried the same way;
  - a document that still fails (it crashes its worker every time) gets a
    documents row with status error and a message saying so;
  - at the end every file found is checked to have its row.

OUT must be a folder every worker and the client reach under the same name
(shared storage), and the paths too (relative paths are taken from the
client's working folder). See docs/SCALE.md.
"""

import argparse
import math
import os
import sys
import time
import uuid

from . import __version__
from .archive import Archive
from ._merge import Merger, shard_files
from ._shard import partition
from ._walk import walk

__all__ = ["audit", "main"]

MAX_PARTITION = 256


def _partition_size(n, client, partition_size):
    if partition_size:
        return max(1, int(partition_size))
    try:
        threads = sum(client.nthreads().values()) or 1
    except Exception:  # pragma: no cover - a client that cannot say
        threads = 1
    # about four partitions per worker thread (even load, small retries), at most MAX_PARTITION documents
    return max(1, min(64, math.ceil(n / (4 * threads))))


def _failure_message(exc, attempts):
    name = type(exc).__name__
    if name == "KilledWorker":
        return ("the worker process reading it died on every attempt (%s: a crash, or killed for memory); "
                "not read" % name)
    text = str(exc).strip().splitlines()
    return "reading it failed on every attempt (%d): %s: %s" % (attempts, name, text[0] if text else "")


def audit(paths_or_manifest, client, out, *, partition_size=None, retries=2, vocab=None, max_input_bytes=0,
          keep_shards=False, progress=None, options=None, _before_document=None):
    """Reads every file under ``paths_or_manifest`` on the cluster of
    ``client`` (a distributed.Client) into ``out``/archive.sqlite.

    paths_or_manifest: a list of files and folders (walked as `vnaudit
    ingest` walks them), one path, or a manifest (an open file of paths, one
    a line). ``partition_size``: documents per task (default: about four
    tasks per worker thread, at most 64 documents). ``retries``: how many
    times a task that raised runs again. ``vocab``, ``max_input_bytes``: as
    for Auditor. ``keep_shards``: leave the merged shards in out/shards.
    ``progress(done, total)``: called after each partition is merged.

    An archive already in ``out`` is added to: documents stored there with
    the same content by this version are not read again, and shards a
    previous run left (it was interrupted) are merged first.

    Returns a dict: found, stored, skipped, failed (documents whose row is
    not ok), bytes, inconsistent (checks), partitions, split (partitions
    that failed and were run one document at a time), crashed (documents
    recorded as errors because processing them kept failing), seconds,
    archive (its path)."""
    t0 = time.monotonic()
    inputs = walk(paths_or_manifest)
    shards_dir = os.path.join(out, "shards")
    os.makedirs(shards_dir, exist_ok=True)
    archive_path = os.path.join(out, "archive.sqlite")
    base = os.getcwd()
    summary = dict(found=len(inputs), stored=0, skipped=0, failed=0, bytes=0, inconsistent=0, partitions=0,
                   split=0, crashed=0, archive=archive_path)
    arch = Archive(archive_path, "exclusive")     # one audit (or ingest) at a time on this archive
    merger = None
    run_id = 0
    complete = False
    try:
        run_id = arch.run_begin(options or "vnaudit.dask.audit %s" % " ".join(i.name for i in inputs[:20]))
        merger = Merger(archive_path, run_id)
        for leftover in shard_files(shards_dir):    # an interrupted run's finished partitions
            merger.merge(leftover)
            os.unlink(leftover)
        known = merger.known(__version__)
        size = _partition_size(len(inputs), client, partition_size)
        parts = [inputs[i:i + size] for i in range(0, len(inputs), size)]
        summary["partitions"] = len(parts)
        token = uuid.uuid4().hex[:8]
        opts = dict(base=base, vocab=vocab, max_input_bytes=max_input_bytes, before_document=_before_document)

        def submit(index, items, key):
            k = {i.name: known[i.name] for i in items if i.name in known}
            f = client.submit(partition, index, [tuple(i) for i in items], shards_dir, known=k, key=key,
                              retries=retries, pure=False, **opts)
            pending[f.key] = (index, items)
            return f

        from distributed import as_completed
        pending = {}
        futures = as_completed([submit(i, p, "vnaudit-part-%s-%d" % (token, i)) for i, p in enumerate(parts)])
        next_index = len(parts)
        crashed = []
        done = 0
        for f in futures:
            index, items = pending.pop(f.key)
            if f.status == "finished":
                r = f.result()
                merger.merge(r["shard"])
                if not keep_shards:
                    os.unlink(r["shard"])
                summary["bytes"] += r["bytes"]
                done += len(items)
                if progress:
                    progress(done, len(inputs))
            elif len(items) > 1:
                summary["split"] += 1       # find the document that fails: one task each
                for it in items:
                    futures.add(submit(next_index, [it], "vnaudit-doc-%s-%d" % (token, next_index)))
                    next_index += 1
            else:
                crashed.append((items[0], _failure_message(f.exception(), retries + 1)))
                done += 1
                if progress:
                    progress(done, len(inputs))
            f.release()
        for it, message in crashed:
            arch.store_error(it.name, message, size=it.size, run_id=run_id)
        summary["crashed"] = len(crashed)
        # every file found has its row: a missing one would be a bug here, and is recorded as one
        status = merger.status_of(i.name for i in inputs)
        for it in inputs:
            if it.name not in status:
                arch.store_error(it.name, "no result came back from the cluster for it", size=it.size,
                                 run_id=run_id)
                status[it.name] = "error"
        stored_now = {r[0] for r in merger.con.execute("SELECT path FROM documents WHERE run_id = ?", (run_id,))}
        names = {i.name for i in inputs}
        summary["stored"] = len(stored_now & names)
        summary["skipped"] = len(names) - summary["stored"]
        summary["failed"] = sum(1 for n in names if status.get(n) != "ok")
        summary["inconsistent"] = merger.con.execute(
            "SELECT coalesce(sum(n_inconsistent), 0) FROM documents WHERE run_id = ?", (run_id,)).fetchone()[0]
        complete = True
    finally:
        summary["seconds"] = time.monotonic() - t0
        if merger is not None:
            merger.close()
        if run_id:
            arch.run_end(run_id, summary, complete)
        arch.close()
    return summary


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="python -m vnaudit.dask",
        description="Read folders of reports on a Dask cluster into OUT/archive.sqlite (docs/SCALE.md).")
    ap.add_argument("paths", nargs="*", metavar="PATH", help="files and folders (walked as vnaudit ingest does)")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDR", help="the scheduler's address (tcp://host:8786)")
    where.add_argument("--local", type=int, metavar="N", help="start a cluster of N worker processes here")
    ap.add_argument("--out", required=True, metavar="DIR", help="shared folder: DIR/archive.sqlite, DIR/shards/")
    ap.add_argument("--files-from", metavar="FILE", help="more paths, one a line ('-': standard input)")
    ap.add_argument("--partition-size", type=int, metavar="N", help="documents per task")
    ap.add_argument("--retries", type=int, default=2, metavar="N", help="runs again of a task that raised")
    ap.add_argument("--vocab", metavar="DIR")
    ap.add_argument("--max-input-bytes", type=int, default=0, metavar="N")
    ap.add_argument("--keep-shards", action="store_true")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    if not a.paths and not a.files_from:
        ap.error("no PATH given (or --files-from FILE|-)")
    sources = list(a.paths)
    manifest = None
    if a.files_from:
        manifest = sys.stdin.buffer if a.files_from == "-" else open(a.files_from, "rb")
        sources.append(manifest)

    from distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=a.local, threads_per_worker=1, processes=True) if a.local else None
    client = Client(cluster if cluster else a.scheduler)
    tty = sys.stderr.isatty() and not a.quiet

    def show(done, total):
        if tty:
            sys.stderr.write("\r\033[K%d/%d documents" % (done, total))
            sys.stderr.flush()

    try:
        s = audit(sources, client, a.out, partition_size=a.partition_size, retries=a.retries, vocab=a.vocab,
                  max_input_bytes=a.max_input_bytes, keep_shards=a.keep_shards, progress=show,
                  options=" ".join(["python -m vnaudit.dask"] + (argv if argv is not None else sys.argv[1:])))
    except Exception as e:
        print("\nvnaudit.dask: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 2
    finally:
        if manifest is not None and manifest is not sys.stdin.buffer:
            manifest.close()
        client.close()
        if cluster:
            cluster.close()
    if not a.quiet:
        print("%s%d found: %d stored, %d already stored, %d failed (%d crashed a worker); %d inconsistent checks;"
              " %.1f s, %.1f documents/s -> %s" % ("\n" if tty else "", s["found"], s["stored"], s["skipped"],
                                                    s["failed"], s["crashed"], s["inconsistent"], s["seconds"],
                                                    s["found"] / s["seconds"] if s["seconds"] else 0, s["archive"]),
              file=sys.stderr)
    return 1 if s["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
