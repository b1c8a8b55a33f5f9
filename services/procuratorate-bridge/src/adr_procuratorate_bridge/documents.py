"""Documents the procuratorate issues: the 检察建议书 (P3), from one model as DOCX and PDF."""

from datetime import date

from fastapi import Path, Response

from adr_procuratorate_bridge import labels
from adr_procuratorate_bridge.domain.reports import Analysis
from adr_procuratorate_bridge.domain.suggestions import Suggestion
from adr_runtime.documents import Document, Section, Table, render_docx, render_pdf
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
YEAR_PATH = Path(ge=2000, le=2100, description="年度")


def file_response(document: Document, fmt: str, stem: str) -> Response:
    """A generated document as a download."""
    if fmt == "docx":
        content, media = render_docx(document), DOCX
    else:
        content, media = render_pdf(document), PDF
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})


def _percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


NOTICE_KINDS = {"general": "普遍性问题", "emerging": "新发问题", "trending": "趋势性问题"}


def _overview_section(analysis: Analysis) -> Section:
    """一、总体情况: the period's totals and reply rate."""
    period = f"{chinese_date(analysis.period.start)}至{chinese_date(analysis.period.end)}"
    theme = f"（专题：{analysis.theme}）" if analysis.theme else ""
    overview = (
        f"{period}{theme}，本院共发出检察建议{analysis.issued}件，已回复{analysis.replied}件，"
        f"采纳{analysis.adopted}件，逾期或逾期回复{analysis.overdue}件；"
        f"回复率{_percent(analysis.replied / analysis.issued if analysis.issued else 0)}。"
    )
    return Section(heading="一、总体情况", paragraphs=(overview,))


def _agency_section(analysis: Analysis) -> Section:
    """二、分机关情况: one table row per agency."""
    return Section(
        heading="二、分机关情况",
        paragraphs=() if analysis.by_agency else ("本期无检察建议。",),
        table=Table(
            header=("行政机关", "发出", "回复", "采纳", "逾期", "回复率", "采纳率"),
            rows=tuple(
                (line.agency_code, str(line.issued), str(line.replied), str(line.adopted), str(line.overdue),
                 _percent(line.reply_rate), _percent(line.adoption_rate))
                for line in analysis.by_agency
            ),
        ) if analysis.by_agency else None,
    )


def _topic_section(analysis: Analysis) -> Section:
    """三、分问题类别情况: suggestions counted by topic."""
    return Section(
        heading="三、分问题类别情况",
        table=Table(header=("问题类别", "件数"), rows=tuple((t, str(n)) for t, n in analysis.by_topic)),
    ) if analysis.by_topic else Section(heading="三、分问题类别情况", paragraphs=("本期无。",))


def _notice_section(analysis: Analysis) -> Section:
    """四、问题通报: the general, emerging and trending problems found."""
    notice_lines = tuple(
        f"{NOTICE_KINDS[n.kind]}：{n.topic_code}，本期{n.count}件（上期{n.previous}件），涉及{'、'.join(n.agencies)}。"
        for n in analysis.notices
    )
    none_found = ("本期未发现普遍性、新发或趋势性问题。",)
    return Section(heading="四、问题通报", paragraphs=notice_lines or none_found)


def _annual_sections(analysis: Analysis) -> list[Section]:
    """五、六 of an annual analysis: hearings, assistance and evaluations, then the facts shared."""
    granted, refused, amount = analysis.assistance
    hearings = "、".join(f"{labels.HEARING_OUTCOMES.get(o, o)}{n}件" for o, n in analysis.hearings_by_outcome)
    ratings = "、".join(f"{labels.FINDING_RATINGS.get(r, r)}{n}件" for r, n in analysis.evaluation_ratings)
    shared = "、".join(f"{labels.SHARED_KINDS.get(k, k)}{n}条" for k, n in analysis.shared_by_kind)
    return [
        Section(heading="五、检察听证、司法救助与案件质量评查", paragraphs=(
            f"举行检察听证{sum(n for _, n in analysis.hearings_by_outcome)}次"
            + (f"（{hearings}）。" if hearings else "。"),
            f"司法救助：决定救助{granted}件，金额{amount / 100:.2f}元；不予救助{refused}件。",
            "执法案件质量评查：" + (ratings + "。" if ratings else "本期无已结束的评查任务。"),
        )),
        Section(heading="六、信息共享", paragraphs=(
            "本期接收共享信息：" + (shared + "。" if shared else "无。"),
        )),
    ]


def analysis_document(analysis: Analysis, *, issuer: str, issued_on: date) -> Document:
    """An annual or thematic analysis (年度/专题分析, M9) as a document."""
    sections = [
        _overview_section(analysis),
        _agency_section(analysis),
        _topic_section(analysis),
        _notice_section(analysis),
    ]
    if analysis.theme is None:
        sections.extend(_annual_sections(analysis))
    return Document(
        title=analysis.title, issuer=issuer, issued_on=issued_on, sections=tuple(sections),
        footer="本分析依据检察工作室记录自动生成初稿，经审核后印发。",
    )
