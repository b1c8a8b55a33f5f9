"""Case numbers (案号, RULES.md §3.4): the 2016 format with its court level, the legacy format kept apart."""

import pytest

from adr_intake.domain.case_numbers import parse_case_number

pytestmark = pytest.mark.clause("M3")


@pytest.mark.parametrize(
    ("text", "court", "type_code", "level"),
    [
        ("(2024)鄂0503行初12号", "鄂0503", "行初", "basic"),
        ("（2016）鄂01行初511号", "鄂01", "行初", "intermediate"),
        ("(2021)川0104民诉前调801号", "川0104", "民诉前调", "basic"),
        ("(2024)最高法行申1234号", "最高法", "行申", "supreme"),
        ("(2020)内01行终5号", "内01", "行终", "intermediate"),
        ("(2024)鄂0503行审复2号", "鄂0503", "行审复", "basic"),
        ("(2019)最高法行申1234号之一", "最高法", "行申", "supreme"),
        ("（2024） 鄂0503 行初 12 号", "鄂0503", "行初", "basic"),
    ],
)
def test_a_2016_format_number_is_parsed_with_its_court_level(text: str, court: str, type_code: str, level: str) -> None:
    number = parse_case_number(text)

    assert number is not None and not number.legacy
    assert (number.court, number.type_code, number.court_level) == (court, type_code, level)


def test_a_legacy_number_is_accepted_as_legacy() -> None:
    number = parse_case_number("(2014)鄂孝南民初字第02154号")

    assert number is not None and number.legacy and number.serial == 2154


@pytest.mark.parametrize("text", ["", "2024鄂0503行初12号", "(2024)XX行初12号", "(2024)鄂0503行初号", "案号不详"])
def test_anything_else_is_refused(text: str) -> None:
    assert parse_case_number(text) is None
