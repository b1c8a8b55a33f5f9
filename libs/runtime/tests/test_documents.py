"""Generated documents are opened and read back in both formats (DESIGN.md §6)."""

from datetime import date

from adr_runtime.documents import Document, Section, Signature, Table, docx_text, pdf_text, render_docx, render_pdf

SAMPLE = Document(
    title="和解协议书",
    number="（2026）示调字第1号",
    issuer="区行政争议化解中心",
    issued_on=date(2026, 11, 28),
    sections=(
        Section(heading="一、争议事项", paragraphs=("申请人不服行政处罚决定，经调解达成如下协议。",)),
        Section(
            heading="二、履行事项",
            table=Table(header=("义务人", "内容", "期限"), rows=(("区市场监管局", "退还罚款", "2026年12月31日"),)),
        ),
    ),
    signatures=(Signature(role="调解员", name="示例调解员", signed_on=date(2026, 11, 28)),),
)


def test_docx_reads_back_every_part() -> None:
    text = docx_text(render_docx(SAMPLE))

    for expected in ("和解协议书", "（2026）示调字第1号", "一、争议事项", "退还罚款", "示例调解员", "2026年11月28日"):
        assert expected in text


def test_pdfs_subset_their_fonts_with_harfbuzz() -> None:
    """Without libharfbuzz-subset WeasyPrint falls back to fontTools, which takes about 12 s of CPU to
    subset a Noto CJK font for one PDF (0.2 s with HarfBuzz): staff would wait, and the tests crawl."""
    from weasyprint.text import ffi

    assert ffi.harfbuzz_subset is not None, "install Debian's libharfbuzz-subset0 (see .ci/run)"


def test_pdf_reads_back_the_chinese_text() -> None:
    data = render_pdf(SAMPLE)

    assert data.startswith(b"%PDF")
    text = pdf_text(data).replace(" ", "")
    for expected in ("和解协议书", "履行事项", "退还罚款", "区行政争议化解中心"):
        assert expected in text
