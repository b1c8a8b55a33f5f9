"""The boundary to the court's own systems (K2): court records imported and exported as JSON or CSV."""

import csv
import io
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update

from adr_contracts.court import CaseFiledV1
from adr_court_bridge.domain.case_numbers import CaseNumbering
from adr_court_bridge.domain.court_records import FIELDS, BatchRejected, CourtRecord, RowProblem, check_batch
from adr_court_bridge.store.tables import court_cases, filing_queue
from adr_court_bridge.uow import CourtBridgeUnitOfWork


def read_csv(data: bytes) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file (a BOM, as Excel writes it, is accepted)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BatchRejected([RowProblem(0, "file", "文件须为UTF-8编码的CSV")]) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        raise BatchRejected([RowProblem(0, name, "表头缺少该列") for name in missing])
    return list(reader)


async def import_records(
    rows: list[Mapping[str, Any]], uow: CourtBridgeUnitOfWork, *, numbering: CaseNumbering, now: datetime
) -> int:
    """Imports filed cases from the court's system in one transaction, all or nothing (→ CaseFiledV1 each)."""
    records = check_batch(rows, numbering)
    async with uow:
        clashes = await _clashes(uow, records)
        if clashes:
            raise BatchRejected(clashes)
        for record in records:
            await uow.session.execute(
                court_cases.insert().values(
                    case_id=record.case_id,
                    court_case_no=record.court_case_no,
                    filed_on=record.filed_on,
                    first_received_on=record.first_received_on,
                    agency_codes=list(record.agency_codes),
                    after_mediation=record.after_mediation,
                    origin="import",
                    filed_at=now,
                )
            )
            await uow.session.execute(
                update(filing_queue)
                .where(filing_queue.c.case_id == record.case_id)
                .values(status="filed", version=filing_queue.c.version + 1)
            )
            uow.publish(
                CaseFiledV1(
                    court_case_no=record.court_case_no,
                    filed_on=record.filed_on,
                    first_received_on=record.first_received_on,
                    agency_codes=list(record.agency_codes),
                    after_mediation=record.after_mediation,
                ),
                case_id=record.case_id,
                at=now,
            )
        await uow.commit()
    return len(records)


async def _clashes(uow: CourtBridgeUnitOfWork, records: list[CourtRecord]) -> list[RowProblem]:
    ids = {r.case_id for r in records}
    numbers = {r.court_case_no for r in records}
    existing = (
        await uow.session.execute(
            select(court_cases.c.case_id, court_cases.c.court_case_no).where(
                or_(court_cases.c.case_id.in_(ids), court_cases.c.court_case_no.in_(numbers))
            )
        )
    ).all()
    known_ids = {row.case_id for row in existing}
    known_numbers = {row.court_case_no for row in existing}
    problems = []
    for index, record in enumerate(records, start=1):
        if record.case_id in known_ids:
            problems.append(RowProblem(index, "case_id", "该案件已立案，不能重复导入"))
        if record.court_case_no in known_numbers:
            problems.append(RowProblem(index, "court_case_no", "该案号已被使用"))
    return problems


async def export_records(uow: CourtBridgeUnitOfWork) -> list[dict[str, Any]]:
    """Every filed case as a court record (JSON-ready values)."""
    async with uow:
        rows = (
            await uow.session.execute(select(court_cases).order_by(court_cases.c.filed_on, court_cases.c.court_case_no))
        ).all()
    return [
        {
            "case_id": str(r.case_id),
            "court_case_no": r.court_case_no,
            "filed_on": r.filed_on.isoformat(),
            "first_received_on": r.first_received_on.isoformat(),
            "agency_codes": list(r.agency_codes),
            "after_mediation": r.after_mediation,
            "origin": r.origin,
        }
        for r in rows
    ]


def to_csv(records: list[dict[str, Any]]) -> str:
    """The records as CSV, agency codes joined by semicolons (the import's own format)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*FIELDS, "origin"])
    writer.writeheader()
    for record in records:
        writer.writerow(
            {
                **record,
                "agency_codes": ";".join(record["agency_codes"]),
                "after_mediation": "true" if record["after_mediation"] else "false",
            }
        )
    return out.getvalue()
