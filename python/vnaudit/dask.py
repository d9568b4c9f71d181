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
  - a task that raised runs again (``retries``); one whose worker died is
    run again by the scheduler (its allowed-failures, default 3);
  - before each document a task writes its name into a marker file of its
    attempt, removed when the attempt ends: an attempt whose worker died
    leaves it, naming the document it was reading;
  - when the scheduler gives a task up (KilledWorker), a document named by
    DEATHS such markers gets a documents row with status error and a
    message saying so; the others are run again in a new task (at most
    MAX_ROUNDS times: a task queued on a dying worker fails without having
    started);
  - a task that still raises is split into one task per document; a
    document whose task still raises gets an error row with the exception;
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
from ._shard import partition, version
from ._walk import walk

__all__ = ["audit", "main"]

MAX_PARTITION = 64      # documents per task when not given: small retries, even load


def _partition_size(n, client, partition_size):
    if partition_size:
        return max(1, int(partition_size))
    try:
        threads = sum(client.nthreads().values()) or 1
    except Exception:  # pragma: no cover - a client that cannot say
        threads = 1
    # about four partitions per worker thread, at most MAX_PARTITION documents each
    return max(1, min(MAX_PARTITION, math.ceil(n / (4 * threads))))


def _failure_message(exc, attempts):
    text = str(exc).strip().splitlines()
    return "reading it failed on every attempt (%d): %s: %s" % (attempts, type(exc).__name__,
                                                                text[0] if text else "")


# A document is given up when its worker died this many times while
# reading it (the worker's marker named it); other documents of a task
# whose workers died are run again, at most MAX_ROUNDS times.
DEATHS = 2
MAX_ROUNDS = 5


class _Audit:
    """One audit: the tasks in flight, what came back, the merge."""

    def __init__(self, client, inputs, out, merger, retries, keep_shards, progress, task_options):
        self.client, self.inputs, self.merger = client, inputs, merger
        self.retries, self.keep_shards, self.progress = retries, keep_shards, progress
        self.task_options = task_options
        self.shards_dir = os.path.join(out, "shards")
        self.markers = os.path.join(self.shards_dir, ".inflight")
        self.token = uuid.uuid4().hex[:8]
        self.known = {}
        self.pending = {}       # key -> items
        self.deaths = {}        # name -> deaths of a worker while reading it
        self.rounds = {}        # name -> times run again after its task's workers died
        self.crashed = []       # (input, message)
        self.workers = set()
        self.done = self.split = self.bytes = self.tasks = 0
        self.merge_seconds = 0.0
        self.futures = None

    def retire(self, shard):
        """A merged shard: deleted, or kept aside in shards/merged/."""
        if self.keep_shards:
            os.makedirs(os.path.join(self.shards_dir, "merged"), exist_ok=True)
            os.replace(shard, os.path.join(self.shards_dir, "merged", os.path.basename(shard)))
        else:
            os.unlink(shard)

    def merge_leftovers(self):
        """Whole shards already in shards/ (an interrupted run's, or an
        attempt's whose result was lost with its worker): merged."""
        for shard in shard_files(self.shards_dir):
            self.merger.merge(shard)
            self.retire(shard)

    def submit(self, items, kind="part"):
        key = "vnaudit-%s-%s-%d" % (kind, self.token, self.tasks)
        self.tasks += 1
        known = {i.name: self.known[i.name] for i in items if i.name in self.known}
        f = self.client.submit(partition, self.tasks, [tuple(i) for i in items], self.shards_dir, known=known,
                               marker=os.path.join(self.markers, key), key=key, retries=self.retries, pure=False,
                               **self.task_options)
        self.pending[f.key] = items
        if self.futures is not None:
            self.futures.add(f)
        return f

    def advance(self, n):
        self.done += n
        if self.progress:
            self.progress(self.done, len(self.inputs))

    def dead_attempts(self, key):
        """Names of the documents being read when an attempt of this task
        died (its marker was left behind)."""
        names = []
        prefix = key + "."
        for m in sorted(os.listdir(self.markers)):
            if m.startswith(prefix):
                path = os.path.join(self.markers, m)
                with open(path, "rb") as f:
                    name = f.read()
                if name:
                    names.append(os.fsdecode(name))
                os.unlink(path)
        return names

    def failed(self, key, items, error):
        for name in self.dead_attempts(key):
            self.deaths[name] = self.deaths.get(name, 0) + 1
        if type(error).__name__ == "KilledWorker":
            rest = []
            for it in items:
                d = self.deaths.get(it.name, 0)
                r = self.rounds[it.name] = self.rounds.get(it.name, 0) + (d < DEATHS)
                if d >= DEATHS:
                    self.crashed.append((it, "the worker process reading it died %d times (a crash, or killed "
                                             "for memory); not read" % d))
                elif r > MAX_ROUNDS:
                    self.crashed.append((it, "the workers running its task kept dying (%d rounds); not read"
                                             % MAX_ROUNDS))
                else:
                    rest.append(it)
            self.advance(len(items) - len(rest))
            if rest:
                self.submit(rest, "again")
        elif len(items) > 1:
            self.split += 1         # which document raises: one task each
            for it in items:
                self.submit([it], "doc")
        else:
            self.crashed.append((items[0], _failure_message(error, self.retries + 1)))
            self.advance(1)

    def run(self, size):
        from distributed import as_completed
        os.makedirs(self.markers, exist_ok=True)
        for m in os.listdir(self.markers):      # an interrupted run's
            os.unlink(os.path.join(self.markers, m))
        self.merge_leftovers()
        self.known = self.merger.known(__version__)
        first = [self.submit(self.inputs[i:i + size]) for i in range(0, len(self.inputs), size)]
        self.futures = as_completed(first)
        for f in self.futures:
            items = self.pending.pop(f.key)
            try:
                r = f.result()      # may wait: a result lost with its worker is computed again
                error = None
            except Exception as e:  # the task's own exception, or KilledWorker
                error = e
            f.release()
            if error is None:
                t = time.monotonic()
                self.merger.merge(r["shard"])
                self.merge_seconds += time.monotonic() - t
                self.retire(r["shard"])
                self.bytes += r["bytes"]
                self.workers.add(r["pid"])
                self.advance(len(items))
            else:
                self.failed(f.key, items, error)
        self.merge_leftovers()
        for m in os.listdir(self.markers):
            os.unlink(os.path.join(self.markers, m))
        for n in os.listdir(self.shards_dir):   # half-copied shards of attempts that died
            if n.startswith(".part-") and n.endswith(".tmp"):
                os.unlink(os.path.join(self.shards_dir, n))
        return len(first)


