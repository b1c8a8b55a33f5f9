"""The consistency command's rules, on five fake services (httpx.MockTransport): each disagreement is found.

No processes here: the drills prove the check passes on the real platform; these prove it would fail,
naming the rule, when one service's view departs from the others.
"""

import copy
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from adr_runtime import consistency

CASE_A = "01a00000-0000-7000-8000-00000000000a"
CASE_B = "01a00000-0000-7000-8000-00000000000b"
RECEIVED = "2026-11-20"


def agreeing_views() -> dict[str, Any]:
    """Two disputes: A mediating, B failed with next route filing and queued at the court."""
    return {
        "disputes": [
            {"case_id": CASE_A, "registration_no": "WJG-2026-000001", "channel": "court_delegation",
             "received_on": RECEIVED, "stage": "mediating", "route": "mediation"},
            {"case_id": CASE_B, "registration_no": "WJG-2026-000002", "channel": "court_delegation",
             "received_on": RECEIVED, "stage": "mediation_failed", "route": "mediation"},
        ],
        "cases": [
            {"case_id": CASE_A, "registration_no": "WJG-2026-000001", "status": "opened",
             "first_received_on": RECEIVED, "failure": None},
            {"case_id": CASE_B, "registration_no": "WJG-2026-000002", "status": "failed",
             "first_received_on": RECEIVED, "failure": {"next_route": "filing"}},
        ],
        "shared": [
            {"case_id": CASE_A, "subject": consistency.REGISTERED_SUBJECT, "registration_no": "WJG-2026-000001"},
            {"case_id": CASE_B, "subject": consistency.REGISTERED_SUBJECT, "registration_no": "WJG-2026-000002"},
            {"case_id": CASE_B, "subject": "adr.mediation.case.failed.v1", "registration_no": None},
        ],
        "queue": [{"case_id": CASE_B, "first_received_on": RECEIVED}],
        "indicators": {"total": 2, "by_channel": {"court_delegation": 2, "centre_walk_in": 0},
                       "by_route": {"mediation": 2}},
        "mediation": {"opened": 2},
    }


def clients_over(views: dict[str, Any]) -> dict[str, httpx.Client]:
    """Five clients whose services answer from ``views`` (paged like the real ones)."""

    def page(items: list[dict[str, Any]], request: httpx.Request) -> httpx.Response:
        offset, limit = int(request.url.params.get("offset", 0)), int(request.url.params.get("limit", 50))
        return httpx.Response(200, json={"items": items[offset : offset + limit], "total": len(items)})

    def handler(request: httpx.Request) -> httpx.Response:
        service, path = request.url.host, request.url.path
        if (service, path) == ("intake", "/api/v1/disputes"):
            return page(views["disputes"], request)
        if (service, path) == ("mediation", "/api/v1/mediation-cases"):
            return page(views["cases"], request)
        if (service, path) == ("procuratorate-bridge", "/api/v1/shared-records"):
            return page(views["shared"], request)
        if (service, path) == ("court-bridge", "/api/v1/filing-queue"):
            return page(views["queue"], request)
        if service == "court-bridge" and path.startswith("/api/v1/filing-queue/"):
            entry = next((e for e in views["queue"] if e["case_id"] == path.rsplit("/", 1)[1]), None)
            return httpx.Response(200, json=entry) if entry else httpx.Response(404, json={"title": "未找到"})
        if (service, path) == ("reporting", "/api/v1/indicators/disputes"):
            return httpx.Response(200, json=views["indicators"])
        if (service, path) == ("reporting", "/api/v1/indicators/mediation"):
            return httpx.Response(200, json=views["mediation"])
        return httpx.Response(500, text=json.dumps({"unexpected": f"{service} {path}"}))

    transport = httpx.MockTransport(handler)
    return {s: httpx.Client(base_url=f"http://{s}", transport=transport) for s in consistency.SERVICES}


def test_views_that_agree_pass_every_rule() -> None:
    report = consistency.check(clients_over(agreeing_views()))

    assert report.consistent, report.summary()
    assert report.disputes == 2
    assert set(report.checked) == {"R1", "R2", "R3", "R4", "R5", "R6"}


def _drop_case_a(v: dict[str, Any]) -> None:
    v["cases"].pop(0)
    v["mediation"]["opened"] = 1


def _late_intake_board(v: dict[str, Any]) -> None:
    v["disputes"][1]["stage"] = "mediating"


def _lost_court_entry(v: dict[str, Any]) -> None:
    v["queue"].clear()


def _court_date_changed(v: dict[str, Any]) -> None:
    v["queue"][0]["first_received_on"] = "2026-11-25"


def _missing_shared_record(v: dict[str, Any]) -> None:
    v["shared"].pop(0)


def _duplicate_case(v: dict[str, Any]) -> None:
    v["cases"].append(copy.deepcopy(v["cases"][0]))
    v["mediation"]["opened"] = 3


def _reporting_behind(v: dict[str, Any]) -> None:
    v["indicators"]["total"] = 1


def _reporting_counts_twice(v: dict[str, Any]) -> None:
    v["mediation"]["opened"] = 3


def _orphan_case(v: dict[str, Any]) -> None:
    v["cases"].append({**v["cases"][0], "case_id": "01a00000-0000-7000-8000-0000000000ff"})
    v["mediation"]["opened"] = 3


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (_drop_case_a, "R2"),
        (_duplicate_case, "R2"),
        (_late_intake_board, "R3"),
        (_lost_court_entry, "R4"),
        (_court_date_changed, "R4"),
        (_missing_shared_record, "R1"),
        (_reporting_behind, "R6"),
        (_reporting_counts_twice, "R6"),
        (_orphan_case, "R5"),
    ],
    ids=lambda x: x.__name__.strip("_") if callable(x) else x,
)
def test_each_departure_is_reported_under_its_rule(change: Callable[[dict[str, Any]], None], rule: str) -> None:
    views = agreeing_views()
    change(views)

    report = consistency.check(clients_over(views))

    assert not report.consistent
    assert rule in {d.rule for d in report.disagreements}, report.summary()


def test_the_command_exits_1_on_a_disagreement_and_2_when_a_service_does_not_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    views = agreeing_views()
    _late_intake_board(views)
    monkeypatch.setattr(consistency, "clients_for", lambda *_: clients_over(views))
    argv = [arg for s in consistency.SERVICES for arg in (f"--{s}", f"http://{s}")]

    assert consistency.main([*argv, "--token", "t"]) == 1
    assert "R3" in capsys.readouterr().out

    def broken(urls: Any, tokens: Any) -> dict[str, httpx.Client]:
        clients = clients_over(agreeing_views())
        clients["reporting"] = httpx.Client(
            base_url="http://reporting", transport=httpx.MockTransport(lambda _: httpx.Response(503))
        )
        return clients

    monkeypatch.setattr(consistency, "clients_for", broken)
    assert consistency.main(argv) == 2
