"""Documents the procuratorate issues: the 检察建议书 (P3), from one model as DOCX and PDF."""

from fastapi import Path, Response

from adr_procuratorate_bridge import labels
from adr_procuratorate_bridge.domain.suggestions import Suggestion
from adr_runtime.documents import Document, Section, render_docx, render_pdf
from adr_runtime.documents.render import chinese_date

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def suggestion_document(suggestion: Suggestion, *, issuer: str, reply_months: int, urgent_days: int) -> Document:
    """The 检察建议书 of a suggestion (a draft prints as 草稿 without number or deadline)."""
    if suggestion.reply_due_on is not None:
        period = f"{urgent_days}日" if suggestion.urgent else f"{reply_months}个月"
        reply = (
            f"请你单位在收到本检察建议书之日起{period}内（即{chinese_date(suggestion.reply_due_on)}前）"
            "将整改落实情况书面回复本院。"
        )
    else:
        reply = "（草稿，发出时确定回复期限。）"
    sections = [
        Section(paragraphs=(f"{suggestion.agency_code}：",)),
        Section(heading="一、发现的问题", paragraphs=tuple(p for p in suggestion.findings.splitlines() if p.strip())),
        Section(
            heading="二、检察建议",
            paragraphs=tuple(p for p in suggestion.recommendations.splitlines() if p.strip()),
        ),
    ]
    if suggestion.legal_basis:
        sections.append(Section(heading="三、法律依据", paragraphs=(suggestion.legal_basis,)))
    sections.append(Section(heading="回复要求", paragraphs=(reply,)))
    return Document(
        title=labels.SUGGESTION_KINDS[suggestion.kind.value].replace("检察建议", "检察建议书")
        if suggestion.kind.value != "other" else "检察建议书",
        number=suggestion.suggestion_no or "（草稿）",
        issuer=issuer,
        issued_on=suggestion.issued_on,
        sections=tuple(sections),
        footer="本检察建议书抄送被建议单位的上级主管部门。" if suggestion.issued_on else None,
    )


FORMAT_PATH = Path(pattern="^(docx|pdf)$", description="docx 或 pdf")


def file_response(document: Document, fmt: str, stem: str) -> Response:
    """A generated document as a download."""
    if fmt == "docx":
        content, media = render_docx(document), DOCX
    else:
        content, media = render_pdf(document), PDF
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})
