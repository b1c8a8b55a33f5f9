"""DOCX and PDF rendering of a :class:`~adr_runtime.documents.model.Document`, and reading them back."""

import io
from datetime import date
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from adr_runtime.documents.model import Document

_CJK_FONT = "Noto Serif CJK SC"


def chinese_date(day: date) -> str:
    """A date as written in Chinese documents: 2026年11月28日."""
    return f"{day.year}年{day.month}月{day.day}日"


def render_docx(document: Document) -> bytes:
    """The document as a Word file.

    Args:
        document: what the document says.
    """
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    word = WordDocument()
    normal = word.styles["Normal"]
    normal.font.name = _CJK_FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), _CJK_FONT)
    word.core_properties.title = document.title
    heading = word.add_heading(document.title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if document.number:
        number = word.add_paragraph(document.number)
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in document.sections:
        if section.heading:
            word.add_heading(section.heading, level=2)
        for paragraph in section.paragraphs:
            word.add_paragraph(paragraph)
        if section.table is not None:
            _add_table(word, section.table)
    for signature in document.signatures:
        signed = chinese_date(signature.signed_on) if signature.signed_on else "　　年　　月　　日"
        word.add_paragraph(f"{signature.role}（签名/盖章）：{signature.name}　　{signed}")
    if document.issuer or document.issued_on:
        issued = chinese_date(document.issued_on) if document.issued_on else None
        closing = word.add_paragraph("　".join(x for x in (document.issuer, issued) if x))
        closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if document.footer:
        word.add_paragraph(document.footer)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _add_table(word: Any, table: Any) -> None:
    """A bordered table: the header row, then one row per entry."""
    grid = word.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = text
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("adr_runtime.documents", "templates"), autoescape=select_autoescape(["html"])
    )
    env.filters["chinese_date"] = chinese_date
    return env


def render_html(document: Document) -> str:
    """The HTML the PDF is laid out from (also usable as a print preview)."""
    return _environment().get_template("document.html").render(doc=document, font=_CJK_FONT)


def render_pdf(document: Document) -> bytes:
    """The document as a PDF (A4, CJK fonts, page numbers).

    Args:
        document: what the document says.
    """
    from weasyprint import HTML

    pdf: bytes = HTML(string=render_html(document)).write_pdf()
    return pdf


def docx_text(data: bytes) -> str:
    """All text of a DOCX file, paragraphs and table cells, one per line."""
    from docx import Document as WordDocument

    word = WordDocument(io.BytesIO(data))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    """All text of a PDF file, page by page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
