"""The report as a Word file, laid out as Party documents are (Hướng dẫn 36-HD/VPTW).

Offices forward what they receive in Word; a report that does not look like their own
documents gets retyped, and figures get lost on the way. So the Vietnamese version
follows 36-HD/VPTW (03/4/2018): A4, Times New Roman, top and bottom margins 20 mm,
left 30 mm, right 15 mm; the issuing body top left in capitals with "*" under it and the
number line; "ĐẢNG CỘNG SẢN VIỆT NAM" top right, 15 pt bold, ruled; place and date in
italics; the document type in capitals 16 pt bold, its subject 14 pt bold; body 14 pt,
justified, first line indented; page numbers centred at the top from page 2; the
"Nơi nhận" block and the signature block as the XVI report ends. The English version
keeps the content and drops the Party layout.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from chitieu.reports import charts
from chitieu.reports.content import ReportContent

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
_ROMAN = ("I", "II", "III", "IV", "V", "VI")


def write(content: ReportContent, path: Path) -> Path:
    path.write_bytes(render(content))
    return path


def render(content: ReportContent) -> bytes:
    doc = Document()
    _page(doc)
    _styles(doc)
    vi = content.lang != "en"
    if vi:
        _party_header(doc, content)
    else:
        _neutral_header(doc, content)
    _title(doc, content)
    labels = content.labels
    part = iter(_ROMAN)
    _heading(doc, f"{next(part)}. {labels['summary'].upper() if vi else labels['summary']}")
    for line in content.summary:
        _body(doc, line)
    _heading(doc, f"{next(part)}. {labels['table'].upper() if vi else labels['table']}")
    _targets_table(doc, content)
    _heading(doc, f"{next(part)}. {labels['groups'].upper() if vi else labels['groups']}")
    for i, section in enumerate(content.sections, start=1):
        _heading(doc, f"{i}. {section.title}", level=2)
        for paragraph in section.paragraphs:
            _body(doc, paragraph)
    if content.charts:
        _heading(doc, f"{next(part)}. {labels['charts'].upper() if vi else labels['charts']}")
        for i, chart in enumerate(content.charts, start=1):
            picture = doc.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.add_run().add_picture(BytesIO(charts.png(chart, content.lang)), width=Cm(15))
            word = "Chart" if not vi else "Biểu đồ"
            caption = doc.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(caption, f"{word} {i}: {chart.title}", size=12, italic=True)
    if content.outlook:
        _heading(doc, f"{next(part)}. {labels['outlook'].upper() if vi else labels['outlook']}")
        for item in content.outlook:
            _body(doc, item.clause + ": " + " ".join(item.lines))
    if content.in_year:
        _heading(doc, f"{next(part)}. {labels['in_year'].upper() if vi else labels['in_year']}")
        for item in content.in_year:
            _body(doc, item.clause + ": " + " ".join(item.lines))
    if vi:
        _closing(doc, content)
    _annex(doc, content)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


# -- page and styles -----------------------------------------------------------------


def _page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    # 36-HD: page numbers centred at the top, not on the first page.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    _font(run, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _styles(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(6)


def _font(run: object, size: float, bold: bool = False, italic: bool = False) -> None:
    font = run.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), FONT)


def _run(
    paragraph: Paragraph, text: str, size: float = BODY_PT, bold: bool = False, italic: bool = False
) -> None:
    _font(paragraph.add_run(text), size, bold, italic)


# -- blocks --------------------------------------------------------------------------


def _widths(table: Table, widths: list[float]) -> None:
    """Fixed column widths: Word reads the cells, LibreOffice the table grid."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _borderless(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _cell_line(
    cell: _Cell,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,
    first: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, size, bold, italic)
    return paragraph


def _rule(paragraph: Paragraph, indent_cm: float) -> None:
    """A short solid rule under a line (36-HD: as long as the line above it)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)


def _party_header(doc: DocumentObject, content: ReportContent) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, [6.5, 10.0])
    left, right = table.rows[0].cells
    _cell_line(left, content.issuer, 14, bold=True, first=True)
    _cell_line(left, "*", 14)
    _cell_line(left, "Số      -BC", 14)
    party = _cell_line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, first=True)
    _rule(party, 0.3)
    spacer = _cell_line(right, "", 8)
    spacer.paragraph_format.space_after = Pt(0)
    _cell_line(right, content.date_line, 14, italic=True)


def _neutral_header(doc: DocumentObject, content: ReportContent) -> None:
    line = doc.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(line, content.date_line, 12, italic=True)


def _title(doc: DocumentObject, content: ReportContent) -> None:
    kind = doc.add_paragraph()
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.space_after = Pt(0)
    _run(kind, content.doc_type, 16, bold=True)
    subject = doc.add_paragraph()
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(subject, content.subject, 14, bold=True)
    stars = doc.add_paragraph()
    stars.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(stars, "-----", 14)


def _heading(doc: DocumentObject, text: str, level: int = 1) -> None:
    """Headings in Times New Roman bold, not Word's blue heading styles, as offices do;
    the outline level is kept so the navigation pane and a table of contents still work."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12 if level == 1 else 6)
    paragraph.paragraph_format.keep_with_next = True
    ppr = paragraph._p.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    ppr.append(outline)
    _run(paragraph, text, BODY_PT, bold=True)


def _body(doc: DocumentObject, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    _run(paragraph, text)


def _grid(
    doc: DocumentObject, header: list[str], rows: list[list[str]], widths: list[float]
) -> Table:
    table: Table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    # repeat the header row on every page
    trpr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, text in zip(head.cells, header, strict=True):
        _cell_line(cell, text, TABLE_PT, bold=True, first=True)
    for values in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.CENTER if i == 0 else WD_ALIGN_PARAGRAPH.LEFT
            _cell_line(cell, text, TABLE_PT, first=True, align=align)
    _widths(table, widths)
    return table


def _targets_table(doc: DocumentObject, content: ReportContent) -> None:
    lab = content.labels
    header = [lab[k] for k in ("number", "target", "base", "latest", "verdict", "explanation")]
    rows = [[r.number, r.target, r.base, r.latest, r.verdict, r.explanation] for r in content.rows]
    _grid(doc, header, rows, [1.0, 4.6, 2.3, 2.4, 1.9, 4.3])


def _closing(doc: DocumentObject, content: ReportContent) -> None:
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    _cell_line(
        left,
        content.labels["recipients"],
        12,
        bold=True,
        italic=True,
        first=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    for item in content.recipients:
        _cell_line(left, f"- {item}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    first = True
    for line in content.signature:
        _cell_line(right, line, 14, bold=True, first=first)
        first = False


def _annex(doc: DocumentObject, content: ReportContent) -> None:
    brk = doc.add_paragraph()
    brk.add_run().add_break(WD_BREAK.PAGE)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text = content.labels["annex"]
    _run(title, text.upper() if content.lang != "en" else text, BODY_PT, bold=True)
    lab = content.labels
    header = [lab[k] for k in ("indicator", "area", "period", "value", "status", "source")]
    rows = [[s.indicator, s.area, s.period, s.value, s.status, s.source] for s in content.sources]
    _grid(doc, header, rows, [3.6, 2.2, 1.6, 2.4, 1.8, 4.9])
