"""Who someone is on the platform: their roles (per institution) and the signed-in principal."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """The roles of the staff of the three offices, the Justice Bureau and the agencies."""

    CENTRE_STAFF = "centre_staff"
    MEDIATOR = "mediator"
    COURT_CLERK = "court_clerk"  # court clerk or judge
    PROCURATOR = "procurator"
    JUSTICE_ANALYST = "justice_analyst"
    AGENCY_LIAISON = "agency_liaison"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        """The role's name on staff pages."""
        return ROLE_LABELS[self]


ROLE_LABELS: Mapping[Role, str] = {
    Role.CENTRE_STAFF: "化解中心工作人员",
    Role.MEDIATOR: "调解员",
    Role.COURT_CLERK: "法官或书记员",
    Role.PROCURATOR: "检察官",
    Role.JUSTICE_ANALYST: "司法局统计分析人员",
    Role.AGENCY_LIAISON: "行政机关联络员",
    Role.ADMIN: "系统管理员",
}


class AuthMethod(StrEnum):
    """How the principal proved who they are."""

    PASSWORD = "password"
    OIDC = "oidc"


def roles_from(values: Iterable[str]) -> frozenset[Role]:
    """The known roles among ``values`` (names of other systems' roles are ignored)."""
    known = {role.value for role in Role}
    return frozenset(Role(value) for value in values if value in known)


@dataclass(frozen=True)
class Principal:
    """A signed-in person: who, of which institution, with which roles.

    ``subject`` is stable and names the person in per-case restrictions: the username of a
    built-in account, or the identity provider's subject claim.
    """

    subject: str
    display_name: str
    institution: str
    roles: frozenset[Role]
    auth_method: AuthMethod
    agency_code: str | None = None

    def __post_init__(self) -> None:
        if not self.subject:
            raise ValueError("a principal needs a subject")
        if Role.AGENCY_LIAISON in self.roles and not self.agency_code:
            # a liaison without an agency would see nothing or, worse, everything
            raise ValueError("an agency liaison needs an agency code")

    @property
    def actor(self) -> str:
        """The principal as recorded in case history and audit (``staff:<username>``, ``oidc:<sub>``)."""
        prefix = "staff" if self.auth_method is AuthMethod.PASSWORD else "oidc"
        return f"{prefix}:{self.subject}"

    @property
    def role_labels(self) -> str:
        """The roles' Chinese names, for the page header (``调解员、化解中心工作人员``)."""
        return "、".join(role.label for role in sorted(self.roles))

    def has_any(self, *roles: Role) -> bool:
        """True if the principal holds at least one of ``roles``."""
        return not self.roles.isdisjoint(roles)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (session payload, ``/auth/me``)."""
        return {
            "subject": self.subject,
            "display_name": self.display_name,
            "institution": self.institution,
            "roles": sorted(role.value for role in self.roles),
            "auth_method": self.auth_method.value,
            "agency_code": self.agency_code,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Principal":
        """The inverse of ``to_dict``; raises KeyError/ValueError on a malformed mapping."""
        return cls(
            subject=str(data["subject"]),
            display_name=str(data["display_name"]),
            institution=str(data["institution"]),
            roles=roles_from(data["roles"]),
            auth_method=AuthMethod(data["auth_method"]),
            agency_code=data.get("agency_code"),
        )
