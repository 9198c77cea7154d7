"""Small documents built inside the tests: PDFs drawn line by line with reportlab, DOCX packages
with python-docx plus hand-written numbering XML, and raw zip packages for the hostile cases."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEFT = 72.0
LINE = 12.0
PARAGRAPH_GAP = 10.0

# A page is a list of paragraphs; a paragraph is the list of lines it is printed on.
Page = Sequence[Sequence[str]]


def write_pdf(path: Path, pages: Sequence[Page], header: str | None = None, footer: str | None = "Page {n}",
              encrypt_password: str | None = None, font_size: float = 10.0) -> Path:
    """Draw ``pages`` exactly as given (line breaks included), with a running header and footer
    (``{n}`` is the page number)."""
    encrypt = None
    if encrypt_password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(encrypt_password, ownerPassword=encrypt_password + "-owner")
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    width, height = A4
    for number, page in enumerate(pages, start=1):
        if header:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(LEFT, height - 40, header.format(n=number))
        if footer:
            pdf.setFont("Helvetica", 8)
            pdf.drawRightString(width - LEFT, 30, footer.format(n=number))
        y = height - 80
        for paragraph in page:
            pdf.setFont("Helvetica", font_size)
            for line in paragraph:
                pdf.drawString(LEFT, y, line)
                y -= LINE
            y -= PARAGRAPH_GAP
        pdf.showPage()
    pdf.save()
    return path


def write_image_only_pdf(path: Path, pages: int = 2, text_on_page: dict[int, str] | None = None) -> Path:
    """Pages that carry only drawn shapes (like a scan: no text layer), optionally with text on some."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.rect(100, 300, 300, 300, fill=1)
        if text_on_page and number in text_on_page:
            pdf.setFont("Helvetica", 10)
            pdf.drawString(LEFT, 700, text_on_page[number])
        pdf.showPage()
    pdf.save()
    return path


def write_table_pdf(path: Path, intro: str, rows: Sequence[Sequence[str]]) -> Path:
    """A paragraph and a ruled table, laid out by reportlab's platypus."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    document = SimpleDocTemplate(str(path), pagesize=A4)
    table = Table([list(row) for row in rows])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    document.build([PdfParagraph(intro, getSampleStyleSheet()["Normal"]), table])
    return path


def docx_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def new_document() -> DocxDocument:
    return new_docx()


def set_numbering(document: DocxDocument, numbering_xml: str) -> None:
    """Replace the numbering part's definitions with ``numbering_xml`` (the children of w:numbering)."""
    part = document.part.numbering_part
    part._element = parse_xml(f'<w:numbering xmlns:w="{W_NS}">{numbering_xml}</w:numbering>')


def abstract_num(abstract_id: int, levels: Sequence[tuple[str, str, int] | tuple[str, str, int, str]]) -> str:
    """An abstractNum whose levels are (numFmt, lvlText, start[, extra XML inside w:lvl])."""
    xml = []
    for ilvl, level in enumerate(levels):
        fmt, text, start = level[:3]
        extra = level[3] if len(level) > 3 else ""
        xml.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(xml)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> str:
    overrides = "".join(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for ilvl, start in (start_overrides or {}).items())
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def numbered(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> Paragraph:
    """Give ``paragraph`` automatic numbering (its own numPr, as Word writes it)."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def raw_paragraph(document: DocxDocument, inner_xml: str) -> None:
    """Append a w:p written by hand (tracked changes, fields, comments) to the body."""
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(f'<w:p xmlns:w="{W_NS}">{inner_xml}</w:p>'))


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A copy of a zip package with some members replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            content = (replace or {}).get(item.filename, source.read(item.filename))
            target.writestr(item.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()
