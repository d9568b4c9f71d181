#!/usr/bin/env python3
"""Legacy-encoding twins of the repository's Unicode fixtures.

Each fixture is turned into TCVN3, VNI, VISCII and CP1258 by the inverse of
the tables in vocab/encodings/ (plain text), and into a DOCX whose runs are in
the legacy fonts (.VnTime, .VnTimeH for TCVN3 capitals, VNI-Times), its
characters the U+0000-U+00FF code points that stand for the legacy bytes.
vnaudit must give the same records for each twin as for the Unicode text (the
DOCX against a Unicode DOCX of the same layout), apart from the
legacy-encoding note, which must be there and name the encoding. The plain
text twins in VISCII and CP1258 made by glibc's iconv must give the same
records too (an encoder independent of the tables).

usage: twins.py VNAUDIT SOURCE_DIR [--keep DIR]
"""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

ENCODINGS = ["tcvn3", "vni", "viscii", "cp1258"]
FONTS = {"tcvn3": ".VnTime", "vni": "VNI-Times"}


def load_table(src, name):
    """code point -> bytes, from bytes -> code point lines (letters first)."""
    inv = {}
    path = os.path.join(src, "vocab", "encodings", name + ".tsv")
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        rows.append((bytes(int(x, 16) for x in cols[0].split()), int(cols[1][2:], 16),
                     cols[3] if len(cols) > 3 else ""))
    for b, cp, origin in sorted(rows, key=lambda r: r[2] != "letter"):
        inv.setdefault(chr(cp), b)
    return inv


# Characters some encodings lack, as a typist in them would write them.
PLAIN = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-",
         "\u2026": "...", "\u00a0": " ", "\u2212": "-", "\u00d7": "x", "\u2265": ">=", "\u2264": "<="}


def encodable(text, inv, name):
    """The text with what the encoding cannot hold replaced as above."""
    out = []
    for ch in text:
        try:
            encode(ch, inv, name)
            out.append(ch)
        except ValueError:
            out.append(PLAIN.get(ch, "?"))
    return "".join(out)


def encode(text, inv, name):
    """Unicode text -> bytes. Letters the encoding lacks: TCVN3 capitals go
    lower case (as TCVN3 text is typed); CP1258 letters are decomposed into a
    base letter and a combining tone."""
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80 and (name != "viscii" or ch not in "\x02\x05\x06\x14\x19\x1e"):
            out += ch.encode()
        elif ch in inv:
            out += inv[ch]
        elif name == "tcvn3" and ch.lower() in inv:
            out += inv[ch.lower()]
        elif name == "cp1258":
            d = unicodedata.normalize("NFD", ch)
            tones = [c for c in d if c in "\u0300\u0301\u0303\u0309\u0323"]
            mark = tones[0] if tones else ""
            base = unicodedata.normalize("NFC", d.replace(mark, "", 1)) if mark else ch
            one = lambda c: c.encode() if ord(c) < 0x80 else inv.get(c)
            if not mark or one(base) is None or one(mark) is None:
                raise ValueError("%s: cannot encode %r" % (name, ch))
            out += one(base) + one(mark)
        else:
            raise ValueError("%s: cannot encode %r" % (name, ch))
    return bytes(out)


