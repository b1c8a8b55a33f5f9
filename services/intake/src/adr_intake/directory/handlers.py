"""The directory's use cases (O3): each loads, asks the domain, and commits through the unit of work."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from adr_intake.directory.files import Table
from adr_intake.domain.directory import AgencyUnit, Liaison, UnitFacts
from adr_intake.domain.directory_import import ImportSummary, RowError, apply_import, plan_import
from adr_intake.domain.errors import UnitAlreadyExists
from adr_intake.uow import IntakeUnitOfWork
from adr_runtime.ids import new_uuid7


@dataclass(frozen=True)
class AddLiaison:
    code: str
    name: str
    phone: str | None
    post: str | None


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, or the rows that stopped it (then nothing was imported)."""

    summary: ImportSummary = field(default_factory=ImportSummary)
    errors: list[RowError] = field(default_factory=list)


async def create_unit(code: str, facts: UnitFacts, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Adds a unit to the directory; 409 if the code is taken."""
    async with uow:
        if await uow.directory.find(code) is not None:
            raise UnitAlreadyExists(code)
        await uow.directory.add(AgencyUnit.add(code, facts, now=now))
        await uow.commit()


async def update_unit(code: str, changes: dict[str, Any], uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Changes some of a unit's facts (a removed unit comes back); nothing is published if nothing changed."""
    async with uow:
        unit = await uow.directory.get(code)
        if unit.update(replace(unit.facts, **changes), now=now):
            await uow.directory.save(unit)
        await uow.commit()


async def retire_unit(code: str, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Removes a unit from the directory (disputes that name it keep its code)."""
    async with uow:
        unit = await uow.directory.get(code)
        unit.retire(now=now)
        await uow.directory.save(unit)
        await uow.commit()


async def add_liaison(cmd: AddLiaison, uow: IntakeUnitOfWork, *, now: datetime) -> UUID:
    """Designates a liaison officer of a unit; returns the liaison's id."""
    liaison = Liaison(id=new_uuid7(), name=cmd.name, phone=cmd.phone, post=cmd.post)
    async with uow:
        unit = await uow.directory.get(cmd.code)
        unit.add_liaison(liaison, now=now)
        await uow.directory.save(unit)
        await uow.commit()
    return liaison.id


async def remove_liaison(code: str, liaison_id: UUID, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Withdraws a liaison officer's designation."""
    async with uow:
        unit = await uow.directory.get(code)
        unit.remove_liaison(liaison_id, now=now)
        await uow.directory.save(unit)
        await uow.commit()


async def import_directory(
    table: Table, uow: IntakeUnitOfWork, *, only_new: bool, dry_run: bool, now: datetime
) -> ImportOutcome:
    """Imports a whole table in one transaction: with any bad row, nothing is imported (row-level report)."""
    planned, errors = plan_import(table.header, table.rows)
    if errors:
        return ImportOutcome(errors=errors)
    async with uow:
        existing = await uow.directory.all()
        changed, summary = apply_import(planned, existing, only_new=only_new, now=now, new_id=new_uuid7)
        if dry_run:
            return ImportOutcome(summary=summary)  # leaving the block rolls back
        for unit in changed:
            await (uow.directory.save(unit) if unit.code in existing else uow.directory.add(unit))
        await uow.commit()
    return ImportOutcome(summary=summary)
