"""The Python binding against the tool: the same records as `vnaudit check|extract
--format jsonl` on every fixture, from paths and from bytes; exact values as
Decimal; unreadable documents raise; the GIL is released while C runs."""
import decimal
import json
import os
import subprocess
import threading
import time

import pytest

import vnaudit
from vnaudit import _vnaudit
from conftest import TOOL, documents, hostile

DOCS = documents()


def tool_records(command, path):
    p = subprocess.run([TOOL, command, "--format", "jsonl", path], capture_output=True)
    assert p.returncode in (0, 1), p.stderr.decode()
    return [json.loads(line, parse_float=decimal.Decimal) for line in p.stdout.decode("utf-8").splitlines()]


def as_json(records):
    """The binding's records with their Decimals written back as the JSON strings."""
    def plain(v):
        if isinstance(v, decimal.Decimal):
            return str(v)
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v
    return [plain(r) for r in records]


def no_float(v):
    if isinstance(v, dict):
        return all(no_float(x) for x in v.values())
    if isinstance(v, list):
        return all(no_float(x) for x in v)
    return not isinstance(v, float)


def test_fixtures_found():
    kinds = {os.path.splitext(d)[1] for d in DOCS}
    assert len(DOCS) >= 30 and {".txt", ".docx", ".odt", ".fodt", ".html"} <= kinds


@pytest.mark.parametrize("path", DOCS)
def test_check_same_as_tool(path):
    got = vnaudit.check(path)
    want = tool_records("check", path)
    assert len(got) == len(want)
    assert as_json(got) == want
    assert no_float(got)


@pytest.mark.parametrize("path", DOCS)
def test_extract_same_as_tool(path):
    got = vnaudit.extract(path)
    assert as_json(got) == tool_records("extract", path)
    assert not any(r["type"] in ("check",) for r in got)


@pytest.mark.parametrize("path", ["examples/bao-cao-chuong-trinh.txt", "fixtures/docs/report.lo.docx",
                                  "fixtures/docs/report.pandoc.odt", "fixtures/docs/report.cp1258.html"])
def test_bytes_same_as_path(path):
    with open(path, "rb") as f:
        data = f.read()
    assert vnaudit.check(data, name=path) == vnaudit.check(path)
    assert vnaudit.check(bytearray(data), name=path) == vnaudit.check(path)
    from_bytes = vnaudit.check(data)
    assert from_bytes and all(r["file"] == "-" for r in from_bytes)


def test_pathlike_and_decimals():
    import pathlib
    recs = vnaudit.check(pathlib.Path("examples/bao-cao-chuong-trinh.txt"))
    amounts = [r for r in recs if r["type"] == "amount"]
    checks = [r for r in recs if r["type"] == "check"]
    assert amounts and checks
    assert all(isinstance(r["value_dong"], decimal.Decimal) and isinstance(r["value"], decimal.Decimal)
               for r in amounts)
    assert all(isinstance(r["computed"], decimal.Decimal) for r in checks)
    # exact: a value with more digits than a double holds survives
    big = vnaudit.extract("Tổng vốn 123.456.789.012.345.678,91 triệu đồng.\n".encode())
    assert big[0]["value_dong"] == decimal.Decimal("123456789012345678910000")
    dates = [r for r in recs if r["type"] == "date"]
    assert dates and all(isinstance(r["value"], str) for r in dates)


def test_inconsistencies_found():
    recs = vnaudit.check("examples/bao-cao-chuong-trinh.txt")
    assert sum(1 for r in recs if r.get("verdict") == "inconsistent") == 3


def test_missing_file_raises():
    with pytest.raises(vnaudit.VnauditError) as e:
        vnaudit.check("no/such/report.docx")
    assert "no/such/report.docx" in str(e.value)
    assert e.value.file == "no/such/report.docx" and e.value.code != 0


