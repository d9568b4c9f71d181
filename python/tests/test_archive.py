"""vnaudit.Archive and vnaudit.archive_store against `vnaudit ingest`: the
same rows for the same folder (odd files included: empty, FIFO, broken
link, a link back up the tree, a name that is not UTF-8); the walk finds
what the CLI finds; skipping by known SHA-256; error rows; the exclusive
writer; a closed archive; bad arguments."""
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

import vnaudit
from vnaudit import _walk
from conftest import SOURCE, TOOL

sys.path.insert(0, os.path.join(SOURCE, "tests", "dask"))
import compare  # noqa: E402


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """tmp/in: fixtures/archive, fixtures/docs and odd files; cwd tmp."""
    top = tmp_path / "in"
    for d in ("fixtures/archive", "fixtures/docs"):
        shutil.copytree(os.path.join(SOURCE, d), top / d.split("/")[1])
    odd = top / "odd"
    odd.mkdir()
    (odd / "rong.txt").write_bytes(b"")
    os.mkfifo(odd / "ong.fifo")
    os.symlink("khong-co.txt", odd / "gay.txt")
    os.symlink("..", odd / "len")
    with open(os.path.join(os.fsencode(odd), b"v\xf4n.txt"), "wb") as f:
        f.write("Vốn giao 1.200 triệu đồng.\n".encode())
    monkeypatch.chdir(tmp_path)
    return "in"


def ingest(db, *paths):
    p = subprocess.run([TOOL, "ingest", "--db", db, "-q"] + list(paths), capture_output=True, text=True)
    assert p.returncode in (0, 1), p.stderr
    return p.returncode


def rows(db, sql, *params):
    con = sqlite3.connect(db)
    con.text_factory = bytes
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_archive_store_equals_ingest(folder):
    ingest("cli.sqlite", folder)
    counts = vnaudit.archive_store("py.sqlite", [folder])
    want = compare.content("cli.sqlite")
    got = compare.content("py.sqlite")
    assert compare.differences(got, want) == []
    assert counts["found"] == want["counts"]["documents"] == counts["stored"]
    statuses = {r[0] for r in rows("py.sqlite", "SELECT status FROM documents")}
    assert statuses == {b"ok", b"error", b"unsupported", b"empty"}
    # the runs rows count alike
    q = "SELECT n_found, n_stored, n_skipped, n_failed, n_bytes, status FROM runs"
    assert rows("py.sqlite", q) == rows("cli.sqlite", q)


def test_walk_finds_what_ingest_finds(folder):
    ingest("cli.sqlite", folder)
    found = [os.fsencode(i.name) for i in _walk.walk([folder])]
    assert sorted(found) == sorted(r[0] for r in rows("cli.sqlite", "SELECT path FROM documents"))
    assert len(found) == len(set(found))        # the link back up the tree is not walked again
    problems = {os.fsdecode(os.path.basename(os.fsencode(i.name))): i.problem for i in _walk.walk([folder])
                if i.problem}
    assert problems == {"gay.txt": "broken symbolic link",
                        "ong.fifo": "not a regular file (a device, FIFO or socket)"}
    # a manifest (an open file, a path a line) gives the same
    with open("list.txt", "wb") as f:
        f.write(b"\n".join(found) + b"\n\n")
    with open("list.txt", "rb") as f:
        assert [os.fsencode(i.name) for i in _walk.walk(f)] == found


def test_second_store_skips_and_known_sha(folder):
    vnaudit.archive_store("a.sqlite", [folder])
    again = vnaudit.archive_store("a.sqlite", [folder])
    unread = rows("a.sqlite", "SELECT count(*) FROM documents WHERE sha256 IS NULL")[0][0]
    assert again["stored"] == unread and again["skipped"] == again["found"] - unread
    # known_sha256: skipped by what the caller knows, not by this archive
    sha = rows("a.sqlite", "SELECT sha256 FROM documents WHERE path = ?",
               folder + "/archive/bao_cao_quy_a.txt")[0][0].decode()
    with vnaudit.Archive("b.sqlite") as b:
        a = vnaudit.archive.auditor()
        got = b.ingest(a, folder + "/archive/bao_cao_quy_a.txt", known_sha256=sha, known_ok=True)
        assert got[0] is None and got[3] is True
        got = b.ingest(a, folder + "/archive/bao_cao_quy_a.txt", known_sha256="0" * 64)
        assert got[0] == "ok" and got[1] is True and got[4] >= 0
    assert rows("b.sqlite", "SELECT count(*) FROM documents")[0][0] == 1


def test_name_and_error_rows(folder):
    with vnaudit.Archive("c.sqlite") as c:
        a = vnaudit.archive.auditor()
        run = c.run_begin("test")
        st = c.ingest(a, os.path.abspath(folder + "/archive/bao_cao_quy_b.txt"), name="ten/khac.txt", run_id=run)
        assert st[0] == "ok"
        assert c.store_error("mat.txt", "the worker died", size=12, run_id=run) is True
        c.run_end(run, {"found": 2, "stored": 2, "failed": 1})
    doc = rows("c.sqlite", "SELECT path, run_id FROM documents WHERE status = 'ok'")
    assert doc == [(b"ten/khac.txt", 1)]
    files = {r[0] for r in rows("c.sqlite", "SELECT DISTINCT json_extract(json, '$.file') FROM records")}
    assert files == {b"ten/khac.txt"}
    err = rows("c.sqlite", "SELECT status, message, size, sha256 FROM documents WHERE path = 'mat.txt'")
    assert err == [(b"error", b"the worker died", 12, None)]
    assert rows("c.sqlite", "SELECT status, n_found, n_failed FROM runs") == [(b"done", 2, 1)]


def test_exclusive_closed_and_bad_arguments(tmp_path):
    db = str(tmp_path / "x.sqlite")
    with vnaudit.Archive(db, "exclusive"):
        with pytest.raises(vnaudit.VnauditError) as e:
            vnaudit.Archive(db, "exclusive")
        assert "another vnaudit is writing" in str(e.value)
        p = subprocess.run([TOOL, "ingest", "--db", db, os.path.join(SOURCE, "examples")], capture_output=True)
        assert p.returncode == 2
    a = vnaudit.Archive(db)
    a.close()
    a.close()
    with pytest.raises(ValueError):
        a.run_begin()
    with pytest.raises(ValueError):
        vnaudit.Archive(db, "append")
    with pytest.raises(vnaudit.VnauditError):
        vnaudit.Archive(str(tmp_path / "none" / "x.sqlite"))
    with pytest.raises(TypeError):      # not a Pipeline
        vnaudit.Archive(db)._a.ingest(object(), "x.txt")
