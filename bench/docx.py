#!/usr/bin/env python3
"""DOCX throughput of vnaudit (a benchmark, not a test).

usage: bench/docx.py [--bin build/vnaudit] [--corpus /tmp/vnaudit-bench/corpus16.txt] [--rounds 3]

1. MB of word/document.xml per second: a DOCX is built from the corpus text (one w:p per line, in the
   shape Word writes: w:r/w:t runs, a table every 200 paragraphs) and `vnaudit extract --format jsonl`
   reads it; the figure is the size of document.xml over the median wall time.
2. Documents per second: a folder of small DOCX files -- the project's fixtures/docs/*.docx and, when
   pandoc is installed and ../shared/seeds exists, the seed reports converted by pandoc -- read by one
   `vnaudit extract` invocation, repeated to a few hundred documents.
Only the Python standard library is used (zipfile); the corpus comes from ../shared/bench/make_corpus.sh
(bench/run.sh makes it).
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'


def make_docx(corpus, out):
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="%s"><w:body>' % W]
    with open(corpus, encoding='utf-8', errors='replace') as f:
        for i, line in enumerate(f):
            line = line.rstrip('\n')
            if i % 200 == 199:
                parts.append('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Tổng cộng</w:t></w:r></w:p></w:tc>'
                             '<w:tc><w:p><w:r><w:t>1.234</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
            parts.append('<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr>'
                         '<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(line))
    parts.append('</w:body></w:document>')
    xml = ''.join(parts).encode('utf-8')
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', RELS)
        z.writestr('word/document.xml', xml)
    return len(xml)


def timed(cmd, rounds):
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t)
        if p.returncode not in (0, 1):
            sys.exit('vnaudit failed (%d): %s' % (p.returncode, p.stderr.decode()[-300:]))
    return statistics.median(times)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default=os.path.join(root, 'build', 'vnaudit'))
    ap.add_argument('--corpus', default='/tmp/vnaudit-bench/corpus16.txt')
    ap.add_argument('--rounds', type=int, default=3)
    a = ap.parse_args()
    if not os.path.exists(a.corpus):
        sys.exit('no corpus %s: run bench/run.sh first (it builds it)' % a.corpus)
    work = tempfile.mkdtemp(prefix='vnaudit-docx-')
    try:
        big = os.path.join(work, 'corpus.docx')
        xml_bytes = make_docx(a.corpus, big)
        t = timed([a.bin, 'extract', '--format', 'jsonl', big], a.rounds)
        print('DOCX   %.1f MB document.xml (%.1f MB zipped): %.3f s, %.1f MB/s of document.xml' % (
            xml_bytes / 1e6, os.path.getsize(big) / 1e6, t, xml_bytes / 1e6 / t))
        docs = sorted(glob.glob(os.path.join(root, 'fixtures', 'docs', 'report*.docx')) +
                      glob.glob(os.path.join(root, 'fixtures', 'docs', 'table-merged.docx')))
        seeds = os.path.join(root, '..', 'shared', 'seeds')
        if shutil.which('pandoc') and os.path.isdir(seeds):
            for s in sorted(glob.glob(os.path.join(seeds, '*.txt'))):
                out = os.path.join(work, os.path.basename(s)[:-4] + '.docx')
                if subprocess.run(['pandoc', '-f', 'markdown', '-o', out, s]).returncode == 0:
                    docs.append(out)
        folder = (docs * (1 + 300 // max(1, len(docs))))[:300]
        t = timed([a.bin, 'extract', '--format', 'jsonl'] + folder, a.rounds)
        print('folder %d documents (%d distinct: fixtures%s): %.3f s, %.0f documents/s' % (
            len(folder), len(docs), ' + seeds by pandoc' if len(docs) > 4 else '', t, len(folder) / t))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
