#!/usr/bin/env python3
"""Writes a small DOCX (the project's own sentences) with an inconsistent ratio in a paragraph and an impossible date in
table 1, row 2, column 2, for the SARIF logical locations. usage: make_docx.py OUT.docx"""
import sys
import zipfile

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text


def row(*cells):
    return '<w:tr>%s</w:tr>' % ''.join('<w:tc>%s</w:tc>' % para(c) for c in cells)


body = ''.join([
    para('Báo cáo kết quả giải ngân'),
    para('Vốn giao 2.412 triệu đồng, giải ngân 78,8/2.412 triệu đồng, đạt 4,3% KH.'),
    '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>',
    row('Xã', 'Ghi chú'),
    row('Xã A', 'Họp ngày 30/02/2024.'),
    '</w:tbl>',
    para('Hết.'),
])
document = '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (NS, body)
types = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', types)
    z.writestr('word/document.xml', document)
