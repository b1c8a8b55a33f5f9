"""Builders for the directory, classification, lead-agency, repeat and withdrawal tests (issue #4)."""

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4
from xml.sax.saxutils import escape

import httpx

from adr_intake.domain.directory import AgencyKind, AgencyLevel, AgencyUnit, Liaison, UnitFacts
from adr_intake.store.pii import PiiCipher, keyring_from

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
KEY_A = "k2026a:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # test keys (32 bytes each); B is written url-safe
KEY_B = "k2027b:ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1-f4CBgoM="

HEADER = "code,name_zh,kind,level,reconsideration_organ_zh,source_url,verified"
GOOD_ROWS = [
    "WJG-SFJ,伍家岗区司法局,department,county,伍家岗区人民政府,宜伍府发〔2024〕4号,yes",
    "WJG-SCJ,伍家岗区市场监督管理局,department,county,伍家岗区人民政府,http://www.ycwjg.gov.cn/,no",
]


def a_cipher(current: str = KEY_A, previous: str | None = None) -> PiiCipher:
    """A cipher over fixed test keys."""
    return PiiCipher(keyring_from(current, previous))


def facts(
    name: str = "伍家岗区市场监督管理局", *, verified: bool = False, source: str = "http://www.ycwjg.gov.cn/"
) -> UnitFacts:
    """A department's facts (as GOOD_ROWS[1] gives them)."""
    return UnitFacts(
        name_zh=name,
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.COUNTY,
        reconsideration_organ_zh="伍家岗区人民政府",
        verified=verified,
        source=source,
    )


def a_unit(code: str = "WJG-SCJ", *, liaisons: Sequence[tuple[str, str | None]] = ()) -> AgencyUnit:
    """A unit already in the directory (its added event cleared)."""
    people = tuple(Liaison(id=uuid4(), name=name, phone=phone) for name, phone in liaisons)
    unit = AgencyUnit.add(code, facts(), liaisons=people, now=T0)
    unit.events.clear()
    return unit


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    """A CSV file of these lines."""
    return "\n".join([header, *rows]).encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    """A minimal XLSX workbook whose first sheet holds these rows (strings shared, numbers as numbers)."""
    strings: list[str] = []
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(ord('A') + c)}{r}"
            if isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                strings.append(str(value))
                cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="目录" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        + "</sst>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{"".join(sheet_rows)}'
        "</sheetData></worksheet>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        for name, text in files.items():
            book.writestr(name, text)
    return buffer.getvalue()


def registration(**changes: Any) -> dict[str, Any]:
    """A registration body (one natural person against one agency's penalty)."""
    body: dict[str, Any] = {
        "channel": "centre_walk_in",
        "received_on": "2026-11-20",
        "applicants": [{"kind": "natural", "name": "张三", "id_no": "420502199001011234", "phone": "13800001234"}],
        "agency_codes": ["WJG-SCJ"],
        "act_type": "penalty",
        "claims_summary": "请求撤销罚款决定",
        "mediation_consent": True,
    }
    return body | changes


async def register(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    """Registers through the API and returns the dispute's view."""
    response = await client.post("/api/v1/disputes", json=registration(**changes))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body
