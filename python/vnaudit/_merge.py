"""Merging shards (archives written by vnaudit.dask's partitions) into one
archive of the same schema.

A shard's document is taken unless the archive already holds the same
path with the same SHA-256 by the same tool version (the key `vnaudit
ingest` skips by), so a partition that ran twice (a retry after its worker
died, a shard left by an interrupted run) never doubles a document; a
document whose content or tool changed replaces the old row, its records,
checks and diagnostics with it (ON DELETE CASCADE), as ingest does.

Rows are copied as they are, with new ids: a shard's ids are shifted past
the archive's largest, so one INSERT ... SELECT per table does it. The
columns are read from both schemas (PRAGMA table_info), so a column added
to the schema later is copied without a change here; the two schema
versions must be equal."""

import os
import sqlite3

# tables copied, parent first; each with the columns holding another row's id
_TABLES = (
    ("documents", {"id": "doc", "run_id": "run"}),
    ("records", {"id": "rec", "document_id": "doc"}),
    ("checks", {"record_id": "rec", "document_id": "doc"}),
    ("diagnostics", {"record_id": "rec", "document_id": "doc"}),
)


class MergeError(Exception):
    pass


def _columns(con, schema, table):
    return [r[1] for r in con.execute("PRAGMA %s.table_info(%s)" % (schema, table))]


def _version(con, schema):
    row = con.execute("SELECT value FROM %s.meta WHERE key = 'schema_version'" % schema).fetchone()
    return row[0] if row else None


class Merger:
    """One connection to the archive (created beforehand by the library,
    which writes its schema); merge() one shard at a time."""

    def __init__(self, archive_path, run_id):
        self.path = archive_path
        self.run_id = run_id
        self.con = sqlite3.connect(archive_path, timeout=60, isolation_level=None)
        self.con.execute("PRAGMA foreign_keys = ON")      # replacing a document drops its rows
        self.con.execute("PRAGMA synchronous = NORMAL")
        # paths are bytes, as the file system gives them (not always UTF-8):
        # read back as os.fsdecode does, bound as os.fsencode (CAST ... AS TEXT)
        self.con.text_factory = os.fsdecode
        self.version = _version(self.con, "main")

    def close(self):
        self.con.close()

    def merge(self, shard):
        """Copies the shard's documents into the archive in one
        transaction; returns (taken, already there)."""
        con = self.con
        con.execute("ATTACH DATABASE ? AS s", (shard,))
        try:
            v = _version(con, "s")
            if v != self.version:
                raise MergeError("%s: schema version %s, the archive's is %s" % (shard, v, self.version))
            con.execute("BEGIN IMMEDIATE")
            try:
                taken, total = self._copy()
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.execute("DETACH DATABASE s")
        return taken, total - taken

    def _copy(self):
        con = self.con
        con.execute("DROP TABLE IF EXISTS temp.take")
        con.execute(
            "CREATE TEMP TABLE take AS SELECT d.id AS id, d.path AS path FROM s.documents d"
            " WHERE NOT EXISTS (SELECT 1 FROM main.documents m WHERE m.path = d.path AND m.sha256 = d.sha256"
            " AND m.tool_version = d.tool_version)")
        taken = con.execute("SELECT count(*) FROM temp.take").fetchone()[0]
        total = con.execute("SELECT count(*) FROM s.documents").fetchone()[0]
        if not taken:
            return 0, total
        con.execute("DELETE FROM main.documents WHERE path IN (SELECT path FROM temp.take)")
        shift = {
            "doc": con.execute("SELECT coalesce(max(id), 0) FROM main.documents").fetchone()[0],
            "rec": con.execute("SELECT coalesce(max(id), 0) FROM main.records").fetchone()[0],
        }
        for table, ids in _TABLES:
            cols = _columns(con, "main", table)
            have = set(_columns(con, "s", table))
            missing = [c for c in cols if c not in have]
            if missing:
                raise MergeError("shard table %s lacks %s" % (table, ", ".join(missing)))
            exprs = []
            for c in cols:
                kind = ids.get(c)
                if kind == "run":
                    exprs.append(str(int(self.run_id)) if self.run_id else "NULL")
                elif kind:
                    exprs.append("%s + %d" % (c, shift[kind]))
                else:
                    exprs.append(c)
            owner = "id" if table == "documents" else "document_id"
            con.execute("INSERT INTO main.%s(%s) SELECT %s FROM s.%s WHERE %s IN (SELECT id FROM temp.take)"
                        % (table, ", ".join(cols), ", ".join(exprs), table, owner))
        return taken, total

    def names(self):
        """Every path the archive holds."""
        return {r[0] for r in self.con.execute("SELECT path FROM documents")}

    def status_of(self, names):
        """{path: status} of these paths (those present)."""
        out = {}
        names = list(names)
        for i in range(0, len(names), 500):
            chunk = names[i:i + 500]
            q = "SELECT path, status FROM documents WHERE path IN (%s)" % ",".join(["CAST(? AS TEXT)"] * len(chunk))
            out.update(dict(self.con.execute(q, [os.fsencode(n) for n in chunk]).fetchall()))
        return out

    def known(self, tool_version):
        """{path: (sha256, ok)} of the documents read by this tool version:
        a partition skips those whose content is unchanged."""
        return {p: (sha, st == "ok") for p, sha, st in self.con.execute(
            "SELECT path, sha256, status FROM documents WHERE sha256 IS NOT NULL AND tool_version = ?",
            (tool_version,))}


def shard_files(directory):
    """Complete shards in a folder (a shard appears under its final name
    only once wholly written), in name order."""
    try:
        names = sorted(os.listdir(directory))
    except FileNotFoundError:
        return []
    return [os.path.join(directory, n) for n in names if n.startswith("part-") and n.endswith(".sqlite")]
