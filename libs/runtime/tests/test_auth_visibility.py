"""Who may see which case: liaisons their own agency's disputes, restricted cases their named people."""

import pytest

from adr_runtime.auth.dependencies import can_see_case
from adr_runtime.auth.roles import AuthMethod, Principal, Role

pytestmark = pytest.mark.clause("O3")


def person(subject: str, *roles: Role, agency_code: str | None = None) -> Principal:
    return Principal(subject, subject, "centre", frozenset(roles), AuthMethod.PASSWORD, agency_code)


SCJ_LIAISON = person("zhao", Role.AGENCY_LIAISON, agency_code="WJG-SCJ")
MEDIATOR = person("li", Role.MEDIATOR)
ADMIN = person("root", Role.ADMIN)


def test_a_liaison_sees_only_disputes_of_their_own_agency() -> None:
    assert can_see_case(SCJ_LIAISON, ["WJG-ZJJ", "WJG-SCJ"], [])
    assert not can_see_case(SCJ_LIAISON, ["WJG-ZJJ"], [])
    assert not can_see_case(SCJ_LIAISON, [], [])


def test_other_roles_see_unrestricted_cases_of_any_agency() -> None:
    assert can_see_case(MEDIATOR, ["WJG-ZJJ"], [])
    assert can_see_case(person("wang", Role.COURT_CLERK), [], [])


def test_a_restricted_case_is_seen_by_its_named_people_and_administrators_only() -> None:
    named = ["li", "zhao"]

    assert can_see_case(MEDIATOR, ["WJG-ZJJ"], named)
    assert can_see_case(SCJ_LIAISON, ["WJG-ZJJ"], named)  # named explicitly, though of another agency
    assert not can_see_case(person("chen", Role.MEDIATOR), ["WJG-SCJ"], named)
    assert not can_see_case(person("wu", Role.CENTRE_STAFF), ["WJG-SCJ"], named)
    assert can_see_case(ADMIN, ["WJG-SCJ"], named)


def test_a_liaison_holding_another_role_is_still_limited_to_their_agency() -> None:
    both = person("sun", Role.AGENCY_LIAISON, Role.CENTRE_STAFF, agency_code="WJG-SCJ")

    assert not can_see_case(both, ["WJG-ZJJ"], [])


def test_a_liaison_cannot_exist_without_an_agency() -> None:
    with pytest.raises(ValueError, match="agency"):
        person("nobody", Role.AGENCY_LIAISON)