@pytest.mark.parametrize("path", hostile())
def test_broken_document_raises(path):
    """Every document the tool refuses (exit 2) raises, naming the file."""
    p = subprocess.run([TOOL, "check", path], capture_output=True)
    assert p.returncode == 2
    with pytest.raises(vnaudit.VnauditError) as e:
        vnaudit.check(path)
    assert path in str(e.value)
    with open(path, "rb") as f:
        data = f.read()
    with pytest.raises(vnaudit.VnauditError) as e:
        vnaudit.check(data, name="upload.docx")
    assert "upload.docx" in str(e.value) and e.value.file == "upload.docx"


def test_truncated_docx_raises():
    with open("fixtures/docs/report.lo.docx", "rb") as f:
        data = f.read()
    with pytest.raises(vnaudit.VnauditError):
        vnaudit.check(data[: len(data) // 2], name="half.docx")


def test_limit_and_options():
    with pytest.raises(vnaudit.VnauditError) as e:
        vnaudit.check("examples/bao-cao-chuong-trinh.txt", max_input_bytes=100)
    assert "bao-cao-chuong-trinh.txt" in str(e.value)
    with pytest.raises(TypeError):
        vnaudit.check("examples/bao-cao-chuong-trinh.txt", colour=True)
    with pytest.raises(TypeError):
        vnaudit.check(12345)
    two = vnaudit.check("examples/bao-cao-chuong-trinh.txt", threads=2)
    assert two == vnaudit.check("examples/bao-cao-chuong-trinh.txt", threads=1)
    vocab = vnaudit.check("examples/bao-cao-chuong-trinh.txt", vocab="vocab")
    assert vocab == vnaudit.check("examples/bao-cao-chuong-trinh.txt")
    with pytest.raises(vnaudit.VnauditError):
        vnaudit.Auditor(vocab="no/such/vocab")


def test_gil_released():
    """A Python thread keeps running while the C library works on a large
    document: it leaves timestamps inside the call, not only before and after
    it (with the GIL held it could run there at most for one switch interval,
    5 ms, at either end)."""
    with open("examples/bao-cao-chuong-trinh.txt", "rb") as f:
        data = f.read() * 1200   # long enough for the call to last well past 0.12 s on an idle machine
    p = _vnaudit.Pipeline(validate=True)
    stamps = []
    stop = threading.Event()

    def count():
        n = 0
        while not stop.is_set():
            n += 1
            if n % 100 == 0:
                stamps.append(time.perf_counter())

    t = threading.Thread(target=count)
    t.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        out = p.run(data=data, label="big")
        end = time.perf_counter()
    finally:
        stop.set()
        t.join()
    assert out.count(b"\n") > 1000
    margin = 0.03
    assert end - start > 4 * margin, "the document is too small to tell"
    inside = [x for x in stamps if start + margin < x < end - margin]
    assert len(inside) >= 3, (len(inside), end - start)


def test_threads_give_the_same_records():
    paths = [d for d in DOCS if d.endswith((".txt", ".docx"))][:8]
    want = {p: vnaudit.check(p) for p in paths}
    got = {}

    def work(chunk):
        for p in chunk:
            got[p] = vnaudit.check(p)

    threads = [threading.Thread(target=work, args=(paths[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == want


def test_to_dataframe():
    pandas = pytest.importorskip("pandas", reason="python3-pandas (scripts/setup.sh installs it)")
    recs = vnaudit.check("examples/bao-cao-chuong-trinh.txt")
    df = vnaudit.to_dataframe(recs)
    assert len(df) == len(recs)
    assert {"type", "file", "line", "col", "text", "value_dong", "verdict", "computed"} <= set(df.columns)
    amounts = df[df["type"] == "amount"]
    assert all(isinstance(v, decimal.Decimal) for v in amounts["value_dong"])
    assert amounts["value_dong"].sum() == sum(r["value_dong"] for r in recs if r["type"] == "amount")
    assert df.loc[df["type"] == "amount", "verdict"].isna().all()


def test_version():
    assert vnaudit.__version__ == subprocess.run([TOOL, "--version"], capture_output=True,
                                                 text=True).stdout.split()[-1]
