#!/usr/bin/env python3
"""Measures the PDF and OCR readers on reports: each REPORT.txt is printed to PDF by LibreOffice (text
layer), and that PDF rendered by pdftoppm at 300 dpi in gray is wrapped page by page into a PDF of
images (a scan). vnaudit reads both; the amounts (value and unit), references (number, code, date) and
inconsistent checks (claimed value) of each are compared with those of the .txt, and for the scan the
missed amounts are split into those marked ambiguous, those named by a failing check (suspect) and the
rest. Not a CI test: it needs soffice and pdftoppm (Debian: libreoffice-writer-nogui, poppler-utils).

usage: scripts/compare_pdf.py [--bin build/vnaudit] [--no-ocr] [--keep DIR] REPORT.txt...
"""
import argparse, collections, json, os, shutil, subprocess, sys, tempfile, time, zlib


def records(binary, path, *args):
    p = subprocess.run([binary, 'check', '--format', 'jsonl', *args, path], capture_output=True)
    return [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()], p.returncode, p.stderr.decode()


def amounts(recs, exact_only=False):
    return collections.Counter((r['value_dong'], r['unit']) for r in recs
                               if r['type'] == 'amount' and not (exact_only and r.get('ambiguous')))


def refs(recs):
    return collections.Counter((r['number'], r['code'], r['date']) for r in recs if r['type'] == 'reference')


def inconsistent(recs):
    return collections.Counter(r['claimed'] for r in recs if r['type'] == 'check' and r['verdict'] == 'inconsistent')


def read_pgm(path):
    data = open(path, 'rb').read()
    parts, i = [], 0
    while len(parts) < 4:
        while data[i:i + 1].isspace():
            i += 1
        j = i
        while not data[j:j + 1].isspace():
            j += 1
        parts.append(data[i:j])
        i = j
    return int(parts[1]), int(parts[2]), data[i + 1:]


def image_pdf(pages, dpi, out):
    """pages: list of (w, h, 8-bit gray bytes) -> a PDF of one image per page, no text."""
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>', None]
    kids = []
    for w, h, px in pages:
        pw, ph = w * 72 / dpi, h * 72 / dpi
        n = len(objs) + 1
        kids.append(b'%d 0 R' % n)
        content = b'q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q' % (pw, ph)
        img = zlib.compress(px, 6)
        objs += [b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> '
                 b'/Contents %d 0 R >>' % (pw, ph, n + 2, n + 1),
                 b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream',
                 b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 '
                 b'/Filter /FlateDecode /Length %d >>\nstream\n' % (w, h, len(img)) + img + b'\nendstream']
    objs[1] = b'<< /Type /Pages /Kids [' + b' '.join(kids) + b'] /Count %d >>' % len(pages)
    buf = bytearray(b'%PDF-1.5\n%\xe2\xe3\xcf\xd3\n')
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(buf))
        buf += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
    x = len(buf)
    buf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + b''.join(b'%010d 00000 n \n' % o for o in offs)
    buf += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)
    open(out, 'wb').write(buf)


