"""Documents people sign or receive (协议书, 告知书, 建议书, 通报), rendered as DOCX and PDF from one model.

A service describes a document as a :class:`Document` (title, optional number, sections of paragraphs
and tables, a signature block) and gets both files from it, so the two formats never say different
things. The PDF is laid out by WeasyPrint from an HTML template with CJK fonts; the DOCX by python-docx.
:func:`docx_text` and :func:`pdf_text` read a generated file back, for tests and for checks such as
"no personal data remains".
"""

from adr_runtime.documents.model import Document, Section, Signature, Table
from adr_runtime.documents.render import docx_text, pdf_text, render_docx, render_pdf

__all__ = [
    "Document",
    "Section",
    "Signature",
    "Table",
    "docx_text",
    "pdf_text",
    "render_docx",
    "render_pdf",
]
