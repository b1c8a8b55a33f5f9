"""Periodic notices (定期通报, C6): monthly and quarterly, as DOCX, PDF (with a bar chart) and XLSX (with a chart).

The three files say the same thing: they are built from one content (the indicators of the period,
per agency, the warnings raised, and recommendations drawn from the numbers). The DOCX carries the
tables; the PDF adds an SVG bar chart of disputes per agency; the XLSX a native bar chart.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_reporting.domain import rates
from adr_reporting.domain.journal import Entry
from adr_reporting.domain.periods import Period, last_complete
from adr_reporting.store import journal
from adr_reporting.store.tables import agencies, early_warnings, notices
from adr_runtime.clock import local_date
from adr_runtime.documents import Document, Section, Table, render_docx
from adr_runtime.documents.render import render_html

ISSUER = "伍家岗区司法局（区行政争议实质性化解工作领导小组办公室）"
KEY_ITEMS = (
    "disputes_registered", "head_appearance_rate", "litigation_loss_rate", "judicial_suggestion_reply_rate",
    "agreement_performance_rate",
)


def shown(indicator: rates.Indicator) -> str:
    """A value as the notice prints it."""
    if indicator.value is None:
        return "无数据"
    if indicator.unit == "率":
        return f"{indicator.value * 100:.2f}%"
    if indicator.unit == "天":
        return f"{indicator.value:.1f} 天"
    return f"{int(indicator.value)} {indicator.unit}"


def _counts(indicator: rates.Indicator) -> str:
    if indicator.denominator is None:
        return f"{int(indicator.numerator)}"
    return f"{int(indicator.numerator)} / {int(indicator.denominator)}"


@dataclass(frozen=True)
class NoticeContent:
    """What a notice says, independent of its file format."""

    period: Period
    indicators: list[rates.Indicator]
    agencies: list[tuple[str, str, dict[str, rates.Indicator]]]  # code, name, indicators
    warnings: dict[str, int]
    issued_on: date

    def document(self) -> Document:
        """The notice as a document (DOCX and PDF)."""
        by_code = {i.code: i for i in self.indicators}
        registered = by_code["disputes_registered"]
        summary = (
            f"{self.period.label}，全区登记行政争议 {int(registered.numerator)} 件；实质性化解率 "
            f"{shown(by_code['substantive_resolution_rate'])}，调解成功率 {shown(by_code['mediation_success_rate'])}，"
            f"行政机关负责人出庭应诉率 {shown(by_code['head_appearance_rate'])}，行政诉讼败诉率 "
            f"{shown(by_code['litigation_loss_rate'])}。本期发出预警 {sum(self.warnings.values())} 条。"
        )
        table = Table(
            header=("指标", "数值", "分子/分母", "统计口径"),
            rows=tuple(
                (i.name, shown(i), _counts(i) if i.available else "—",
                 i.unavailable_reason or f"{i.definition.numerator}÷{i.definition.denominator}")
                for i in self.indicators
            ),
        )
        per_agency = Table(
            header=("机关", "登记争议", "负责人出庭应诉率", "败诉率", "司法建议按期回复率", "协议履行率"),
            rows=tuple((name or code, *(shown(ind[c]) for c in KEY_ITEMS)) for code, name, ind in self.agencies),
        )
        warnings = Table(header=("预警类型", "条数"), rows=tuple((k, str(n)) for k, n in self.warnings.items()))
        return Document(
            title=f"伍家岗区行政争议实质性化解工作通报（{self.period.label}）",
            number=f"伍司通〔{self.period.start.year}〕{self.period.name}",
            sections=(
                Section("一、总体情况", (summary,)),
                Section("二、主要指标", ("各项指标均由平台各机构发布的事件计算，分子、分母与口径列于表中。",), table),
                Section("三、各机关情况", (), per_agency),
                Section("四、预警情况", (), warnings),
                Section("五、工作建议", tuple(self.recommendations())),
            ),
            issuer=ISSUER,
            issued_on=self.issued_on,
            footer="本通报数据截至统计期末，不含个人信息（C6、M10、M11）。",
        )

    def recommendations(self) -> list[str]:
        """Recommendations drawn from the numbers (C6)."""
        advice = []
        for code, name, indicators in self.agencies:
            head = indicators["head_appearance_rate"]
            if head.value is not None and head.value < 0.5:
                advice.append(f"{name or code}负责人出庭应诉率为 {shown(head)}，请落实负责人出庭应诉制度（M5）。")
            reply = indicators["judicial_suggestion_reply_rate"]
            if reply.breakdown.get("overdue_unanswered"):
                advice.append(f"{name or code}有司法建议逾期未回复，请于五日内书面回复并报区司法局。")
            performance = indicators["agreement_performance_rate"]
            if performance.breakdown.get("overdue_unperformed"):
                advice.append(f"{name or code}有和解协议义务逾期未履行，请督促履行（M10）。")
        if self.warnings.get("同一机关争议集中") or self.warnings.get("同类行为争议集中"):
            advice.append("同类争议集中发生，建议商请法院提出综合类司法建议，从源头规范执法（K3）。")
        return advice or ["本期各项指标未见异常，请各单位继续做好行政争议实质性化解工作。"]

    def bar_chart_svg(self) -> str:
        """Disputes registered per agency as an SVG bar chart (for the PDF)."""
        bars = [(name or code, int(ind["disputes_registered"].numerator)) for code, name, ind in self.agencies]
        width, bar_height, gap, label_width = 460, 18, 8, 170
        top = max([n for _, n in bars] + [1])
        height = len(bars) * (bar_height + gap) + 40
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + label_width}" height="{height}" '
                 f'role="img" aria-label="各机关登记争议数">',
                 '<text x="0" y="14" font-size="12">图：各机关登记争议数（件）</text>']
        for index, (label, count) in enumerate(bars):
            y = 28 + index * (bar_height + gap)
            length = int(width * count / top)
            parts.append(f'<text x="0" y="{y + 13}" font-size="11">{escape(label)}</text>')
            parts.append(f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="#2f5d8a"/>')
            parts.append(f'<text x="{label_width + length + 4}" y="{y + 13}" font-size="11">{count}</text>')
        parts.append("</svg>")
        return "".join(parts)


def render_notice_docx(content: NoticeContent) -> bytes:
    """The notice as a Word file (tables only)."""
    return render_docx(content.document())


def render_notice_pdf(content: NoticeContent) -> bytes:
    """The notice as a PDF, with the bar chart after the tables."""
    from weasyprint import HTML

    html = render_html(content.document())
    chart = f'<div class="chart">{content.bar_chart_svg()}</div>'
    html = html.replace("</body>", f"{chart}</body>", 1)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def render_notice_xlsx(content: NoticeContent) -> bytes:
    """The notice as a workbook: the indicators, each agency's, and a bar chart of disputes per agency."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    sheet = book.active
    sheet.title = "主要指标"
    sheet.append([content.document().title])
    sheet.append(["指标", "代码", "数值", "分子", "分母", "单位", "口径或说明"])
    for i in content.indicators:
        sheet.append([i.name, i.code, i.value, i.numerator, i.denominator, i.unit,
                      i.unavailable_reason or f"{i.definition.numerator}÷{i.definition.denominator}"])
    agencies = book.create_sheet("各机关")
    agencies.append(
        ["机关代码", "机关", "登记争议数", "负责人出庭应诉率", "败诉率", "司法建议按期回复率", "协议履行率"]
    )
    for code, name, ind in content.agencies:
        agencies.append([code, name or code, *(ind[c].value for c in KEY_ITEMS)])
    chart = BarChart()
    chart.type = "bar"
    chart.title = "各机关登记争议数"
    chart.y_axis.title = "件"
    rows = len(content.agencies)
    chart.add_data(Reference(agencies, min_col=3, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(agencies, min_col=2, min_row=2, max_row=rows + 1))
    agencies.add_chart(chart, "I2")
    warnings = book.create_sheet("预警")
    warnings.append(["预警类型", "条数"])
    for kind, count in content.warnings.items():
        warnings.append([kind, count])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def notice_content(
    entries: list[Entry], period: Period, *, names: dict[str, str], warnings: dict[str, int], issued_on: date
) -> NoticeContent:
    """The notice's content for a period, from the journal as of the period's end."""
    scope = rates.Scope(as_of=period.end, start=period.start, end=period.end)
    agencies = []
    for code in rates.agencies_in(entries, period.end):
        per = {i.code: i for i in rates.compute(entries, rates.Scope(period.end, period.start, period.end, code))}
        agencies.append((code, names.get(code, ""), per))
    return NoticeContent(period, rates.compute(entries, scope), agencies, warnings, issued_on)


FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


async def generate(
    sessions: async_sessionmaker[AsyncSession], period: Period, *, issued_on: date, now: datetime
) -> dict[str, bytes]:
    """Builds the period's notice in the three formats and keeps them (a second run replaces them)."""
    async with sessions() as session:
        entries = await journal.load(session, until=period.end)
        directory = (await session.execute(select(agencies.c.code, agencies.c.name_zh))).all()
        names = {code: name for code, name in directory if name}
        raised = (await session.execute(
            select(early_warnings.c.kind, func.count())
            .where(early_warnings.c.raised_on >= period.start, early_warnings.c.raised_on <= period.end)
            .group_by(early_warnings.c.kind)
        )).all()
    labels = {"deadline_overdue": "期限逾期", "high_risk": "高风险", "repeated_agency": "同一机关争议集中",
              "repeated_act_type": "同类行为争议集中"}
    counted = {str(kind): int(n) for kind, n in raised}
    warnings = {label: counted.get(kind, 0) for kind, label in labels.items()}
    content = notice_content(entries, period, names=names, warnings=warnings, issued_on=issued_on)
    files = {
        "docx": render_notice_docx(content), "pdf": render_notice_pdf(content), "xlsx": render_notice_xlsx(content)
    }
    async with sessions() as session, session.begin():
        await session.execute(delete(notices).where(notices.c.period == period.name))
        await session.execute(insert(notices).values(period=period.name, generated_at=now, **files))
    return files


async def stored(sessions: async_sessionmaker[AsyncSession], period: str, fmt: str) -> bytes | None:
    """A notice already generated, in one format."""
    async with sessions() as session:
        data: bytes | None = await session.scalar(select(notices.c[fmt]).where(notices.c.period == period))
    return data


async def generated(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, datetime]]:
    """The periods whose notices exist, newest first."""
    async with sessions() as session:
        rows = (await session.execute(select(notices.c.period, notices.c.generated_at))).all()
    return sorted(((p, at) for p, at in rows), key=lambda r: r[1], reverse=True)


async def generate_due(sessions: async_sessionmaker[AsyncSession], *, now: datetime) -> list[str]:
    """The schedule: the last complete month's and quarter's notices, if not generated yet."""
    today = local_date(now)
    done = {p for p, _ in await generated(sessions)}
    made = []
    for period in last_complete(today):
        if period.name not in done:
            await generate(sessions, period, issued_on=today, now=now)
            made.append(period.name)
    return made
