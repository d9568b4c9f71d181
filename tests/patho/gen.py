#!/usr/bin/env python3
"""Writes one pathological input: ordinary-looking documents at sizes that
once made vnaudit quadratic or took memory far beyond the input.

usage: gen.py CASE OUT [--scale S]

S multiplies the case's size (1: the size the CI runs; the issue's full sizes
are in FULL below, e.g. --scale 10 for one-number lines gives 2.5e7 lines).
Needs only python3. Writes OUT atomically (OUT.tmp, then renamed)."""
import os
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')
# prose with figures, in the style of a progress report (the project's own words)
PROSE = ('Tổng vốn giao 1.250,5 triệu đồng, giải ngân 830 triệu đồng, đạt 66,4% KH; '
         'trong đó vốn sự nghiệp 420 triệu đồng. ')
NOTE = 'Số liệu theo Công văn số 12/UBND-TC ngày 03/4/2024 của huyện, vốn 25 triệu đồng. '


def run_w(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text


def docx(out, document, footnotes=None):
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', TYPES)
        z.writestr('word/document.xml', document)
        if footnotes is not None:
            z.writestr('word/footnotes.xml', footnotes)


def doc_xml(body):
    return '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)


def varied(template, nbytes):
    """template with its figures varied per copy (a ZIP would refuse a text that compresses past 200:1)"""
    out, size, i = [], 0, 0
    while size < nbytes:
        k = (i * 7919) % 100003
        t = template.replace('1.250,5', '%d.%03d,%d' % (1 + k % 9, k % 1000, k % 10)).replace(
            '830', str(100 + k % 900)).replace('66,4', '%d,%d' % (k % 100, k % 7)).replace(
            '12/UBND', '%d/UBND' % (k % 500)).replace('25 triệu', '%d triệu' % (k % 999))
        out.append(t)
        size += len(t.encode())
        i += 1
    return ''.join(out)


def docx_footnote_cited(out, s):
    """a 1 MB footnote cited 100 * s times"""
    note = varied(NOTE, 1 << 20)
    cites = int(100 * s)
    body = ''.join('<w:p>%s<w:r><w:footnoteReference w:id="1"/></w:r></w:p>' % run_w('Đoạn %d có chú thích.' % i)
                   for i in range(cites))
    notes = ('<?xml version="1.0" encoding="UTF-8"?><w:footnotes %s><w:footnote w:id="1"><w:p>%s</w:p>'
             '</w:footnote></w:footnotes>' % (W, run_w(note)))
    docx(out, doc_xml(body), notes)


def html_footnote_cited(out, s):
    """the same in pandoc's HTML"""
    note = varied(NOTE, 1 << 20)
    cites = int(100 * s)
    body = ''.join('<p>Đoạn %d có chú thích.<a href="#fn1" class="footnote-ref" id="fnref%d"><sup>1</sup></a></p>\n'
                   % (i, i) for i in range(cites))
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n%s'
            '<section class="footnotes"><ol><li id="fn1"><p>%s<a href="#fnref0" class="footnote-back">↩</a>'
            '</p></li></ol></section></body></html>\n' % (body, note))
    write(out, page.encode())


def docx_long_para(out, s):
    """one paragraph of 1 MB * s of prose with figures, in 1 run per sentence"""
    text = varied(PROSE, int((1 << 20) * s))
    docx(out, doc_xml('<w:p>%s</w:p>' % ''.join(run_w(t + '.') for t in text.split('. ') if t)))


def html_long_para(out, s):
    text = varied(PROSE, int((1 << 20) * s))
    write(out, ('<!DOCTYPE html><html><body><p>%s</p></body></html>\n' % text).encode())


def one_number_lines(out, s):
    """2.5e6 * s lines '1' (the issue's 2.5e7 is s = 10)"""
    write(out, b'1\n' * int(2_500_000 * s))


def short_lines(out, s):
    """1e6 * s short lines without a figure"""
    write(out, b'ok\n' * int(1_000_000 * s))


