"""The court's documents: the post-judgment Q&A notice (判后答疑告知书, M7) and the judicial
suggestion letter (司法建议书, K3), rendered as DOCX and PDF by the shared document model."""

from typing import Any

from adr_runtime.documents import Document, Section, Signature, Table

KIND_ZH = {"judgment": "判决", "ruling": "裁定"}
OUTCOME_ZH = {
    "upheld": "驳回诉讼请求",
    "revoked": "撤销被诉行政行为",
    "confirmed_illegal": "确认违法",
    "ordered_to_act": "责令履行法定职责",
    "varied": "变更",
    "dismissed": "驳回起诉",
    "withdrawn": "准予撤诉",
    "mediated": "调解结案",
}
APPEAL_DAYS = {"judgment": 15, "ruling": 10}


def qa_notice(decision: Any, court_case_no: str, court_name: str) -> Document:
    """The notice served with each judgment or ruling, telling the parties they may ask for a Q&A session."""
    kind = KIND_ZH.get(decision.kind, decision.kind)
    days = APPEAL_DAYS.get(decision.kind, 15)
    return Document(
        title="判后答疑告知书",
        number=court_case_no,
        issuer=court_name,
        issued_on=decision.served_on,
        sections=(
            Section(
                paragraphs=(
                    f"本院于{decision.issued_on.isoformat()}就{court_case_no}行政案件作出{kind}"
                    f"（裁判结果：{OUTCOME_ZH.get(decision.outcome, decision.outcome)}），"
                    f"已于{decision.served_on.isoformat()}送达。",
                    f"当事人对{kind}的事实认定、证据采信、法律适用或裁判理由有疑问的，可以自愿申请判后答疑，"
                    "由承办法官或合议庭予以解释说明。答疑情况将记录在卷。",
                    f"判后答疑不影响当事人的上诉权利，亦不延长上诉期限。不服本{kind}的，可以在{kind}书送达之日起"
                    f"{days}日内（即{decision.appeal_deadline.isoformat()}前）向本院递交上诉状，上诉于上一级人民法院。",
                ),
            ),
            Section(
                heading="申请方式",
                table=Table(
                    header=("事项", "说明"),
                    rows=(
                        ("申请时间", f"宜在上诉期届满（{decision.appeal_deadline.isoformat()}）前提出"),
                        ("申请方式", "到本院行政争议化解工作室当面申请，或电话预约"),
                    ),
                ),
            ),
        ),
        signatures=(Signature(role="当事人签收"),),
    )


def suggestion_letter(suggestion: Any, court_name: str) -> Document:
    """The judicial suggestion letter (司法建议书) to the agency, with its reply deadline."""
    related = suggestion.related_case_ids or []
    paragraphs = [
        f"{suggestion.agency_code}：",
        suggestion.content,
    ]
    if related:
        paragraphs.append(f"本建议系综合{len(related)}件同类案件反映的问题提出。")
    if suggestion.reply_due_on:
        paragraphs.append(f"请于{suggestion.reply_due_on.isoformat()}前将采纳建议及整改落实情况书面函告本院。")
    return Document(
        title="司法建议书",
        number=suggestion.suggestion_no,
        issuer=court_name,
        issued_on=suggestion.issued_on,
        sections=(Section(paragraphs=tuple(paragraphs)),),
        footer="抄送：被建议机关的上一级行政机关（重要司法建议）",
    )
