"""The directory (O3): units and liaisons change with events that count liaisons but never name them."""

from uuid import uuid4

import pytest

from adr_intake.domain.directory import AgencyChanged, AgencyUnit, Liaison
from adr_intake.domain.errors import LiaisonNotFound, SourceRequired, UnitRetired

from ..decision_builders import T0, a_unit, facts

pytestmark = pytest.mark.clause("O3")


def test_a_new_unit_is_added_with_its_liaisons_counted() -> None:
    unit = AgencyUnit.add("WJG-SCJ", facts(), liaisons=(Liaison(id=uuid4(), name="李四"),), now=T0)

    assert unit.events == [
        AgencyChanged(
            at=T0, code="WJG-SCJ", name_zh="伍家岗区市场监督管理局", kind="department", change="added", liaison_count=1
        )
    ]
    assert "李四" not in repr(unit.events)


def test_an_update_that_changes_nothing_records_nothing() -> None:
    unit = a_unit()

    assert unit.update(facts(), now=T0) is False
    assert unit.events == [] and unit.version == 1


def test_a_unit_marked_verified_must_name_its_source() -> None:
    with pytest.raises(SourceRequired):
        facts(verified=True, source=" ")


def test_liaisons_are_designated_and_withdrawn() -> None:
    unit = a_unit(liaisons=[("李四", "13900001111")])
    [first] = unit.liaisons

    unit.add_liaison(Liaison(id=uuid4(), name="王五"), now=T0)
    unit.remove_liaison(first.id, now=T0)

    assert [liaison.name for liaison in unit.liaisons] == ["王五"]
    assert [(e.change, e.liaison_count) for e in unit.events] == [("updated", 2), ("updated", 1)]
    with pytest.raises(LiaisonNotFound):
        unit.remove_liaison(first.id, now=T0)


def test_a_removed_unit_takes_no_liaison_and_comes_back_when_updated() -> None:
    unit = a_unit()
    unit.retire(now=T0)

    with pytest.raises(UnitRetired):
        unit.add_liaison(Liaison(id=uuid4(), name="王五"), now=T0)
    assert unit.update(facts(), now=T0) is True

    assert [e.change for e in unit.events] == ["removed", "updated"] and not unit.retired