def long_line(out, s):
    """one line of prose with figures, 50 MB * s (the issue's 1 GB is s = 20)"""
    unit = PROSE.encode()
    write_repeat(out, unit, int(50_000_000 * s) // len(unit), b'\n')


def trong_do(out, s):
    """1e5 * s 'trong đó' clauses on one line (the issue's 1e6 is s = 10)"""
    unit = 'trong đó 12 triệu đồng, '.encode()
    write_repeat(out, b'Tong von 1.000 trieu dong, ', 1, b'')
    write_repeat(out, unit, int(100_000 * s), b'\n', append=True)


def parens(out, s):
    """1e6 * s opening parentheses, then closings, then unbalanced ones, with figures inside"""
    n = int(1_000_000 * s)
    write(out, b'(' * n + b'5 tri\xe1\xbb\x87u \xc4\x91\xe1\xbb\x93ng' + b')' * (n // 2) + b'\n'
          + b'(12%' * (n // 4) + b'\n' + b')' * n + b'\n')


def long_digits(out, s):
    """numbers of 1e5 * s digits, bare, with a unit, and grouped with dots"""
    n = int(100_000 * s)
    write(out, b'9' * n + b'\n' + b'V\xe1\xbb\x91n ' + b'7' * n + b' tri\xe1\xbb\x87u \xc4\x91\xe1\xbb\x93ng\n'
          + b'1' + b'.000' * (n // 4) + b' \xc4\x91\xe1\xbb\x93ng\n' + b'3,' + b'1' * n + b'%\n')


def many_dots(out, s):
    """1e4 * s dots in one number, then doubled, then with commas"""
    n = int(10_000 * s)
    write(out, b'1' + b'.2' * n + b' tri\xe1\xbb\x87u\n' + b'1' + b'..' * n + b'5 \xc4\x91\xe1\xbb\x93ng\n'
          + b'1' + b'.1,1' * n + b'%\n')


def combining(out, s):
    """floods of combining marks: on a digit, on a letter, alone at a line start"""
    n = int(1_000_000 * s)
    acute = '\u0301'.encode()
    write(out, b'5' + acute * n + b' tri\xe1\xbb\x87u \xc4\x91\xe1\xbb\x93ng\n' + b'a' + ('\u0323\u0302' * (n // 2)).encode()
          + b'\n' + acute * n + b'\n' + ('e\u0301' * (n // 2)).encode() + b' 5%\n')


def invalid_utf8(out, s):
    """every class of invalid UTF-8, repeated: stray continuation, truncated 2/3/4-byte
    sequences, overlong forms, surrogates, beyond U+10FFFF, 0xFE/0xFF, NUL"""
    classes = [b'\x80', b'\xbf', b'\xc3', b'\xe1\xbb', b'\xf0\x9f\x98', b'\xc0\xaf', b'\xe0\x80\xaf',
               b'\xf0\x80\x80\xaf', b'\xed\xa0\x80', b'\xed\xbf\xbf', b'\xf4\x90\x80\x80', b'\xf8\x88\x80\x80\x80',
               b'\xfe', b'\xff', b'\x00', b'\xc1\xbf']
    unit = b''.join(b'V\xe1\xbb\x91n 5 tri\xe1\xbb\x87u ' + c + b' 12,5% ' for c in classes) + b'\n'
    write_repeat(out, unit, int(20_000 * s), b'')


def utf16_odd(out, s):
    """UTF-16LE with a BOM, an unpaired surrogate per line and an odd byte at the end"""
    line = 'Vốn giao 1.250 triệu đồng, đạt 66,4% KH.\n'.encode('utf-16-le')
    bad = b'\x00\xd8A\x00'  # a high surrogate followed by 'A'
    write(out, b'\xff\xfe' + (line + bad) * int(200_000 * s) + b'\x41')


def docx_table(out, s):
    """a table of 1000 columns and 100 * s rows of small figures (the issue's 1e5 rows is s = 1000)"""
    cols, rows = 1000, int(100 * s)
    cell = ''.join('<w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc>' % (c % 97) for c in range(cols))
    row = '<w:tr>%s</w:tr>' % cell
    head = '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body><w:tbl>' % W
    with zipfile.ZipFile(out + '.tmp', 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', TYPES)
        with z.open('word/document.xml', 'w', force_zip64=True) as f:
            f.write(head.encode())
            enc = row.encode()
            for _ in range(rows):
                f.write(enc)
            f.write(b'</w:tbl></w:body></w:document>')
    os.replace(out + '.tmp', out)


def html_nested(out, s):
    """1e5 * s nested elements, some closed, with text at each level"""
    n = int(100_000 * s)
    write(out, b'<!DOCTYPE html><html><body>' + b'<div><span>5%' * n + b'</span></div>' * (n // 2)
          + b'<table><tr><td>' * (n // 10) + b'1 tri\xe1\xbb\x87u</body></html>\n')


def html_attr(out, s):
    """one attribute value of 64 MB * s (the issue's 256 MB is s = 4)"""
    n = int(64_000_000 * s)
    with open(out + '.tmp', 'wb') as f:
        f.write(b'<!DOCTYPE html><html><body><p title="')
        chunk = b'x' * (1 << 20)
        left = n
        while left > 0:
            f.write(chunk[:min(left, len(chunk))])
            left -= len(chunk)
        f.write(b'">V\xe1\xbb\x91n 5 tri\xe1\xbb\x87u \xc4\x91\xe1\xbb\x93ng</p></body></html>\n')
    os.replace(out + '.tmp', out)


def write(out, data):
    with open(out + '.tmp', 'wb') as f:
        f.write(data)
    os.replace(out + '.tmp', out)


def write_repeat(out, unit, n, tail, append=False):
    """unit * n then tail, written in blocks (a 1 GB line without 1 GB in memory)"""
    path = out if append else out + '.tmp'
    with open(path, 'ab' if append else 'wb') as f:
        block = unit * max(1, (1 << 20) // len(unit))
        per = len(block) // len(unit)
        left = n
        while left >= per:
            f.write(block)
            left -= per
        f.write(unit * left + tail)
    if not append:
        os.replace(out + '.tmp', out)


CASES = {
    'docx-footnote-cited': docx_footnote_cited,
    'html-footnote-cited': html_footnote_cited,
    'docx-long-para': docx_long_para,
    'html-long-para': html_long_para,
    'one-number-lines': one_number_lines,
    'short-lines': short_lines,
    'long-line': long_line,
    'trong-do': trong_do,
    'parens': parens,
    'long-digits': long_digits,
    'many-dots': many_dots,
    'combining': combining,
    'invalid-utf8': invalid_utf8,
    'utf16-odd': utf16_odd,
    'docx-table': docx_table,
    'html-nested': html_nested,
    'html-attr': html_attr,
}


def main(argv):
    if len(argv) not in (3, 5) or argv[1] not in CASES or (len(argv) == 5 and argv[3] != '--scale'):
        sys.stderr.write('usage: gen.py CASE OUT [--scale S]\ncases: %s\n' % ' '.join(CASES))
        return 2
    scale = float(argv[4]) if len(argv) == 5 else 1.0
    CASES[argv[1]](argv[2], scale)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