def audit(paths_or_manifest, client, out, *, partition_size=None, retries=2, vocab=None, max_input_bytes=0,
          keep_shards=False, progress=None, options=None, _before_document=None):
    """Reads every file under ``paths_or_manifest`` on the cluster of
    ``client`` (a distributed.Client) into ``out``/archive.sqlite.

    paths_or_manifest: a list of files and folders (walked as `vnaudit
    ingest` walks them), one path, or a manifest (an open file of paths, one
    a line). ``partition_size``: documents per task (default: about four
    tasks per worker thread, at most 64 documents). ``retries``: how many
    times a task that raised runs again. ``vocab``, ``max_input_bytes``: as
    for Auditor. ``keep_shards``: keep the merged shards (in
    out/shards/merged/). ``progress(done, total)``: called as documents are
    merged.

    An archive already in ``out`` is added to: documents stored there with
    the same content by this version are not read again, and shards a
    previous run left (it was interrupted) are merged first.

    Returns a dict: found, stored, skipped, failed (documents whose row is
    not ok), bytes, inconsistent (checks), partitions, split (partitions
    whose task raised, run again one document a task), crashed (documents
    recorded as errors because reading them kept failing), workers (the
    process ids that wrote shards), seconds, merge_seconds (of them, merging
    on the client), archive (its path)."""
    t0 = time.monotonic()
    # the tool version is part of a document's key: every worker must read with the client's
    other = {w: v for w, v in client.run(version).items() if v != __version__}
    if other:
        raise RuntimeError("vnaudit %s on the client, but %s on %s: install the same version everywhere"
                           % (__version__, ", ".join(sorted(set(other.values()))), ", ".join(sorted(other))))
    inputs = walk(paths_or_manifest)
    out = os.path.abspath(out)      # the workers' working folder is not the client's
    os.makedirs(os.path.join(out, "shards"), exist_ok=True)
    archive_path = os.path.join(out, "archive.sqlite")
    summary = dict(found=len(inputs), stored=0, skipped=0, failed=0, bytes=0, inconsistent=0, partitions=0,
                   split=0, crashed=0, workers=[], archive=archive_path)
    arch = Archive(archive_path, "exclusive")     # one audit (or ingest) at a time on this archive
    merger = None
    run_id = 0
    complete = False
    try:
        run_id = arch.run_begin(options or "vnaudit.dask.audit %s" % " ".join(i.name for i in inputs[:20]))
        merger = Merger(archive_path, run_id)
        a = _Audit(client, inputs, out, merger, retries, keep_shards, progress,
                   dict(base=os.getcwd(), vocab=vocab, max_input_bytes=max_input_bytes,
                        before_document=_before_document))
        summary["partitions"] = a.run(_partition_size(len(inputs), client, partition_size))
        for it, message in a.crashed:
            arch.store_error(it.name, message, size=it.size, run_id=run_id)
        # every file found has its row: a missing one would be a bug here, and is recorded as one
        status = merger.status_of(i.name for i in inputs)
        for it in inputs:
            if it.name not in status:
                arch.store_error(it.name, "no result came back from the cluster for it", size=it.size,
                                 run_id=run_id)
                status[it.name] = "error"
        names = {i.name for i in inputs}
        stored = {r[0] for r in merger.con.execute("SELECT path FROM documents WHERE run_id = ?", (run_id,))}
        summary.update(stored=len(stored & names), skipped=len(names - stored), bytes=a.bytes, split=a.split,
                       failed=sum(1 for n in names if status.get(n) != "ok"), crashed=len(a.crashed),
                       workers=sorted(a.workers), merge_seconds=a.merge_seconds)
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
