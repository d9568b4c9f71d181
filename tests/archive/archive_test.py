#!/usr/bin/env python3
"""Tests of the archive (vnaudit ingest / export / crosscheck) and of -j N.

usage: archive_test.py statuses|crosscheck|kill|jobs|site VNAUDIT SOURCE_DIR

Each builds its inputs in a temporary folder from the repository's fixtures
and files made here (empty, blank, PDF, images, OLE2, hostile documents,
a FIFO, a broken link, a symbolic-link loop) and checks the database with
Python's sqlite3."""
import fcntl
import html
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser

VN, SRC = None, None
FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what)


def run(args, **kw):
    return subprocess.run([VN] + args, capture_output=True, text=True, **kw)


def db_rows(db, sql, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


# ---- the folder of every kind of input, with the status each must get ----

MADE = {  # name: (bytes, status, format)
    "rong.txt": (b"", "empty", "text"),
    "trang.txt": (b"  \n\t\n", "empty", "text"),
    # broken PDF and images: an error where this build reads them (VNAUDIT_PDF, VNAUDIT_OCR), unsupported where
    # it lacks the reader; never ok
    "tai-lieu.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ("error", "unsupported"), "pdf"),
    "anh.png": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", ("error", "unsupported"), "png"),
    "anh.jpg": (b"\xff\xd8\xff\xe0\0\x10JFIF\0", ("error", "unsupported"), "jpeg"),
    "cu.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "error", "ole2"),
    "van-ban.rtf": ("{\\rtf1\\ansi Vốn 1.000 trđ}".encode(), "unsupported", "rtf"),
    "hong-utf8.txt": (b"V\xf4n giao 1.200 tri\xe1u \xc4\x91\xe1\xbb\x93ng\n", "ok", "text"),
    "lon.txt": (("Vốn giao 1.000 triệu đồng.\n" * 4000).encode(), "error", None),   # over --max-input-bytes
}


def make_folder(root):
    """The test folder; returns {path: (status, format or None)} for every file."""
    want = {}
    docs = os.path.join(SRC, "fixtures", "docs")
    os.makedirs(os.path.join(root, "docs"))
    for name in sorted(os.listdir(docs)):
        src = os.path.join(docs, name)
        if not os.path.isfile(src) or name.endswith((".sh", ".py")):
            continue
        shutil.copy(src, os.path.join(root, "docs", name))
        status = "ok"
        fmt = {"txt": "text", "docx": "docx", "odt": "odt", "fodt": "fodt", "html": "html"}.get(name.rsplit(".", 1)[1])
        if name.startswith("hostile-"):
            status, fmt = "error", None
            if name == "hostile-other.zip":
                status, fmt = "unsupported", "zip"
        want[os.path.join(root, "docs", name)] = (status, fmt)
    sub = os.path.join(root, "bao-cao", "2024")
    os.makedirs(sub)
    for d in ("fixtures/validate", "fixtures/heldout", "fixtures/archive", "examples"):
        for name in sorted(os.listdir(os.path.join(SRC, d))):
            if name.endswith(".txt"):
                dst = os.path.join(sub, d.split("/")[-1] + "-" + name)
                shutil.copy(os.path.join(SRC, d, name), dst)
                want[dst] = ("ok", "text")
    for name, (data, status, fmt) in MADE.items():
        p = os.path.join(root, name)
        with open(p, "wb") as f:
            f.write(data)
        want[p] = (status, fmt)
    os.symlink("..", os.path.join(sub, "vong-lap"))          # a loop: not walked twice
    os.symlink("khong-co", os.path.join(root, "gay"))         # a broken link
    want[os.path.join(root, "gay")] = ("error", None)
    os.mkfifo(os.path.join(root, "ong"))
    want[os.path.join(root, "ong")] = ("error", None)
    return want


def statuses(tmp):
    root = os.path.join(tmp, "in")
    want = make_folder(root)
    db = os.path.join(tmp, "a.sqlite")
    r = run(["ingest", "--db", db, "-j", "2", "--max-input-bytes", "100000", root])
    check(r.returncode == 1, f"ingest with failures exits 1, got {r.returncode}: {r.stderr}")
    check(r.stderr == "", f"quiet when not a terminal, got {r.stderr!r}")
    rows = db_rows(db, "SELECT path, status, format, message, sha256, size FROM documents")
    got = {p: (s, f, m, h, z) for p, s, f, m, h, z in rows}
    check(len(rows) == len(got), "one row per path")
    check(set(got) == set(want), f"every file has a row: missing {set(want) - set(got)}, extra {set(got) - set(want)}")
    for p, (status, fmt) in want.items():
        if p not in got:
            continue
        s, f, m, h, z = got[p]
        check(s in status if isinstance(status, tuple) else s == status, f"{p}: status {s}, want {status} ({m})")
        if fmt:
            check(f == fmt, f"{p}: format {f}, want {fmt}")
        check((m is None) == (s == "ok"), f"{p}: a message exactly when not ok ({s}, {m!r})")
        if s == "ok":
            check(h is not None and len(h) == 64, f"{p}: sha256 stored")
    lon = got.get(os.path.join(root, "lon.txt"))
    check(lon and "too large" in lon[2], f"the oversized file says so: {lon}")
    # the sha256 is the file's
    import hashlib
    p = os.path.join(root, "docs", "report.txt")
    check(got[p][3] == hashlib.sha256(open(p, "rb").read()).hexdigest(), "sha256 of report.txt")
    # complete documents: counts match the rows
    bad = db_rows(db, """SELECT d.path FROM documents d WHERE n_records != (SELECT count(*) FROM records WHERE document_id = d.id)
                         OR n_checks != (SELECT count(*) FROM checks WHERE document_id = d.id)
                         OR n_inconsistent != (SELECT count(*) FROM checks WHERE document_id = d.id AND verdict = 'inconsistent')""")
    check(not bad, f"counts of every document match its rows: {bad}")
    check(db_rows(db, "SELECT count(*) FROM records WHERE type = 'check'") == db_rows(db, "SELECT count(*) FROM checks"),
          "one checks row per check record")
    check(db_rows(db, "PRAGMA journal_mode")[0][0] == "wal", "WAL mode")
    check(db_rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [("1",)], "schema_version 1")
    # money is never REAL
    check(db_rows(db, "SELECT count(*) FROM records WHERE typeof(value_dong) NOT IN ('text', 'null')") == [(0,)],
          "value_dong is text")
    n_docs = len(rows)
    # a second run stores nothing new (except what has no sha256: retried), same exit status
    r2 = run(["ingest", "--db", db, "-j", "2", "--max-input-bytes", "100000", root])
    check(r2.returncode == 1, f"rerun exits 1 (failures stored before), got {r2.returncode}")
    run_row = db_rows(db, "SELECT n_found, n_stored, n_skipped, status FROM runs ORDER BY id DESC LIMIT 1")[0]
    unread = sum(1 for v in got.values() if v[3] is None)
    check(run_row == (n_docs, unread, n_docs - unread, "done"), f"rerun: {run_row}, {unread} without sha256")
    check(db_rows(db, "SELECT count(*) FROM documents") == [(n_docs,)], "rerun: no duplicate")
    # a changed file replaces its row
    p = os.path.join(root, "bao-cao", "2024", "examples-bao-cao-chuong-trinh.txt")
    with open(p, "a") as f:
        f.write("Kinh phí bổ sung 7.777 triệu đồng.\n")
    run(["ingest", "--db", db, root, "--max-input-bytes", "100000"])
    check(db_rows(db, "SELECT count(*) FROM documents WHERE path = ?", p) == [(1,)], "changed file: one row")
    check(db_rows(db, "SELECT count(*) FROM records r JOIN documents d ON d.id = r.document_id WHERE d.path = ? AND r.text = '7.777 triệu đồng'", p) == [(1,)],
          "changed file: its new records")
    # export: the records check --format jsonl gives, for the same paths in byte order
    paths = sorted(p for p, v in db_rows(db, "SELECT path, status FROM documents") if v == "ok")
    ck = run(["check", "--format", "jsonl", "--max-input-bytes", "100000"] + sorted(paths, key=lambda s: s.encode()))
    ex = run(["export", "--db", db, "--format", "jsonl"])
    check(ex.returncode == 0, f"export exits 0: {ex.stderr}")
    check(ex.stdout == ck.stdout and ex.stdout.count("\n") > 500,
          f"export jsonl equals check jsonl ({ex.stdout.count(chr(10))} vs {ck.stdout.count(chr(10))} lines)")
    inc = run(["export", "--db", db, "--type", "check", "--verdict", "inconsistent"]).stdout.splitlines()
    want_inc = [l for l in ck.stdout.splitlines() if '"type":"check"' in l and '"verdict":"inconsistent"' in l]
    check(inc == want_inc and len(inc) > 5, f"export --verdict inconsistent: {len(inc)} vs {len(want_inc)}")
    import csv, io
    rows_csv = list(csv.reader(io.StringIO(run(["export", "--db", db, "--format", "csv"]).stdout)))
    check(rows_csv[0][:5] == ["path", "line", "col", "type", "text"] and len(rows_csv) - 1 == ex.stdout.count("\n"),
          f"export csv: a header and one row per record ({len(rows_csv)})")
    check(run(["export", "--db", os.path.join(tmp, "none.sqlite")]).returncode == 2, "export of a missing archive: 2")
    # two processes: while one holds the archive, another ingest refuses with a clear message
    with open(db, "rb") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        r3 = run(["ingest", "--db", db, root])
        fcntl.flock(f, fcntl.LOCK_UN)
    check(r3.returncode == 2 and "another vnaudit is writing" in r3.stderr, f"second writer refused: {r3.stderr}")
    # two at once: one refuses or waits its turn; nothing is corrupted, no duplicate
    a = subprocess.Popen([VN, "ingest", "--db", os.path.join(tmp, "b.sqlite"), root], stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen([VN, "ingest", "--db", os.path.join(tmp, "b.sqlite"), root], stderr=subprocess.PIPE, text=True)
    ea, eb = a.wait(), b.wait()
    errs = a.stderr.read() + b.stderr.read()
    check({ea, eb} <= {1, 2} and (ea == 1 or eb == 1), f"two at once: one ran ({ea}, {eb}): {errs}")
    check(db_rows(os.path.join(tmp, "b.sqlite"), "PRAGMA integrity_check") == [("ok",)], "two at once: integrity")
    check(db_rows(os.path.join(tmp, "b.sqlite"), "SELECT count(*), count(DISTINCT path) FROM documents") == [(n_docs, n_docs)],
          "two at once: every document once")
    # --files-from -
    listing = "\n".join(sorted(want)[:5]) + "\n"
    r4 = subprocess.run([VN, "ingest", "--db", os.path.join(tmp, "c.sqlite"), "--files-from", "-"], input=listing,
                        capture_output=True, text=True)
    check(db_rows(os.path.join(tmp, "c.sqlite"), "SELECT count(*) FROM documents") == [(5,)], f"--files-from -: {r4.stderr}")


def crosscheck(tmp):
    db = os.path.join(tmp, "x.sqlite")
    fx = os.path.join(SRC, "fixtures", "archive")
    r = run(["ingest", "--db", db, fx])
    check(r.returncode == 0, f"ingest fixtures/archive: {r.returncode} {r.stderr}")
    r = run(["crosscheck", "--db", db])
    check(r.returncode == 1, f"crosscheck with findings exits 1: {r.returncode} {r.stderr}")
    got = sorted((k, os.path.basename(a), al, os.path.basename(b), bl, at, bt) for k, a, al, b, bl, at, bt in db_rows(
        db, "SELECT kind, a_path, a_line, b_path, b_line, a_text, b_text FROM findings"))
    want = []
    for line in open(os.path.join(fx, "crosscheck.expected"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            k, a, al, b, bl, at, bt = line.rstrip("\n").split("\t")
            want.append((k, a, int(al), b, int(bl), at, bt))
    check(got == sorted(want), "findings:\n  got  %s\n  want %s" % (got, sorted(want)))
    check(r.stdout.count("\n") == 3 * len(want), "each finding printed with both places")
    # again: the findings table is replaced, not added to
    run(["crosscheck", "--db", db])
    check(db_rows(db, "SELECT count(*) FROM findings") == [(len(want),)], "crosscheck twice: same findings")
    # no false alarm on the repository's fixtures: the same report in every format, the validator's fixtures
    db2 = os.path.join(tmp, "y.sqlite")
    run(["ingest", "--db", db2, os.path.join(SRC, "fixtures", "docs"), os.path.join(SRC, "fixtures", "validate"),
         os.path.join(SRC, "fixtures", "heldout"), os.path.join(SRC, "examples")])
    r = run(["crosscheck", "--db", db2])
    check(r.returncode == 0 and r.stdout == "", f"no finding on the repository's fixtures: {r.stdout}")
    check(db_rows(db2, "SELECT count(*) FROM documents WHERE issuer = 'ỦY BAN NHÂN DÂN HUYỆN SƠN LÂM' AND period = '2024-H1'")[0][0] >= 8,
          "the head of report.* read in every format")


def kill(tmp):
    """kill -9 at random moments, 20 times in a row; the database checked after each; then a last run equals a
    clean one by content."""
    root = os.path.join(tmp, "in")
    os.makedirs(root)
    srcs = [os.path.join(SRC, "fixtures", "validate", n) for n in sorted(os.listdir(os.path.join(SRC, "fixtures", "validate")))
            if n.endswith(".txt")]
    srcs += [os.path.join(SRC, "fixtures", "docs", n) for n in ("report.txt", "report.pandoc.docx", "report.lo.odt",
                                                               "report.pandoc.html", "table-merged.docx", "hostile-bomb.docx")]
    files = []
    for i in range(300):
        s = srcs[i % len(srcs)]
        d = os.path.join(root, "d%02d" % (i % 10), "f%03d-%s" % (i, os.path.basename(s)))
        os.makedirs(os.path.dirname(d), exist_ok=True)
        shutil.copy(s, d)
        files.append(d)
    db = os.path.join(tmp, "k.sqlite")
    t0 = time.time()
    clean = os.path.join(tmp, "clean0.sqlite")
    run(["ingest", "--db", clean, "-j", "2", root])
    full = time.time() - t0
    rnd = random.Random(int(os.environ.get("VNAUDIT_KILL_SEED", "11")))
    txt = [f for f in files if f.endswith(".txt")]

    def change():
        # some files change between runs, so every run has documents to replace
        for p in rnd.sample(txt, 60):
            with open(p, "a", encoding="utf-8") as f:
                f.write("Bổ sung kinh phí %d triệu đồng.\n" % rnd.randint(1, 999))
    change()
    t0 = time.time()
    run(["ingest", "--db", clean, "-j", "2", root])
    again = time.time() - t0    # a run that replaces 60 documents and skips the rest
    interrupted = 0
    for k in range(20):
        change()
        proc = subprocess.Popen([VN, "ingest", "--db", db, "-j", "2", root], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0, (full if k == 0 else again) * 1.1))
        proc.send_signal(signal.SIGKILL)
        interrupted += proc.wait() == -signal.SIGKILL
        if not os.path.exists(db):
            continue
        check(db_rows(db, "PRAGMA integrity_check") == [("ok",)], f"kill {k}: integrity_check")
        n, distinct = db_rows(db, "SELECT count(*), count(DISTINCT path) FROM documents")[0]
        check(n == distinct, f"kill {k}: no duplicate path")
        bad = db_rows(db, """SELECT d.path FROM documents d WHERE n_records != (SELECT count(*) FROM records WHERE document_id = d.id)
                             OR n_checks != (SELECT count(*) FROM checks WHERE document_id = d.id)
                             OR (SELECT count(*) FROM records WHERE document_id = d.id) != (SELECT coalesce(max(seq) + 1, 0) FROM records WHERE document_id = d.id)""")
        check(not bad, f"kill {k}: complete documents only: {bad[:3]}")
        for t in ("records", "checks", "diagnostics"):
            check(db_rows(db, f"SELECT count(*) FROM {t} WHERE document_id NOT IN (SELECT id FROM documents)") == [(0,)],
                  f"kill {k}: no orphan row in {t}")
        check(db_rows(db, "SELECT count(*) FROM checks WHERE record_id NOT IN (SELECT id FROM records)") == [(0,)],
              f"kill {k}: no check without its record")
        print(f"kill {k}: {n} documents")
    print(f"{interrupted} of 20 runs killed before their end (clean run {full:.2f} s, a resumed one {again:.2f} s)")
    check(interrupted >= 10, f"at least half of the kills land inside a run: {interrupted}")
    # a finding between each pair of neighbouring documents (as a crosscheck would store them), so that replacing
    # a document must remove the findings that name it, and only those
    con = sqlite3.connect(db)
    ids = [i for (i,) in con.execute("SELECT id FROM documents ORDER BY id")]
    con.executemany("INSERT INTO findings(kind, subject, message, found_at, a_document_id, a_path, b_document_id, b_path)"
                    " VALUES('figure-value', 's', 'm', 't', ?, 'a', ?, 'b')", list(zip(ids, ids[1:])))
    con.commit()
    con.close()
    change()
    r = run(["ingest", "--db", db, "-j", "2", root])
    check(r.returncode in (0, 1), f"last run: {r.returncode} {r.stderr}")
    check(db_rows(db, "SELECT count(*) FROM findings WHERE a_document_id NOT IN (SELECT id FROM documents)"
                      " OR b_document_id NOT IN (SELECT id FROM documents)") == [(0,)], "no finding of a replaced document")
    kept = db_rows(db, "SELECT count(*) FROM findings")[0][0]
    check(0 < kept < len(ids) - 1, f"the findings of the documents not replaced are kept ({kept} of {len(ids) - 1})")
    # the secondary indexes, built at the end of a run (or when a killed one is resumed)
    idx = {n for (n,) in db_rows(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    want_idx = {"records_document_seq", "records_reference", "checks_document", "checks_verdict", "diagnostics_document",
                "documents_locality_year", "documents_program_year", "documents_status", "findings_a", "findings_b"}
    check(idx == want_idx, f"indexes after the last run: {sorted(idx)}")
    plan = " ".join(r[-1] for r in db_rows(db, "EXPLAIN QUERY PLAN SELECT * FROM records WHERE type = 'reference' AND number = '90' AND code = 'QĐ-TTg'"))
    check("records_reference" in plan, f"the citing query uses its index: {plan}")
    clean = os.path.join(tmp, "clean.sqlite")
    run(["ingest", "--db", clean, "-j", "1", root])
    q = {"documents": "SELECT path, size, sha256, format, status, message, n_records, n_checks, n_inconsistent, n_errors, issuer, period FROM documents ORDER BY path",
         "records": "SELECT d.path, r.seq, r.json FROM records r JOIN documents d ON d.id = r.document_id ORDER BY d.path, r.seq",
         "checks": "SELECT d.path, c.line, c.col, c.rule, c.verdict, c.claimed, c.computed, c.operands FROM checks c JOIN documents d ON d.id = c.document_id ORDER BY 1, 2, 3, 4, 6"}
    for name, sql in q.items():
        a, b = db_rows(db, sql), db_rows(clean, sql)
        check(a == b and len(a) > 0, f"after 20 kills, {name} equal a clean run's ({len(a)} vs {len(b)} rows)")


def jobs(tmp):
    root = os.path.join(tmp, "in")
    want = make_folder(root)
    files = sorted(p for p, (s, f) in want.items() if os.path.isfile(p) and not os.path.islink(p))
    files = files * 3   # many files, some twice
    for args in (["extract"], ["extract", "--format", "csv"], ["check"], ["check", "--format", "jsonl"],
                 ["check", "--format", "sarif"], ["check", "--format", "html"], ["check", "--format", "csv"]):
        one = subprocess.run([VN] + args + ["-j", "1"] + files, capture_output=True)
        two = subprocess.run([VN] + args + ["-j", "2"] + files, capture_output=True)
        four = subprocess.run([VN] + args + ["-j", "4"] + files, capture_output=True)
        check(len(one.stdout) > 1000, f"{args}: output ({len(one.stdout)} bytes)")
        check(one.stdout == two.stdout == four.stdout, f"{args}: -j 2 and -j 4 give the bytes of -j 1")
        check(one.stderr == two.stderr, f"{args}: the same messages, in input order")
        check(one.returncode == two.returncode == four.returncode == 2, f"{args}: exit {one.returncode} {two.returncode}")


class Page(HTMLParser):
    """A page's links, ids, table rows and whether its tags balance."""
    VOID = {"meta", "input", "br", "hr", "img", "link", "wbr", "col", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.hrefs, self.ids, self.rows = [], [], [], set(), []
        self.row, self.cell, self.divs = None, None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "div":
            self.divs.append(a.get("class", ""))
        if tag == "tr":
            self.row = {"status": a.get("data-status"), "cells": [], "href": None}
        if tag == "td" and self.row is not None:
            self.cell = ""
        if tag == "a" and self.row is not None and self.row["href"] is None:
            self.row["href"] = a.get("href")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "td" and self.row is not None:
            self.row["cells"].append(self.cell)
            self.cell = None
        if tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def read_page(path):
    with open(path, encoding="utf-8") as f:     # strict: the pages are UTF-8
        raw = f.read()
    p = Page()
    p.feed(raw)
    p.close()
    if p.stack:
        p.errors.append(f"unclosed: {p.stack}")
    return raw, p


def site(tmp):
    """vnaudit report --db F --html DIR: a page per ok document, every document in the index with its status,
    every link resolves, tags balance, text escaped (Vietnamese kept as UTF-8, markup characters as entities)."""
    root = os.path.join(tmp, "in")
    os.makedirs(root)
    for d in ("fixtures/archive", "fixtures/validate"):
        for name in sorted(os.listdir(os.path.join(SRC, d))):
            if name.endswith(".txt"):
                shutil.copy(os.path.join(SRC, d, name), os.path.join(root, d.split("/")[-1] + "-" + name))
    for name in ("rong.txt", "tai-lieu.pdf", "cu.doc"):
        with open(os.path.join(root, name), "wb") as f:
            f.write(MADE[name][0])
    odd = "Báo cáo <b>& 'quý' \"3\".txt"
    with open(os.path.join(root, odd), "w", encoding="utf-8") as f:
        f.write("ỦY BAN NHÂN DÂN HUYỆN ĐỒNG <THỬ>\nTổng vốn giao là 300 triệu đồng, gồm vốn đầu tư 100 triệu đồng"
                " và vốn sự nghiệp 150 triệu đồng <script>alert('x')</script> & hết.\n")
    with open(os.path.join(os.fsencode(root), b"sai-\xff-ten.txt"), "wb") as f:   # a name that is not UTF-8
        f.write("Vốn giao 1.000 triệu đồng.\n".encode())
    db = os.path.join(tmp, "s.sqlite")
    r = run(["ingest", "--db", db, "-j", "2", root])
    check(r.returncode == 1, f"ingest: {r.returncode} {r.stderr}")
    r = run(["crosscheck", "--db", db])
    check(r.returncode == 1, f"crosscheck finds the planted disagreements: {r.returncode}")
    out = os.path.join(tmp, "site")
    r = run(["report", "--db", db, "--html", out])
    check(r.returncode == 0 and r.stderr == "", f"report: {r.returncode} {r.stderr}")
    r = run(["report", "--db", db])
    check(r.returncode == 2 and "--html" in r.stderr, f"report without --html: {r.returncode} {r.stderr}")

    con = sqlite3.connect(db)
    con.text_factory = lambda b: b.decode("utf-8", "replace")
    docs = con.execute("SELECT id, path, status, message, n_inconsistent FROM documents").fetchall()
    n_findings = con.execute("SELECT count(*) FROM findings").fetchone()[0]
    con.close()
    ok_ids = {i for i, _, st, _, _ in docs if st == "ok"}
    check(len(docs) == 2 + len(os.listdir(root)) - 2 and len(ok_ids) >= 10 and n_findings >= 4,
          f"the archive: {len(docs)} documents, {len(ok_ids)} ok, {n_findings} findings")

    pages = {}
    for dirpath, _, files in os.walk(out):
        for name in files:
            path = os.path.join(dirpath, name)
            pages[os.path.relpath(path, out)] = read_page(path)
    check(sorted(n for n in pages if n.startswith("doc/")) == sorted(f"doc/{i}.html" for i in ok_ids),
          "one page per ok document, none for the others")
    for name, (raw, p) in pages.items():
        check(not p.errors, f"{name}: tags balance: {p.errors[:3]}")
        check(raw.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in raw, f"{name}: doctype and charset")
        text = re.sub(r"<(script|style)>.*?</\1>", "", raw, flags=re.S)
        check(not re.search(r"&(?!amp;|lt;|gt;|quot;|#39;)", text), f"{name}: every & is an entity")
        for href in p.hrefs:
            check(not re.match(r"[a-z]+:|/", href), f"{name}: relative link {href}")
            file, _, frag = href.partition("#")
            target = os.path.normpath(os.path.join(os.path.dirname(name), file))
            check(target in pages, f"{name}: link to {href}: no such file")
            if frag and target in pages:
                check(frag in pages[target][1].ids, f"{name}: link to {href}: no id {frag} there")

    raw, index = pages["index.html"]
    listed = sorted((row["cells"][0], row["status"], row["cells"][1]) for row in index.rows if row["cells"])
    check(listed == sorted((path, st, st) for _, path, st, _, _ in docs), "the index lists every document with its status")
    for row in index.rows:
        if row["cells"]:
            want = "doc/" if row["status"] == "ok" else "failed.html#d"
            check(row["href"].startswith(want), f"index: {row['cells'][0]} links to {row['href']}")
    check("'sort'" not in raw and "<script>" in raw and "addEventListener('click'" in raw and 'id="q"' in raw,
          "the index sorts and filters with an inline script")
    check("Báo cáo &lt;b&gt;&amp; &#39;quý&#39; &quot;3&quot;.txt" in raw and "<b>&" not in raw,
          "a path's markup characters escaped, its Vietnamese kept")
    check("sai-\ufffd-ten.txt" in raw, "a file name that is not UTF-8 shown with U+FFFD")

    raw, failed = pages["failed.html"]
    for i, path, st, msg, _ in docs:
        if st != "ok":
            check(f"d{i}" in failed.ids, f"failed.html: a row for {path}")
            check(html.escape(msg, quote=True).replace("&#x27;", "&#39;") in raw, f"failed.html: the message of {path}")

    raw, findings = pages["findings.html"]
    check(sum("finding" in c for c in findings.divs) == n_findings and len(findings.hrefs) >= 2 * n_findings + 3,
          f"findings.html: each finding with both places ({n_findings})")
    for i, path, st, _, n_inc in docs:
        if st == "ok":
            raw, p = pages[f"doc/{i}.html"]
            check(sum(c == "finding inconsistent" for c in p.divs) >= n_inc, f"doc/{i}.html: its {n_inc} inconsistencies")
            if path.endswith(odd):
                check("HUYỆN ĐỒNG" in raw and "&lt;THỬ&gt;" not in raw or "<THỬ>" not in raw,
                      "the odd document's page: Vietnamese as UTF-8, no raw markup")
                check("<script>alert" not in raw, "no script from a document's text")
    print(f"{len(pages)} pages, {len(ok_ids)} document pages, {n_findings} findings")


def main():
    global VN, SRC
    what, VN, SRC = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    with tempfile.TemporaryDirectory(prefix="vnaudit-archive-") as tmp:
        {"statuses": statuses, "crosscheck": crosscheck, "kill": kill, "jobs": jobs, "site": site}[what](tmp)
    if FAILS:
        print(f"{len(FAILS)} failure(s)")
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
