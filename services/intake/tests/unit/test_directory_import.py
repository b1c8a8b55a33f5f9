"""Importing the directory: every bad row reported (row, field, Chinese message), else all rows applied."""

from uuid import uuid4

import pytest

from adr_intake.directory.files import PACKAGED_DIRECTORY, UnreadableFile, read_table
from adr_intake.domain.directory_import import RowError, apply_import, plan_import

from ..decision_builders import GOOD_ROWS, HEADER, T0, a_unit, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.clause("O3")

KINDS = "应为以下之一：" + "、".join(
    ["government", "department", "branch_of_city_body", "street_office", "township", "court", "procuratorate", "centre"]
)


def plan(content: bytes):  # type: ignore[no-untyped-def]
    table = read_table(content)
    return plan_import(table.header, table.rows)


def test_every_bad_row_is_reported_with_its_row_number_field_and_message() -> None:
    content = csv_bytes(
        GOOD_ROWS[0],
        "wjg-x,某局,department,county,,,no",  # row 3: code
        "WJG-A,,agency,county,,,maybe",  # row 4: name, kind, verified
        "WJG-B,某局,department,county,,,yes",  # row 5: verified without a source
        GOOD_ROWS[1],
    )

    units, errors = plan(content)

    assert units == {}
    assert errors == [
        RowError(3, "code", "格式不正确：应为大写字母、数字和连字符，如 WJG-SCJ"),
        RowError(4, "name_zh", "必填"),
        RowError(4, "kind", KINDS),
        RowError(4, "verified", "应为 yes 或 no（是/否）"),
        RowError(5, "source", "已核实的机关须注明来源"),
    ]


def test_a_missing_column_is_reported_on_the_header_row() -> None:
    _, errors = plan(csv_bytes(GOOD_ROWS[0], header="code,name_zh,kind,source_url,verified"))

    assert errors == [RowError(1, "level", "缺少必填列 level")]


def test_rows_of_one_unit_must_agree_and_each_may_add_a_liaison() -> None:
    header = HEADER + ",liaison_name,liaison_phone,liaison_post"
    agreeing = csv_bytes(GOOD_ROWS[1] + ",李四,13900001111,法制科科长", GOOD_ROWS[1] + ",王五,,", header=header)
    disagreeing = csv_bytes(GOOD_ROWS[1] + ",李四,,", GOOD_ROWS[1].replace("no", "yes") + ",王五,,", header=header)

    units, errors = plan(agreeing)
    _, conflict = plan(disagreeing)

    assert errors == [] and [liaison.name for liaison in units["WJG-SCJ"].liaisons] == ["李四", "王五"]
    assert conflict == [RowError(3, "code", "与第 2 行同一机关代码的机关信息不一致")]


def test_chinese_headers_and_gb18030_files_are_read() -> None:
    header = "机关代码,名称,类型,层级,复议机关,来源,已核实"
    units, errors = plan(
        csv_bytes(
            "WJG-SFJ,伍家岗区司法局,department,county,伍家岗区人民政府,宜伍府发〔2024〕4号,是",
            header=header,
            encoding="gb18030",
        )
    )

    assert errors == [] and units["WJG-SFJ"].facts.verified is True


def test_the_first_sheet_of_an_xlsx_file_is_read_with_numbers_as_typed() -> None:
    rows = [
        [*HEADER.split(","), "liaison_name", "liaison_phone"],
        ["WJG-SCJ", "伍家岗区市场监督管理局", "department", "county", "", "", "no", "李四", 13900001111],
    ]

    units, errors = plan(xlsx_bytes(rows))

    assert errors == []
    assert units["WJG-SCJ"].liaisons[0].phone == "13900001111"


@pytest.mark.parametrize(("content", "message"), [(b"", "文件为空"), (b"PK\x03\x04broken", "无法读取该 XLSX 文件")])
def test_an_unreadable_file_is_refused_in_chinese(content: bytes, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_table(content)


def test_the_packaged_district_directory_is_valid() -> None:
    units, errors = plan(PACKAGED_DIRECTORY.read_bytes())

    assert errors == []
    assert len(units) == 37
    assert units["WJG-SFJ"].facts.verified and not units["WJG-SCJ"].facts.verified


def test_an_import_adds_updates_and_leaves_units_and_skips_known_liaisons() -> None:
    header = HEADER + ",liaison_name,liaison_phone"
    units, _ = plan(csv_bytes(GOOD_ROWS[0] + ",,", GOOD_ROWS[1] + ",李四,13900001111", header=header))
    existing = {"WJG-SCJ": a_unit(liaisons=[("李四", "13900001111")])}

    changed, summary = apply_import(units, existing, only_new=False, now=T0, new_id=uuid4)

    assert [unit.code for unit in changed] == ["WJG-SFJ"]
    assert (summary.added, summary.updated, summary.unchanged, summary.liaisons_added) == (1, 0, 1, 0)


def test_seeding_adds_only_units_not_yet_in_the_directory() -> None:
    units, _ = plan(csv_bytes(*GOOD_ROWS))
    edited = a_unit()
    edited.facts = edited.facts.__class__(**{**vars(edited.facts), "name_zh": "改过的名称"})

    changed, summary = apply_import(units, {"WJG-SCJ": edited}, only_new=True, now=T0, new_id=uuid4)

    assert [unit.code for unit in changed] == ["WJG-SFJ"] and edited.facts.name_zh == "改过的名称"
    assert (summary.added, summary.unchanged) == (1, 1)
