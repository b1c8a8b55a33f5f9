"""The people who mediate (C4, J2, J3, R1) and the sessions they sit in, without double-booking anyone."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from adr_mediation.domain.errors import ConflictOfInterest, DoubleBooked, InvalidSession

KINDS = {
    "peoples_mediator": "人民调解员",
    "lawyer": "律师",
    "npc_deputy": "人大代表",
    "cppcc_member": "政协委员",
    "judge": "法官",
    "agency_staff": "行政机关工作人员",
}


@dataclass(frozen=True)
class Person:
    """Someone in the pool: what they are, whom they belong to, and the conflicts they declared."""

    id: UUID
    name: str
    kind: str
    username: str | None = None  # sign-in name, for "my cases"
    agency_code: str | None = None  # for agency staff: their agency
    legal_aid: bool = False  # a lawyer eligible for legal aid (法律援助)
    declared_conflicts: tuple[str, ...] = ()  # agency codes or dispute ids they declared a conflict with
    active: bool = True


def check_assignable(person: Person, *, case_id: UUID, agency_codes: tuple[str, ...], as_handler: bool) -> None:
    """Refuses a mediator who belongs to a party agency or declared a conflict (回避).

    A named handler (承办人) of the responsible agency is the agency's own staff: as a handler it must
    belong to a party agency instead.
    """
    if not person.active:
        raise ConflictOfInterest(f"{person.name} 已不在调解人员名册中")
    declared = set(person.declared_conflicts)
    if str(case_id) in declared or declared & set(agency_codes):
        raise ConflictOfInterest(f"{person.name} 已申报与本案存在利害关系，应当回避")
    if as_handler:
        if person.agency_code not in agency_codes:
            raise ConflictOfInterest(f"{person.name} 不属于本案被申请机关，不能作为机关承办人")
        return
    if person.agency_code is not None and person.agency_code in agency_codes:
        raise ConflictOfInterest(f"{person.name} 属于本案被申请机关，不能担任调解员（应当回避）")


@dataclass(frozen=True)
class Booking:
    """A person's place in a session, as far as the calendar needs it."""

    session_id: UUID
    person_id: UUID
    starts_at: datetime
    ends_at: datetime


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two half-open spans [start, end) share some time."""
    return a_start < b_end and b_start < a_end


def check_session(
    *, starts_at: datetime, ends_at: datetime, person_ids: tuple[UUID, ...], bookings: list[Booking],
    session_id: UUID | None = None,
) -> None:
    """Refuses a session that ends before it starts, has nobody, or double-books someone."""
    if ends_at <= starts_at:
        raise InvalidSession("结束时间（ends_at）须晚于开始时间（starts_at）")
    if not person_ids:
        raise InvalidSession("请至少安排一名参加人员（person_ids）")
    wanted = set(person_ids)
    for booking in bookings:
        if booking.session_id == session_id or booking.person_id not in wanted:
            continue
        if overlaps(starts_at, ends_at, booking.starts_at, booking.ends_at):
            raise DoubleBooked("参加人员在该时段已有其他调解安排，不能重复预约")
