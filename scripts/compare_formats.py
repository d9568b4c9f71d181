#!/usr/bin/env python3
"""Converts reports to DOCX/ODT/DOC (LibreOffice) and DOCX/HTML (pandoc; its DOCX also to DOC by LibreOffice) and checks that vnaudit reads the
same figures from each: the multisets of amounts (value_dong), of references (number, code, date) and of
inconsistent checks (claimed value) must equal those of the .txt. Not a CI test: it needs soffice and
pandoc (Debian: libreoffice-writer-nogui, pandoc).

usage: scripts/compare_formats.py [--bin build/vnaudit] REPORT.txt...   (e.g. ../shared/seeds/*.txt)
"""
import argparse, collections, json, os, shutil, subprocess, sys, tempfile


def records(binary, path):
    p = subprocess.run([binary, 'check', '--format', 'jsonl', path], capture_output=True)
    recs = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    return recs, p.returncode


def keys(recs):
    return (collections.Counter(r['value_dong'] for r in recs if r['type'] == 'amount'),
            collections.Counter((r['number'], r['code'], r['date']) for r in recs if r['type'] == 'reference'),
            collections.Counter(r['claimed'] for r in recs if r['type'] == 'check' and r['verdict'] == 'inconsistent'))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default='build/vnaudit')
    ap.add_argument('reports', nargs='+')
    a = ap.parse_args()
    for tool in ('soffice', 'pandoc'):
        if not shutil.which(tool):
            sys.exit('%s is not installed' % tool)
    work = tempfile.mkdtemp(prefix='vnaudit-formats-')
    bad = 0
    try:
        for txt in a.reports:
            b = os.path.splitext(os.path.basename(txt))[0]
            src = os.path.join(work, b + '.txt')
            shutil.copy(txt, src)
            lo = os.path.join(work, 'lo')
            for fmt in ('docx', 'odt', 'doc'):
                subprocess.run(['soffice', '--headless', '--infilter=Text (encoded):UTF8,LF,,,', '--convert-to',
                                fmt, '--outdir', lo, src], capture_output=True, timeout=300)
            subprocess.run(['pandoc', '-f', 'markdown', '-o', os.path.join(work, b + '.pandoc.docx'), src])
            # pandoc's DOCX (tables as tables) saved as Word 97-2003 by LibreOffice
            subprocess.run(['soffice', '--headless', '--convert-to', 'doc', '--outdir', os.path.join(work, 'pd'),
                            os.path.join(work, b + '.pandoc.docx')], capture_output=True, timeout=300)
            subprocess.run(['pandoc', '-f', 'markdown', '-s', '--metadata', 'title=' + b, '-o', os.path.join(work, b + '.pandoc.html'), src])
            base = keys(records(a.bin, src)[0])
            for conv in (os.path.join(lo, b + '.docx'), os.path.join(lo, b + '.odt'), os.path.join(lo, b + '.doc'),
                         os.path.join(work, 'pd', b + '.pandoc.doc'),
                         os.path.join(work, b + '.pandoc.docx'), os.path.join(work, b + '.pandoc.html')):
                got = keys(records(a.bin, conv)[0])
                same = [x == y for x, y in zip(base, got)]
                bad += not all(same)
                print('%-40s amounts %4d->%-4d %s  refs %3d->%-3d %s  inconsistent %2d->%-2d %s' % (
                    os.path.relpath(conv, work), sum(base[0].values()), sum(got[0].values()), 'same' if same[0] else 'DIFF',
                    sum(base[1].values()), sum(got[1].values()), 'same' if same[1] else 'DIFF',
                    sum(base[2].values()), sum(got[2].values()), 'same' if same[2] else 'DIFF'))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