def row(name, base, got, extra=''):
    same = [x == y for x, y in zip(base, got)]
    print('%-34s amounts %4d->%-4d %s  refs %3d->%-3d %s  inconsistent %2d->%-2d %s%s' % (
        name, sum(base[0].values()), sum(got[0].values()), 'same' if same[0] else 'DIFF',
        sum(base[1].values()), sum(got[1].values()), 'same' if same[1] else 'DIFF',
        sum(base[2].values()), sum(got[2].values()), 'same' if same[2] else 'DIFF', extra))
    return all(same)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default='build/vnaudit')
    ap.add_argument('--no-ocr', action='store_true')
    ap.add_argument('--keep')
    ap.add_argument('reports', nargs='+')
    a = ap.parse_args()
    for tool in ('soffice', 'pdftoppm'):
        if not shutil.which(tool):
            sys.exit('%s is not installed' % tool)
    work = a.keep or tempfile.mkdtemp(prefix='vnaudit-pdf-')
    os.makedirs(work, exist_ok=True)
    bad = 0
    tot = collections.Counter()
    try:
        for txt in a.reports:
            b = os.path.splitext(os.path.basename(txt))[0]
            src = os.path.join(work, b + '.txt')
            shutil.copy(txt, src)
            subprocess.run(['soffice', '-env:UserInstallation=file://' + work + '/profile', '--headless',
                            '--infilter=Text (encoded):UTF8,LF,,,', '--convert-to', 'pdf', '--outdir', work, src],
                           capture_output=True, timeout=300)
            pdf = os.path.join(work, b + '.pdf')
            base_recs = records(a.bin, src)[0]
            base = (amounts(base_recs), refs(base_recs), inconsistent(base_recs))
            got = records(a.bin, pdf)[0]
            bad += not row(b + '.pdf (text layer)', base, (amounts(got), refs(got), inconsistent(got)))
            if a.no_ocr:
                continue
            subprocess.run(['pdftoppm', '-r', '300', '-gray', pdf, os.path.join(work, b + '-page')], check=True)
            pages = sorted(f for f in os.listdir(work) if f.startswith(b + '-page') and f.endswith('.pgm'))
            scan = os.path.join(work, b + '.scan.pdf')
            image_pdf([read_pgm(os.path.join(work, f)) for f in pages], 300, scan)
            t0 = time.time()
            recs, rc, err = records(a.bin, scan)
            secs = time.time() - t0
            if a.keep:      # the scan's records, to look at the misses
                with open(os.path.join(work, b + '.scan.jsonl'), 'w') as f:
                    f.writelines(json.dumps(r, ensure_ascii=False) + '\n' for r in recs)
            got_all = amounts(recs)
            hit = sum((base[0] & got_all).values())       # value and unit right (ambiguous or not)
            n = sum(base[0].values())
            amb_right = sum((base[0] & amounts([r for r in recs if r.get('ambiguous')])).values())
            # the amounts read as a value the .txt does not have: marked ambiguous, or named by a failing
            # check as a likely misread (suspect), or neither
            suspects = set()
            for r in recs:
                if r['type'] == 'check' and r['verdict'] == 'inconsistent':
                    for s in ([r['suspect']] if 'suspect' in r else []) + r.get('suspect_candidates', []):
                        suspects.add((s['line'], s['col']))
            wrong = got_all - base[0]
            wrong_recs = [r for r in recs if r['type'] == 'amount' and (r['value_dong'], r['unit']) in wrong]
            w_amb = sum(1 for r in wrong_recs if r.get('ambiguous'))
            w_named = sum(1 for r in wrong_recs if not r.get('ambiguous') and (r['line'], r['col']) in suspects)
            n_amb = sum(1 for r in recs if r['type'] == 'amount' and r.get('ambiguous'))
            extra = ('  OCR exact %d/%d = %.1f%% (%d of them ambiguous), misread %d: %d ambiguous, %d named by a check, '
                     '%d silent; %d pages %.0f s') % (hit, n, 100.0 * hit / max(n, 1), amb_right, sum(wrong.values()),
                                                      w_amb, w_named, sum(wrong.values()) - w_amb - w_named, len(pages), secs)
            row(b + '.scan.pdf (OCR)', base, (amounts(recs), refs(recs), inconsistent(recs)), extra)
            tot.update(hit=hit, n=n, amb=n_amb, amb_right=amb_right, wrong=sum(wrong.values()), w_amb=w_amb,
                       named=w_named, pages=len(pages))
            tot['secs'] += secs
            tot['refs'] += sum(base[1].values())
            tot['refs_hit'] += sum((base[1] & refs(recs)).values())
        if tot['n']:
            print('OCR total: amounts exact %d/%d = %.1f%% (%d of them marked ambiguous); %d read as another value: '
                  '%d marked ambiguous, %d named by a failing check, %d silent; references %d/%d; %d pages in %.0f s' % (
                      tot['hit'], tot['n'], 100.0 * tot['hit'] / tot['n'], tot['amb_right'], tot['wrong'], tot['w_amb'],
                      tot['named'], tot['wrong'] - tot['w_amb'] - tot['named'], tot['refs_hit'], tot['refs'],
                      tot['pages'], tot['secs']))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
