"""The settlement agreement's part of a mediation case: drafting, signing, judicial confirmation, performance of
its obligations (overdue notices included) and closing once everything is performed."""

from dataclasses import replace
from datetime import date, datetime
from uuid import UUID

from adr_mediation.domain.agreement import (
    Agreement,
    Signature,
)
from adr_mediation.domain.case_state import CaseState
from adr_mediation.domain.errors import (
    AgreementNotFound,
    ConfirmationRefused,
    DateBeforeOpening,
    InvalidAgreement,
    InvalidTransition,
    ObligationsOutstanding,
)
from adr_mediation.domain.events import (
    AgreementReached,
    ConfirmationRequested,
    ObligationFulfilled,
    ObligationOverdue,
)
from adr_mediation.domain.status import (
    REQUIRED_SIGNERS,
    STATUS_LABEL,
    S,
)


class AgreementSteps(CaseState):
    """The steps of a case from the drafted agreement to its performance (mixed into MediationCase)."""

    # -- the agreement --------------------------------------------------------------------------------

    def draft_agreement(self, agreement: Agreement, *, now: datetime) -> None:
        """Records the agreement's text and obligations for signature; redrafting is allowed until signed."""
        if self.status is not S.AGREEMENT:
            self._ensure_can_move(S.AGREEMENT)
        self._ensure_not_before_opening(agreement.drafted_on, "协议拟定日期（drafted_on）")
        self._check_obligations(agreement.obligations)
        redraft = self.status is S.AGREEMENT
        self.agreement = replace(agreement, signatures=(), agreed_on=None)
        if redraft:
            self.version += 1
        else:
            self._move_to(S.AGREEMENT)
        self._note(
            now,
            "mediation.agreement.drafted",
            {
                "obligations": agreement.obligation_count,
                "redraft": redraft,
            },
        )

    def sign_agreement(self, signatures: tuple[Signature, ...], *, now: datetime) -> None:
        """Records signatures; once the applicant, the agency and the mediator have signed, the agreement
        takes effect on the last signature's date and its performance begins (AgreementReachedV1)."""
        agreement = self._current_agreement()
        if self.status is not S.AGREEMENT:
            raise InvalidTransition(self.id, STATUS_LABEL[self.status], STATUS_LABEL[S.PERFORMING])
        for signature in signatures:
            if signature.role not in REQUIRED_SIGNERS:
                raise InvalidAgreement("签署方（role）只能是 applicant、agency 或 mediator")
            if not signature.name.strip():
                raise InvalidAgreement("签署人姓名（name）不能为空")
            if signature.signed_on < agreement.drafted_on:
                raise InvalidAgreement("签署日期（signed_on）不得早于协议拟定日期")
        kept = {s.role: s for s in agreement.signatures}
        kept.update({s.role: s for s in signatures})
        ordered = tuple(kept[role] for role in sorted(kept))
        agreement = replace(agreement, signatures=ordered)
        self.agreement = agreement
        if kept.keys() >= REQUIRED_SIGNERS:
            agreed_on = max(s.signed_on for s in ordered)
            self.agreement = agreement = replace(agreement, agreed_on=agreed_on)
            self._move_to(S.PERFORMING)
            self.events.append(
                AgreementReached(
                    case_id=self.case_id,
                    mediation_case_id=self.id,
                    at=now,
                    agreed_on=agreed_on,
                    obligation_count=agreement.obligation_count,
                    total_amount_fen=agreement.total_amount_fen,
                    confirmation_requested=agreement.confirmation_requested,
                )
            )
        else:
            self.version += 1
            self._note(now, "mediation.agreement.signed_in_part", {"roles": sorted(kept)})

    def request_confirmation(self, *, requested_on: date, now: datetime) -> None:
        """The parties jointly apply to the court for judicial confirmation of the signed agreement (W3)."""
        agreement = self._current_agreement()
        if agreement.agreed_on is None:
            raise ConfirmationRefused("协议尚未签署生效，不能申请司法确认")
        if agreement.confirmation_requested_on is not None:
            raise ConfirmationRefused("已就该协议申请司法确认，不能重复申请")
        if requested_on < agreement.agreed_on:
            raise ConfirmationRefused("申请日期（requested_on）不得早于协议生效日期")
        self.agreement = replace(agreement, confirmation_requested=True, confirmation_requested_on=requested_on)
        self.version += 1
        self.events.append(
            ConfirmationRequested(
                case_id=self.case_id,
                mediation_case_id=self.id,
                at=now,
                agreement_id=agreement.id,
                requested_on=requested_on,
                agreed_on=agreement.agreed_on,
                agency_codes=self.agency_codes,
                obligation_count=agreement.obligation_count,
                total_amount_fen=agreement.total_amount_fen,
            )
        )

    def record_ruling(self, *, agreement_id: UUID, outcome: str, ruling_no: str, ruled_on: date, now: datetime) -> None:
        """The court's ruling on the confirmation request; a confirmed agreement becomes enforceable."""
        agreement = self._current_agreement()
        if agreement.id != agreement_id:
            raise AgreementNotFound("裁定所指的协议不是本案现行协议")
        if agreement.confirmation_requested_on is None:
            raise ConfirmationRefused("该协议未申请司法确认")
        if agreement.ruling_outcome is not None:
            raise ConfirmationRefused("该协议已有司法确认裁定")
        self.agreement = replace(agreement, ruling_outcome=outcome, ruling_no=ruling_no, ruled_on=ruled_on)
        self.version += 1
        self._note(
            now,
            "court.confirmation.ruled",
            {"outcome": outcome, "ruling_no": ruling_no, "ruled_on": ruled_on.isoformat()},
            source="court",
        )

    # -- obligations ----------------------------------------------------------------------------------

    def fulfil(self, obligation_id: UUID, *, fulfilled_on: date, evidence_note: str, now: datetime) -> None:
        """Records that an obligation was performed, with what shows it (W4)."""
        agreement = self._performing_agreement()
        item = agreement.obligation(obligation_id)
        if item.fulfilled:
            raise InvalidAgreement("该项义务已登记履行")
        if not evidence_note.strip():
            raise InvalidAgreement("请填写履行凭证说明（evidence_note）")
        if agreement.agreed_on and fulfilled_on < agreement.agreed_on:
            raise InvalidAgreement("履行日期（fulfilled_on）不得早于协议生效日期")
        done = replace(item, fulfilled_on=fulfilled_on, evidence_note=evidence_note.strip())
        self.agreement = agreement.with_obligation(done)
        self.version += 1
        self.events.append(
            ObligationFulfilled(
                case_id=self.case_id,
                mediation_case_id=self.id,
                at=now,
                obligation_id=item.id,
                obligor_kind=item.obligor_kind,
                agency_code=item.agency_code,
                due_on=item.due_on,
                fulfilled_on=fulfilled_on,
                late=done.late,
            )
        )

    def notice_overdue(self, obligation_id: UUID, *, today: date, now: datetime) -> bool:
        """Raises the overdue escalation once per obligation past its due date (W4, M10); False if nothing to do."""
        if self.status is not S.PERFORMING or self.agreement is None:
            return False
        item = self.agreement.obligation(obligation_id)
        if item.fulfilled or item.overdue_noticed_on is not None or item.due_on >= today:
            return False
        self.agreement = self.agreement.with_obligation(replace(item, overdue_noticed_on=today))
        self.version += 1
        self.events.append(
            ObligationOverdue(
                case_id=self.case_id,
                mediation_case_id=self.id,
                at=now,
                obligation_id=item.id,
                obligor_kind=item.obligor_kind,
                agency_code=item.agency_code,
                due_on=item.due_on,
                amount_fen=item.amount_fen,
            )
        )
        return True

    # -- endings --------------------------------------------------------------------------------------

    def close_performed(self, *, closed_on: date, now: datetime) -> None:
        """Closes the case once every obligation of the signed agreement has been performed."""
        agreement = self._performing_agreement()
        outstanding = [o for o in agreement.obligations if not o.fulfilled]
        if outstanding:
            raise ObligationsOutstanding(f"尚有 {len(outstanding)} 项义务未履行，不能以履行完毕结案")
        if agreement.agreed_on and closed_on < agreement.agreed_on:
            raise DateBeforeOpening("结案日期（closed_on）")
        self._end(S.CLOSED, "agreement_performed", closed_on, now)
