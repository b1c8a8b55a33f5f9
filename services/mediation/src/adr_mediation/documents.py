"""The settlement agreement (和解协议书) as a shared-runtime Document, rendered as DOCX and PDF."""

from adr_mediation.api.schemas import MediationCaseView
from adr_mediation.web import labels
from adr_runtime.documents import Document, Section, Signature, Table

SIGNER_LABELS = {"applicant": "申请人", "agency": "被申请人（行政机关）", "mediator": "调解员"}


def _yuan(fen: int | None) -> str:
    return "—" if fen is None else f"{fen / 100:.2f} 元"


def agreement_document(case: MediationCaseView) -> Document:
    """The agreement's text: the parties' dispute, the terms, the obligations table, the signature block."""
    agreement = case.agreement
    assert agreement is not None
    rows = tuple(
        (str(n),
         labels.OBLIGORS.get(o.obligor_kind, o.obligor_kind) + (f"（{o.agency_code}）" if o.agency_code else ""),
         o.description, _yuan(o.amount_fen), o.due_on.isoformat())
        for n, o in enumerate(agreement.obligations, 1)
    )
    sections = [
        Section(heading="一、争议基本情况", paragraphs=(
            f"登记号：{case.registration_no}；被申请机关：{'、'.join(case.agency_codes)}；"
            f"调解类型：{labels.STAGES.get(case.stage, case.stage)}；调解立案日期：{case.opened_on.isoformat()}。",
            "经调解，双方当事人在自愿、合法的基础上达成如下协议：",
        )),
        Section(heading="二、协议内容", paragraphs=(agreement.terms or "（无其他约定）",)),
        Section(heading="三、履行义务", paragraphs=(
            f"共 {agreement.obligation_count} 项，给付金额合计 {_yuan(agreement.total_amount_fen)}。",
        ), table=Table(header=("序号", "义务人", "内容", "金额", "履行期限"), rows=rows) if rows else None),
        Section(heading="四、其他", paragraphs=(
            "本协议自各方签署之日起生效。" + ("双方当事人同意共同向人民法院申请司法确认。"
                                              if agreement.confirmation_requested else ""),
            "义务人逾期不履行的，调解组织将通报有关机关，并可由人民法院依法提出司法建议。",
        )),
    ]
    signed = {s.role: s for s in agreement.signatures}
    signatures = tuple(
        Signature(role=label, name=signed[role].name if role in signed else "",
                  signed_on=signed[role].signed_on if role in signed else None)
        for role, label in SIGNER_LABELS.items()
    )
    return Document(
        title="和解协议书", number=f"登记号 {case.registration_no}", sections=tuple(sections),
        signatures=signatures, issuer="行政争议化解中心", issued_on=agreement.agreed_on,
    )