def xml_text(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def run_xml(text, font):
    props = ""
    if font:
        props = '<w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s" w:cs="%s"/></w:rPr>' % (font, font, font)
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (props, xml_text(text))


def legacy_runs(text, inv, name):
    """A paragraph's runs: the legacy bytes as U+0000-U+00FF characters in
    the encoding's font; TCVN3 capitals it lacks in .VnTimeH (which draws
    the lower-case bytes as capitals)."""
    if name not in FONTS:
        return run_xml(text, None)
    runs, cur, cur_font = [], [], None
    for ch in text:
        font = FONTS[name]
        if name == "tcvn3" and ord(ch) >= 0x80 and ch not in inv and ch.lower() in inv:
            font = ".VnTimeH"
            b = inv[ch.lower()]
        else:
            b = encode(ch, inv, name)
        if font != cur_font and cur:
            runs.append(run_xml("".join(cur), cur_font))
            cur = []
        cur_font = font
        cur.append(b.decode("latin-1"))
    if cur:
        runs.append(run_xml("".join(cur), cur_font))
    return "".join(runs)


def docx(path, text, make_runs):
    body, table = [], []
    def flush():
        if table:
            rows = "".join("<w:tr>%s</w:tr>" % "".join("<w:tc><w:p>%s</w:p></w:tc>" % make_runs(c)
                                                        for c in row) for row in table)
            body.append("<w:tbl>%s</w:tbl>" % rows)
            table.clear()
    for line in text.split("\n"):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        flush()
        body.append("<w:p>%s</w:p>" % make_runs(line))
    flush()
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body>%s</w:body></w:document>' % "".join(body))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                   '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
                   'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
                   '.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml", doc)


def records(vnaudit, path, *opts):
    r = subprocess.run([vnaudit, "check", "--format", "jsonl", *opts, path], capture_output=True)
    if r.returncode > 1:
        raise RuntimeError("%s: exit %d: %s" % (path, r.returncode, r.stderr.decode(errors="replace")))
    recs, notes = [], []
    for line in r.stdout.decode().splitlines():
        rec = json.loads(line)
        rec.pop("file", None)
        if rec.get("rule") == "legacy-encoding":
            notes.append(rec["message"])
            continue
        recs.append(rec)
    return recs, notes


def fold(recs):
    """TCVN3 has no precomposed capitals with tones: compare its text case-blind."""
    return json.loads(json.dumps(recs, ensure_ascii=False).lower())


def main():
    vnaudit, src = sys.argv[1], sys.argv[2]
    keep = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--keep" else None
    tables = {e: load_table(src, e) for e in ENCODINGS}
    fixtures = sorted(os.path.join(d, f) for d in ("fixtures/validate", "fixtures/extract")
                      for f in os.listdir(os.path.join(src, d)) if f.endswith(".txt"))
    fixtures = [f for f in fixtures if "diagnostics" not in f]  # its invalid bytes are the point
    failures = checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or tmp
        for rel in fixtures:
            full = open(os.path.join(src, rel), encoding="utf-8").read()
            base = os.path.splitext(os.path.basename(rel))[0]
            for enc in ENCODINGS:
                inv = tables[enc]
                text = encodable(full, inv, enc)
                uni = os.path.join(out, "%s.%s.unicode.txt" % (base, enc))
                open(uni, "w", encoding="utf-8").write(text)
                want, _ = records(vnaudit, uni)
                uni_docx = os.path.join(out, "%s.%s.unicode.docx" % (base, enc))
                docx(uni_docx, text, lambda s: run_xml(s, None))
                want_docx, _ = records(vnaudit, uni_docx)
                cases = []
                p = os.path.join(out, "%s.%s.txt" % (base, enc))
                open(p, "wb").write(encode(text, inv, enc))
                cases.append(("text", p, want, ()))
                if enc in ("viscii", "cp1258"):
                    ic = subprocess.run(["iconv", "-f", "UTF-8", "-t", enc.upper()], input=text.encode(),
                                        capture_output=True)
                    if ic.returncode == 0:
                        p2 = os.path.join(out, "%s.%s.iconv.txt" % (base, enc))
                        open(p2, "wb").write(ic.stdout)
                        cases.append(("iconv", p2, want, ()))
                    else:
                        print("FAIL %s %s: iconv cannot encode it" % (rel, enc))
                        failures += 1
                if enc in FONTS:
                    p3 = os.path.join(out, "%s.%s.docx" % (base, enc))
                    docx(p3, text, lambda s, inv=inv, enc=enc: legacy_runs(s, inv, enc))
                    cases.append(("docx", p3, want_docx, ()))
                for kind, path, expect, opts in cases:
                    got, notes = records(vnaudit, path, *opts)
                    checked += 1
                    a, b = (fold(got), fold(expect)) if enc == "tcvn3" else (got, expect)
                    named = any(enc.upper() in n.upper() for n in notes)
                    if a != b or not named:
                        failures += 1
                        diff = [(x, y) for x, y in zip(a, b) if x != y][:2]
                        print("FAIL %s %s %s: %d records against %d%s %s" % (
                            rel, enc, kind, len(a), len(b), "" if named else ", no note naming it", diff))
        # Never a silent mis-conversion: Latin-1 text in another language is
        # left as invalid UTF-8, and the note says no table fitted.
        other = os.path.join(out, "latin1.txt")
        open(other, "wb").write("Größere Übersicht: Straße, Maßnahme, Gebühr für Bürger, "
                                "Änderungen der Gemeinde, Öffnungszeiten.\n".encode("latin-1") * 3)
        r = subprocess.run([vnaudit, "check", "--format", "jsonl", other], capture_output=True)
        out_text = r.stdout.decode()
        checked += 1
        if r.returncode != 1 or '"rule":"invalid-encoding"' not in out_text or "no legacy" not in out_text:
            failures += 1
            print("FAIL latin-1 German text: exit %d, %s" % (r.returncode, out_text[:300]))
        # --encoding overrides detection: the VNI twin read as TCVN3 is not the text
        sample = sorted(f for f in os.listdir(out) if f.endswith(".vni.txt"))[0]
        got, notes = records(vnaudit, os.path.join(out, sample), "--encoding", "tcvn3")
        checked += 1
        if not any("TCVN3 (named" in n for n in notes):
            failures += 1
            print("FAIL --encoding tcvn3 not reported: %s" % notes)
    print("legacy twins: %d checked, %d failed" % (checked, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
