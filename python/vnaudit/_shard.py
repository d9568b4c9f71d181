"""One partition of vnaudit.dask.audit, on a worker: its documents into a
shard, an archive of the same schema written through the C library (the
rows `vnaudit ingest` writes).

The shard is written in the worker's local folder (SQLite's WAL wants a
local file system) and, once closed, copied into the shared shards folder
under a temporary name, flushed, then renamed: a shard appears under its
final name only whole, and a worker that dies leaves no shard at all, only
maybe a hidden temporary file. Each attempt writes its own shard (a random
suffix), so a retried partition may leave two; the merge keeps one copy of
each document."""

import os
import shutil
import tempfile
import uuid

from .archive import Archive, store_inputs
from ._walk import Input


def version():
    """The C library's version in this worker (the client compares)."""
    from . import __version__
    return __version__


def _local_dir():
    try:
        from distributed import get_worker
        return get_worker().local_directory
    except (ImportError, ValueError):
        return None     # not on a Dask worker


def _fsync(path, directory=False):
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Marker:
    """Before each document, its name in the attempt's marker file (on the
    shared storage): an attempt whose worker dies leaves the marker behind,
    naming the document it was reading, so the client can tell a document
    that kills workers from the others of its task."""

    def __init__(self, prefix, before_document):
        self.path = None if prefix is None else "%s.%s" % (prefix, uuid.uuid4().hex[:12])
        self.before_document = before_document

    def __call__(self, name):
        if self.path is not None:
            with open(self.path, "wb") as f:
                f.write(os.fsencode(name))
        if self.before_document is not None:
            self.before_document(name)

    def clear(self):
        """No document in progress (the shard is being copied)."""
        if self.path is not None:
            open(self.path, "wb").close()

    def remove(self):
        if self.path is not None:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass


def partition(index, inputs, shards_dir, base=None, vocab=None, max_input_bytes=0, known=None, marker=None,
              before_document=None):
    """Stores inputs ((name, problem, size) tuples) into a new shard in
    shards_dir; returns the counts, the shard's path and this process's id.
    Relative names are read from ``base`` (the client's working folder).
    ``marker``: the prefix of this attempt's marker file (see _Marker)."""
    tmp = tempfile.mkdtemp(prefix="vnaudit-shard-", dir=_local_dir())
    mark = _Marker(marker, before_document)
    part = None
    try:
        db = os.path.join(tmp, "shard.sqlite")
        with Archive(db, "write") as a:
            run_id = a.run_begin("vnaudit.dask partition %d" % index)
            counts = store_inputs(a, [Input(*i) for i in inputs], run_id, vocab=vocab,
                                  max_input_bytes=max_input_bytes, known=known, base=base,
                                  before_document=mark)
            a.run_end(run_id, counts)
        mark.clear()
        # closing the last connection copied the WAL into the database
        if os.path.exists(db + "-wal") and os.path.getsize(db + "-wal") > 0:
            raise RuntimeError("%s: the write-ahead log was not checkpointed" % db)
        name = "part-%06d-%s.sqlite" % (index, uuid.uuid4().hex[:12])
        part = os.path.join(shards_dir, "." + name + ".tmp")
        final = os.path.join(shards_dir, name)
        shutil.copyfile(db, part)
        _fsync(part)
        os.replace(part, final)
        part = None
        _fsync(shards_dir, directory=True)
    finally:
        # this process lives on (done, or an exception Dask retries): no marker, no half shard
        mark.remove()
        if part is not None and os.path.exists(part):
            os.unlink(part)
        shutil.rmtree(tmp, ignore_errors=True)
    counts.update(index=index, shard=final, pid=os.getpid())
    return counts
