"""Case numbers (RULES.md §3): this court's numbers generated and read back, anyone's parsed (M3, K1, K2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adr_court_bridge.domain.case_numbers import (
    PROVINCES,
    STANDARD_TYPE_CODES,
    CaseNumber,
    CaseNumbering,
    parse_case_number,
    suggestion_number,
)
from adr_court_bridge.domain.errors import InvalidCaseNumber, InvalidCourtCode, UnknownTypeCode

pytestmark = pytest.mark.clause("M3", "K1", "K2")


@pytest.mark.parametrize(
    ("text", "year", "court", "type_code", "serial", "level"),
    [
        ("(2024)鄂0503行初12号", 2024, "鄂0503", "行初", 12, "basic"),
        ("（2016）鄂01行初511号", 2016, "鄂01", "行初", 511, "intermediate"),
        ("(2021)川0104民诉前调801号", 2021, "川0104", "民诉前调", 801, "basic"),
        ("(2024)最高法行申1234号", 2024, "最高法", "行申", 1234, "supreme"),
        ("(2020)内01行终5号", 2020, "内01", "行终", 5, "intermediate"),
        ("(2024)鄂0503行审复2号", 2024, "鄂0503", "行审复", 2, "basic"),
        ("(2024)粤0604诉前调确1716号", 2024, "粤0604", "诉前调确", 1716, "basic"),
        (" ( 2024 ) 鄂 行终 3 号 ", 2024, "鄂", "行终", 3, "high"),
    ],
)
def test_published_numbers_parse(text: str, year: int, court: str, type_code: str, serial: int, level: str) -> None:
    number = CaseNumbering().parse(text)

    assert (number.year, number.court, number.type_code, number.serial) == (year, court, type_code, serial)
    assert number.court_level == level


def test_a_suffix_is_kept() -> None:
    number = parse_case_number("(2019)最高法行申1234号之一")

    assert number.suffix == "之一"
    assert number.text == "（2019）最高法行申1234号之一"


@pytest.mark.parametrize(
    "text",
    ["(2014)鄂孝南民初字第02154号", "2024鄂0503行初12号", "(2024)鄂0503行初号", "(2024)鄂053行初1号",
     "(2024)港0503行初1号", "(1899)鄂0503行初1号", "(2024)鄂0503行初123456789号", ""],
)
def test_legacy_and_malformed_numbers_are_refused(text: str) -> None:
    with pytest.raises(InvalidCaseNumber):
        parse_case_number(text)


def test_a_type_code_outside_the_table_is_refused() -> None:
    with pytest.raises(UnknownTypeCode):
        CaseNumbering().parse("(2024)鄂0503行奇1号")


def test_the_district_court_generates_its_filing_and_pre_litigation_numbers() -> None:
    numbering = CaseNumbering()

    filed = numbering.number(year=2026, type_code=numbering.filing_type, serial=7)
    delegated = numbering.number(year=2026, type_code=numbering.pre_litigation_type, serial=123)

    assert filed.text == "（2026）鄂0503行初7号"
    assert delegated.text == "（2026）鄂0503行诉前调123号"
    assert numbering.is_own(filed) and not numbering.is_own(parse_case_number("(2024)鄂01行终5号"))


def test_court_and_type_codes_come_from_configuration() -> None:
    numbering = CaseNumbering(court_code="粤0604", pre_litigation_type="诉前调确")

    assert numbering.number(year=2024, type_code="诉前调确", serial=1716).text == "（2024）粤0604诉前调确1716号"


@pytest.mark.parametrize("court", ["鄂050", "湖北0503", "0503", "鄂05033", "X"])
def test_an_invalid_court_code_is_refused_at_configuration(court: str) -> None:
    with pytest.raises(InvalidCourtCode):
        CaseNumbering(court_code=court)


def test_an_invalid_type_code_is_refused_at_configuration() -> None:
    with pytest.raises(UnknownTypeCode):
        CaseNumbering(pre_litigation_type="XQ1")


@pytest.mark.parametrize("serial", [0, -1, 100_000_000])
def test_serials_out_of_range_are_refused(serial: int) -> None:
    with pytest.raises(InvalidCaseNumber):
        CaseNumbering().number(year=2026, type_code="行初", serial=serial)


def test_unknown_type_codes_are_not_generated() -> None:
    with pytest.raises(UnknownTypeCode):
        CaseNumbering().number(year=2026, type_code="民初", serial=1)


def test_suggestion_letters_are_numbered() -> None:
    assert suggestion_number("伍法建", year=2026, serial=3) == "伍法建〔2026〕3号"


courts = st.one_of(
    st.just("最高法"),
    st.builds(lambda p, d: p + d, st.sampled_from(PROVINCES), st.sampled_from(["", "05", "0503", "01", "9999"])),
)
type_codes = st.sampled_from(sorted(STANDARD_TYPE_CODES | {"行诉前调"}))


@given(court=courts, type_code=type_codes, year=st.integers(1900, 2099), serial=st.integers(1, 99_999_999))
def test_generated_numbers_parse_back_to_themselves(court: str, type_code: str, year: int, serial: int) -> None:
    numbering = CaseNumbering(court_code=court)

    generated = numbering.number(year=year, type_code=type_code, serial=serial)

    assert numbering.parse(generated.text) == generated
    assert parse_case_number(generated.text.replace("（", "(").replace("）", ")")) == generated


@given(
    number=st.builds(
        CaseNumber,
        year=st.integers(1900, 2099),
        court=courts,
        type_code=type_codes,
        serial=st.integers(1, 99_999_999),
        suffix=st.sampled_from([None, "之一", "之十二"]),
    )
)
def test_any_well_formed_number_round_trips_through_its_text(number: CaseNumber) -> None:
    assert parse_case_number(number.text) == number
