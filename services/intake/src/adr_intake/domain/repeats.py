"""Repeat detection (RULES.md §1.8): the same applicant against the same act as an earlier dispute.

A repeat is a flag for the reviewer, never a refusal: whether it is a duplicate suit (重复起诉,
ALL-Interp art.106) or a refiling after withdrawal (art.60) is for a person to judge.
Applicants are compared through blind keys (the storage layer's stand-ins for ID numbers and
names), so this module never sees an identity.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

# brackets people type for 〔〕 in document numbers (伍市监罚〔2026〕12号)
_BRACKETS = str.maketrans(
    {
        "[": "〔",
        "]": "〕",
        "［": "〔",
        "］": "〕",
        "【": "〔",
        "】": "〕",
        "(": "〔",
        ")": "〕",
        "（": "〔",
        "）": "〕",
        "﹝": "〔",
        "﹞": "〕",
    }
)


@dataclass(frozen=True)
class ApplicantKeys:
    """A new applicant's blind keys, under every configured key (empty id_keys: no ID number given)."""

    id_keys: frozenset[str]
    name_keys: frozenset[str]


@dataclass(frozen=True)
class IndexedApplicant:
    """An earlier applicant as indexed (id_key None: registered without an ID number)."""

    id_key: str | None
    name_key: str


@dataclass(frozen=True)
class ContestedAct:
    """The act a dispute is about: agencies, act type and, when known, the document number."""

    agency_codes: tuple[str, ...]
    act_type: str
    doc_no: str | None


@dataclass(frozen=True)
class EarlierDispute:
    """A dispute registered before, with what repeat detection compares."""

    case_id: UUID
    registration_no: str
    registered_at: datetime
    act: ContestedAct
    applicants: tuple[IndexedApplicant, ...]


def normalise_doc_no(doc_no: str | None) -> str | None:
    """A document number without spaces and with one kind of bracket; None when blank."""
    if doc_no is None:
        return None
    text = "".join(doc_no.split()).translate(_BRACKETS)
    return text or None


def same_applicant(new: ApplicantKeys, earlier: IndexedApplicant) -> bool:
    """By ID number when both have one, else by the exact name."""
    if new.id_keys and earlier.id_key is not None:
        return earlier.id_key in new.id_keys
    return earlier.name_key in new.name_keys


def same_act(new: ContestedAct, earlier: ContestedAct) -> bool:
    """One agency in common and the same act type; document numbers decide when both are known."""
    if new.act_type != earlier.act_type or not set(new.agency_codes) & set(earlier.agency_codes):
        return False
    new_no, earlier_no = normalise_doc_no(new.doc_no), normalise_doc_no(earlier.doc_no)
    return new_no is None or earlier_no is None or new_no == earlier_no


def find_repeat(
    act: ContestedAct, applicants: Sequence[ApplicantKeys], earlier: Sequence[EarlierDispute]
) -> EarlierDispute | None:
    """The latest earlier dispute of one of the applicants against the same act, if any."""
    matches = [
        candidate
        for candidate in earlier
        if same_act(act, candidate.act)
        and any(same_applicant(a, indexed) for a in applicants for indexed in candidate.applicants)
    ]
    return max(matches, key=lambda d: d.registered_at, default=None)
