"""Two archives compared by content: documents by path, records, checks and
diagnostics by (path, seq), every column but ids, timestamps and run ids
(the runs table is not compared). Used by dask_test.py; also a command:

    compare.py A.sqlite B.sqlite      exit 0 equal, 1 with the differences listed
"""
import sqlite3
import sys

IGNORED = {"id", "document_id", "record_id", "processed_at", "run_id"}


def _cols(con, table):
    names = [r[1] for r in con.execute("PRAGMA table_info(%s)" % table)]
    names = [n.decode() if isinstance(n, bytes) else n for n in names]
    return [n for n in names if n not in IGNORED]


def content(db):
    """{table: {key: row}} of an archive, by content."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    con.text_factory = bytes     # compared as stored, even a text that is not valid UTF-8
    try:
        out = {}
        cols = _cols(con, "documents")
        out["documents"] = {r[0]: r for r in con.execute(
            "SELECT %s FROM documents" % ", ".join(["path"] + cols))}
        cols = _cols(con, "records")
        out["records"] = {(r[0], r[1]): r[2:] for r in con.execute(
            "SELECT d.path, r.seq, %s FROM records r JOIN documents d ON d.id = r.document_id"
            % ", ".join("r." + c for c in cols))}
        for table in ("checks", "diagnostics"):
            cols = _cols(con, table)
            out[table] = {(r[0], r[1]): r[2:] for r in con.execute(
                "SELECT d.path, r.seq, %s FROM %s x JOIN records r ON r.id = x.record_id"
                " JOIN documents d ON d.id = x.document_id" % (", ".join("x." + c for c in cols), table))}
        # the same document twice would hide in the dicts above: count the rows too
        out["counts"] = {t: con.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
                         for t in ("documents", "records", "checks", "diagnostics")}
        return out
    finally:
        con.close()


def differences(a, b, limit=20):
    """Sentences naming what differs between two content() dicts."""
    out = []
    for table in a:
        x, y = a[table], b[table]
        for k in sorted(set(x) | set(y), key=repr):
            if x.get(k) != y.get(k):
                out.append("%s %r: %r != %r" % (table, k, x.get(k), y.get(k)))
                if len(out) >= limit:
                    return out
    return out


if __name__ == "__main__":
    diffs = differences(content(sys.argv[1]), content(sys.argv[2]))
    for d in diffs:
        print(d)
    sys.exit(1 if diffs else 0)
