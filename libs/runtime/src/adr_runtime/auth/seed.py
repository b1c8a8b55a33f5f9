"""Demo accounts for ``make run``: one per role, with a password the caller chooses.

Never call this in production: it creates well-known usernames. The password always comes
from the caller (a command-line argument or an environment variable of the demo setup).
"""

from adr_runtime.auth.accounts import NewAccount, UsernameTaken
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.roles import Role

DEMO_AGENCY = "WJG-DEMO"


def demo_username(role: Role) -> str:
    """``demo.centre_staff``, ``demo.mediator``, …"""
    return f"demo.{role.value}"


SECOND_LIAISON = "demo.agency_liaison2"


def _demo_accounts(
    password: str, institution: str, agency_code: str, other_agency_code: str | None
) -> list[NewAccount]:
    accounts = [
        NewAccount(
            username=demo_username(role),
            display_name=f"演示{role.label}",
            password=password,
            roles=frozenset({role}),
            institution=institution,
            agency_code=agency_code if role is Role.AGENCY_LIAISON else None,
        )
        for role in Role
    ]
    if other_agency_code:
        accounts.append(
            NewAccount(
                username=SECOND_LIAISON,
                display_name=f"演示{Role.AGENCY_LIAISON.label}（{other_agency_code}）",
                password=password,
                roles=frozenset({Role.AGENCY_LIAISON}),
                institution=institution,
                agency_code=other_agency_code,
            )
        )
    return accounts


async def seed_demo_accounts(
    gate: AuthGate,
    *,
    password: str,
    institution: str,
    agency_code: str = DEMO_AGENCY,
    other_agency_code: str | None = None,
) -> list[str]:
    """Creates, in one transaction, the demo accounts that do not exist yet; returns their usernames.

    Args:
        gate: the service's sign-in machinery (its database and hasher).
        password: the demo password (at least 8 characters).
        institution: the institution the accounts belong to.
        agency_code: the agency of the demo liaison.
        other_agency_code: when given, a second liaison (``demo.agency_liaison2``) of this agency.
    """
    created = []
    async with gate.sessions() as session, session.begin():
        for account in _demo_accounts(password, institution, agency_code, other_agency_code):
            try:
                await gate.accounts.create(session, account, now=gate.clock())
            except UsernameTaken:
                continue
            created.append(account.username)
    return created
