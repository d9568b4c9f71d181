#!/usr/bin/env python3
"""Writes places.docx: a short report whose findings sit in a paragraph, in
a table cell and in a footnote, so the reports can be checked to name
"paragraph N", "table 1, row R, column C" and "footnote N" (and their
Vietnamese forms). The text is this project's own. Run from this folder;
the .docx is committed beside it."""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text, *extra):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r>%s</w:p>' % (text, ''.join(extra))


def row(*cells):
    return '<w:tr>%s</w:tr>' % ''.join('<w:tc>%s</w:tc>' % para(c) for c in cells)


body = ''.join([
    para('BÁO CÁO'),                                                                    # paragraph 1
    para('Kết quả giải ngân vốn đầu tư năm 2024 của huyện.'),                           # 2
    para('1. Giải ngân theo dự án'),                                                    # 3
    '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
    + row('TT', 'Nội dung', 'Kế hoạch (triệu đồng)', 'Giải ngân (triệu đồng)')
    + row('1', 'Dự án 1', '1.200', '800')
    + row('2', 'Dự án 2', '2.300', '1.540')
    + row('3', 'Dự án 3', '900', '610')
    + row('', 'Tổng cộng', '4.400', '2.860')
    + '</w:tbl>',
    para('2. Tỷ lệ giải ngân'),
    para('Vốn giao 5.120 triệu đồng, giải ngân 2.860 triệu đồng, đạt 65,86% KH',
         '<w:r><w:footnoteReference w:id="1"/></w:r>', '<w:r><w:t>.</w:t></w:r>'),
])
document = '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (NS, body)
footnotes = ('<?xml version="1.0" encoding="UTF-8"?><w:footnotes %s>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> Số liệu ngày 31/02/2024.</w:t></w:r></w:p></w:footnote></w:footnotes>'
             % NS)
types = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')
with zipfile.ZipFile(os.path.join(HERE, 'places.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in (('[Content_Types].xml', types), ('word/document.xml', document),
                       ('word/footnotes.xml', footnotes)):
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))   # the same bytes on every run
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
