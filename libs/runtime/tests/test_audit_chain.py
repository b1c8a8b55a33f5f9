"""The tamper-evident audit log (issue #10 item 3): a hash chain, and a check naming the first altered row."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import MetaData, delete, insert, update

from adr_runtime.auth.audit import AuditAction, AuditEntry, Outcome, chain_hash, record_audit, verify_chain
from adr_runtime.auth.tables import auth_tables
from adr_runtime.db import create_engine, session_factory

pytestmark = [pytest.mark.integration, pytest.mark.clause("O2")]

START = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
async def log(database_url: str):  # type: ignore[no-untyped-def]
    metadata = MetaData()
    table = auth_tables(metadata).audit_log
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    sessions = session_factory(engine)
    for number in range(6):
        entry = AuditEntry(
            actor=f"staff.{number}",
            action=AuditAction.SIGN_IN,
            target=f"staff.{number}",
            outcome=Outcome.SUCCESS,
            details={"n": number},
        )
        async with sessions() as session, session.begin():
            await record_audit(session, table, entry, at=START + timedelta(minutes=number))
    yield sessions, table
    await engine.dispose()


async def _verify(log):  # type: ignore[no-untyped-def]
    sessions, table = log
    async with sessions() as session:
        return await verify_chain(session, table)


async def test_an_untouched_log_verifies(log) -> None:  # type: ignore[no-untyped-def]
    report = await _verify(log)

    assert report.intact and report.checked == 6 and report.unchained == 0


async def test_a_changed_row_is_named(log) -> None:  # type: ignore[no-untyped-def]
    sessions, table = log
    async with sessions() as session, session.begin():
        await session.execute(update(table).where(table.c.id == 3).values(actor="someone.else"))

    report = await _verify(log)

    assert report.first_broken_id == 3 and "content" in report.reason and report.checked == 2


async def test_a_deleted_row_breaks_the_link_of_the_next(log) -> None:  # type: ignore[no-untyped-def]
    sessions, table = log
    async with sessions() as session, session.begin():
        await session.execute(delete(table).where(table.c.id == 4))

    report = await _verify(log)

    assert report.first_broken_id == 5 and "link" in report.reason


async def test_a_forged_row_with_a_recomputed_hash_still_breaks_the_chain_after_it(log) -> None:  # type: ignore[no-untyped-def]
    """Rewriting a row and its own hash is not enough: the next row still points to the old hash."""
    sessions, table = log
    async with sessions() as session, session.begin():
        row = (await session.execute(table.select().where(table.c.id == 2))).one()
        forged = chain_hash(
            row.prev_hash,
            at=row.at,
            actor="intruder",
            action=row.action,
            target=row.target,
            outcome=row.outcome,
            details=row.details,
        )
        await session.execute(update(table).where(table.c.id == 2).values(actor="intruder", hash=forged))

    report = await _verify(log)

    assert report.first_broken_id == 3 and "link" in report.reason


async def test_rows_from_before_the_chain_are_counted_not_failed(database_url: str) -> None:
    metadata = MetaData()
    table = auth_tables(metadata).audit_log
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
        await connection.execute(
            insert(table).values(at=START, actor="a", action="sign_in", target="a", outcome="success", details={})
        )
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        entry = AuditEntry(actor="b", action=AuditAction.SIGN_OUT, target="b", outcome=Outcome.SUCCESS)
        await record_audit(session, table, entry, at=START)

    async with sessions() as session:
        report = await verify_chain(session, table)
    await engine.dispose()

    assert report.intact and (report.unchained, report.checked) == (1, 1)


async def test_the_verify_command_names_the_altered_row(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """``adr-<service> audit-verify`` exits 0 on a whole log and 1 naming the first altered row."""
    import asyncio

    from adr_intake.spec import SPEC
    from adr_runtime.cli import run_cli
    from adr_runtime.testing.service import migrated_context

    url = f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}"
    ctx = await migrated_context(SPEC, database_url=url)
    table = SPEC.auth_tables.audit_log  # type: ignore[union-attr]
    async with ctx.sessions() as session, session.begin():
        for number in range(3):
            entry = AuditEntry(actor=f"s{number}", action=AuditAction.SIGN_IN, target="x", outcome=Outcome.SUCCESS)
            await record_audit(session, table, entry, at=START)
    monkeypatch.setenv("INTAKE_DATABASE_URL", url)
    monkeypatch.setenv("INTAKE_LOG_JSON", "false")

    def verify() -> int:
        with pytest.raises(SystemExit) as ended:
            run_cli(SPEC, ["audit-verify"])
        return int(ended.value.code or 0)

    assert await asyncio.to_thread(verify) == 0
    async with ctx.sessions() as session, session.begin():
        await session.execute(update(table).where(table.c.id == 2).values(outcome="failure"))
    assert await asyncio.to_thread(verify) == 1
    assert "ALTERED at row 2" in capsys.readouterr().out
    await ctx.engine.dispose()
