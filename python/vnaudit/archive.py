"""Archives from Python: the SQLite archive of `vnaudit ingest`
(docs/ARCHIVE.md), written through the C library, so the rows are the ones
the CLI writes.

    >>> import vnaudit
    >>> vnaudit.archive_store("archive.sqlite", ["reports/"])
    {'found': 70, 'stored': 70, 'skipped': 0, 'failed': 11, 'bytes': 1234567, ...}

``Archive`` is one connection (one thread at a time); ``archive_store``
walks paths as `vnaudit ingest` does and stores every file found, as one
run (a ``runs`` row). vnaudit.dask does the same across a Dask cluster.
"""

import os
import threading

from . import Auditor
from . import _vnaudit
from ._walk import walk

__all__ = ["Archive", "archive_store"]


class Archive:
    """Archive(path, mode="write"): one connection to an archive (created,
    with its schema, when it does not exist). mode "read", "write", or
    "exclusive" (one exclusive writer at a time: another raises
    VnauditError, as a second `vnaudit ingest` exits). A context manager."""

    def __init__(self, path, mode="write"):
        self._a = _vnaudit.Archive(path, mode)
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._a.close()

    def run_begin(self, options=""):
        """Starts a ``runs`` row; returns its id."""
        return self._a.run_begin(options)

    def run_end(self, run_id, counts, complete=True):
        """Ends it with counts (found, stored, skipped, failed, bytes)."""
        c = {k: int(counts.get(k, 0)) for k in ("found", "stored", "skipped", "failed", "bytes")}
        self._a.run_end(run_id, complete=complete, **c)

    def ingest(self, auditor, path, name=None, problem=None, size=-1, max_input_bytes=0, run_id=0,
               known_sha256=None, known_ok=True):
        """Reads one file with ``auditor`` (an Auditor with validate=True)
        and stores its row, as `vnaudit ingest` does. ``name``: the path
        stored (default: ``path``); ``problem``: why it cannot be read, known
        beforehand (then it is not opened); ``max_input_bytes``: larger
        files are error rows (0: 512 MiB; give the Auditor's). It is
        skipped when this archive holds the same content by this version, or when its SHA-256 is
        ``known_sha256``. Returns (status, stored, bytes, skipped_ok,
        inconsistent); status is None when skipped."""
        return self._a.ingest(auditor._p, path, name=path if name is None else name, problem=problem, size=size,
                              max_input_bytes=max_input_bytes, run_id=run_id,
                              known_sha256=known_sha256, known_ok=known_ok)

    def store_error(self, name, message, size=-1, run_id=0):
        """Stores an error row for ``name`` with ``message`` (no SHA-256, so
        a later run tries the file again)."""
        return self._a.store_error(name, message, size=size, run_id=run_id)


_local = threading.local()


def auditor(vocab=None, max_input_bytes=0):
    """This thread's Auditor for archiving (one pipeline per thread)."""
    cache = getattr(_local, "auditors", None)
    if cache is None:
        cache = _local.auditors = {}
    key = (vocab, max_input_bytes)
    a = cache.get(key)
    if a is None:
        a = cache[key] = Auditor(validate=True, vocab=vocab, max_input_bytes=max_input_bytes, threads=1)
    return a


def store_inputs(archive, inputs, run_id=0, vocab=None, max_input_bytes=0, known=None, base=None,
                 before_document=None):
    """Stores each input (_walk.Input) into an open Archive; returns the
    counts. ``known``: {name: (sha256, ok)} stored elsewhere (skipped when
    the content is the same); ``base``: the folder relative names are read
    from (a worker whose working directory is not the client's);
    ``before_document(name)``: called before each (markers, tests)."""
    a = auditor(vocab, max_input_bytes)
    counts = dict(found=len(inputs), stored=0, skipped=0, failed=0, bytes=0, ok=0, inconsistent=0)
    for inp in inputs:
        if before_document is not None:
            before_document(inp.name)
        path = inp.name if base is None else os.path.join(base, inp.name)
        sha, ok = (known or {}).get(inp.name, (None, True))
        status, stored, nbytes, skipped_ok, inconsistent = archive.ingest(
            a, path, name=inp.name, problem=inp.problem, size=inp.size, max_input_bytes=max_input_bytes, run_id=run_id,
            known_sha256=sha, known_ok=ok)
        counts["bytes"] += nbytes
        if status is None or not stored:
            counts["skipped"] += 1
            counts["failed"] += status is None and not skipped_ok
        else:
            counts["stored"] += 1
            counts["ok"] += status == "ok"
            counts["failed"] += status != "ok"
            counts["inconsistent"] += inconsistent
    return counts


def archive_store(db, paths_or_manifest, vocab=None, max_input_bytes=0, options="vnaudit.archive_store"):
    """Walks paths (files or folders; or a manifest: an open file of paths,
    one a line) as `vnaudit ingest` does and stores every file found into
    the archive ``db``, one after the other, as one run. Returns the run's
    counts (found, stored, skipped, failed, bytes, ok, inconsistent)."""
    inputs = walk(paths_or_manifest)
    with Archive(db, "exclusive") as arch:
        run_id = arch.run_begin(options)
        complete = False
        counts = dict(found=len(inputs))
        try:
            counts = store_inputs(arch, inputs, run_id, vocab, max_input_bytes)
            complete = True
        finally:
            arch.run_end(run_id, counts, complete)
    return counts
