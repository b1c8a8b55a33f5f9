"""Do the five services agree about every dispute? A read-only check across their HTTP APIs (issue #10 item 6).

For every dispute intake knows, the services' views are compared by explicit rules; each broken rule is
reported as a ``Disagreement`` naming the rule, the dispute and what each side said. Exit code 0 only when
everything agrees (1 on a disagreement, 2 when a service could not be read).

The rules (``RULES`` holds their one-line statements):

* ``R1 registration shared``: the procuratorate holds exactly one registration record per dispute
  (subject ``adr.intake.dispute.registered.v1``) carrying intake's registration number; none for an unknown dispute.
* ``R2 mediation case``: routed to mediation ⇒ mediation holds exactly one case for the dispute, with
  intake's registration number and intake's date received as ``first_received_on``; never more than one case.
* ``R3 board follows mediation``: intake's stage agrees with the mediation case's status
  (opened/in session ⇒ mediating; failed ⇒ mediation failed or filed in court; agreement ⇒ agreed; …).
* ``R4 failed mediation reaches the court``: a case failed with ``next_route`` filing ⇒ the court's filing
  queue holds the dispute with the date first received equal to intake's (M3); so does a dispute intake
  routed to filing.
* ``R5 no orphans``: every mediation case and every filing-queue entry belongs to a dispute intake knows.
* ``R6 reporting totals``: reporting's dispute total, its counts by channel and by route equal intake's;
  its mediations opened equal mediation's case count.

Usage::

    python -m adr_runtime.consistency --intake http://127.0.0.1:8001 --mediation http://127.0.0.1:8002 \\
        --court-bridge http://127.0.0.1:8003 --procuratorate-bridge http://127.0.0.1:8004 \\
        --reporting http://127.0.0.1:8005 --token "$TOKEN" [--token mediation=$OTHER] [--wait 60] [--json]

A bearer token is given once for every service or per service (``service=token``); ``ADR_CONSISTENCY_TOKEN``
is the default. ``--wait`` repeats the check until it passes or the seconds run out (events in flight).
"""

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import httpx

from adr_runtime.consistency_report import Report, Unreadable

SERVICES = ("intake", "mediation", "court-bridge", "procuratorate-bridge", "reporting")
REGISTERED_SUBJECT = "adr.intake.dispute.registered.v1"
PAGE = 200

RULES: dict[str, str] = {
    "R1": "the procuratorate holds exactly one registration record per dispute, with intake's registration number",
    "R2": "routed to mediation ⇒ exactly one mediation case, same registration number and date first received",
    "R3": "intake's stage agrees with the mediation case's status",
    "R4": "mediation failed with next_route filing (or routed to filing) ⇒ in the court's queue, same date received",
    "R5": "every mediation case and filing-queue entry belongs to a dispute intake knows",
    "R6": "reporting's totals (disputes, by channel, by route, mediations opened) equal intake's and mediation's",
}

# the intake stages that agree with a mediation case's status (intake follows mediation's outcome events)
STAGES_OF_STATUS: dict[str, frozenset[str]] = {
    "opened": frozenset({"mediating"}),
    "in_session": frozenset({"mediating"}),
    "reopened": frozenset({"mediating"}),
    "agreement": frozenset({"agreed"}),
    "performing": frozenset({"agreed"}),
    "closed": frozenset({"resolved"}),
    "self_corrected": frozenset({"resolved"}),
    "withdrawn": frozenset({"resolved", "withdrawn"}),
    "failed": frozenset({"mediation_failed", "filed_in_court"}),
}


def _get(client: httpx.Client, path: str, params: Mapping[str, Any] | None = None) -> httpx.Response:
    try:
        response = client.get(path, params=params)
    except httpx.HTTPError as exc:
        raise Unreadable(f"{client.base_url}{path}: {type(exc).__name__}: {exc}") from exc
    if response.status_code not in (200, 404):
        raise Unreadable(f"{client.base_url}{path}: {response.status_code} {response.text[:300]}")
    return response


def _pages(client: httpx.Client, path: str, params: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        response = _get(client, path, {**(params or {}), "limit": PAGE, "offset": offset})
        if response.status_code != 200:
            raise Unreadable(f"{client.base_url}{path}: {response.status_code}")
        body = response.json()
        items: list[dict[str, Any]] = body["items"]
        yield from items
        offset += len(items)
        if not items or offset >= int(body["total"]):
            return


def check(clients: Mapping[str, httpx.Client]) -> Report:
    """Reads every service's view and compares them; never raises for a disagreement (see ``Report``)."""
    report = Report()
    try:
        _compare(clients, report)
    except Unreadable as exc:
        report.unreadable.append(str(exc))
    return report


def _compare(clients: Mapping[str, httpx.Client], report: Report) -> None:
    disputes = {d["case_id"]: d for d in _pages(clients["intake"], "/api/v1/disputes")}
    report.disputes = len(disputes)
    cases_of: dict[str, list[dict[str, Any]]] = {}
    for case in _pages(clients["mediation"], "/api/v1/mediation-cases"):
        cases_of.setdefault(case["case_id"], []).append(case)
    shared_of: dict[str, list[dict[str, Any]]] = {}
    for record in _pages(clients["procuratorate-bridge"], "/api/v1/shared-records"):
        if record["subject"] == REGISTERED_SUBJECT:
            shared_of.setdefault(str(record["case_id"]), []).append(record)
    queued = {entry["case_id"] for entry in _pages(clients["court-bridge"], "/api/v1/filing-queue")}

    for case_id, dispute in disputes.items():
        _check_dispute(clients, report, case_id, dispute, cases_of.get(case_id, []), shared_of.get(case_id, []))

    report.checked["R5"] += 1
    for case_id in sorted(set(cases_of) - set(disputes)):
        report.add("R5", case_id, f"mediation holds {len(cases_of[case_id])} case(s) of a dispute intake does not know")
    for case_id in sorted(queued - set(disputes)):
        report.add("R5", case_id, "the court's filing queue holds a dispute intake does not know")
    for case_id in sorted(set(shared_of) - set(disputes)):
        report.add("R1", case_id, "the procuratorate holds the registration of a dispute intake does not know")
    _check_totals(clients, report, disputes, sum(len(c) for c in cases_of.values()))


def _check_dispute(
    clients: Mapping[str, httpx.Client],
    report: Report,
    case_id: str,
    dispute: dict[str, Any],
    cases: Sequence[dict[str, Any]],
    shared: Sequence[dict[str, Any]],
) -> None:
    _check_registration(report, case_id, dispute, shared)
    _check_mediation(report, case_id, dispute, cases)
    to_court = dispute["route"] == "filing"
    if len(cases) == 1:
        case = cases[0]
        _check_stage(report, case_id, dispute, case)
        failure = case.get("failure") or {}
        to_court = to_court or (case["status"] == "failed" and failure.get("next_route") == "filing")
    if to_court:
        _check_filing(clients, report, case_id, dispute)


def _check_registration(
    report: Report, case_id: str, dispute: dict[str, Any], shared: Sequence[dict[str, Any]]
) -> None:
    report.checked["R1"] += 1
    if len(shared) != 1:
        report.add("R1", case_id, f"the procuratorate holds {len(shared)} registration records (expected 1)")
    elif shared[0].get("registration_no") != dispute["registration_no"]:
        report.add("R1", case_id, f"registration no {shared[0].get('registration_no')} ≠ {dispute['registration_no']}")


def _check_mediation(report: Report, case_id: str, dispute: dict[str, Any], cases: Sequence[dict[str, Any]]) -> None:
    report.checked["R2"] += 1
    if len(cases) > 1:
        report.add("R2", case_id, f"mediation holds {len(cases)} cases for one dispute")
    if dispute["route"] == "mediation" and not cases:
        report.add("R2", case_id, "routed to mediation but mediation holds no case")
    for case in cases:
        if case["registration_no"] != dispute["registration_no"]:
            report.add("R2", case_id, f"mediation's registration no {case['registration_no']} ≠ intake's")
        if case["first_received_on"] != dispute["received_on"]:
            report.add(
                "R2", case_id, f"mediation's first received {case['first_received_on']} ≠ {dispute['received_on']}"
            )


def _check_stage(report: Report, case_id: str, dispute: dict[str, Any], case: dict[str, Any]) -> None:
    report.checked["R3"] += 1
    allowed = STAGES_OF_STATUS.get(case["status"])
    if allowed is not None and dispute["stage"] not in allowed:
        report.add("R3", case_id, f"mediation's status {case['status']} but intake's stage {dispute['stage']}")


def _check_filing(clients: Mapping[str, httpx.Client], report: Report, case_id: str, dispute: dict[str, Any]) -> None:
    report.checked["R4"] += 1
    response = _get(clients["court-bridge"], f"/api/v1/filing-queue/{case_id}")
    if response.status_code == 404:
        report.add("R4", case_id, "sent to filing but not in the court's filing queue")
    elif response.json()["first_received_on"] != dispute["received_on"]:
        entry = response.json()
        report.add("R4", case_id, f"court's first received {entry['first_received_on']} ≠ {dispute['received_on']}")


def _check_totals(
    clients: Mapping[str, httpx.Client], report: Report, disputes: Mapping[str, dict[str, Any]], cases: int
) -> None:
    report.checked["R6"] += 1
    response = _get(clients["reporting"], "/api/v1/indicators/disputes")
    indicators = response.json()
    if indicators["total"] != len(disputes):
        report.add("R6", None, f"reporting counts {indicators['total']} disputes, intake holds {len(disputes)}")
    by_channel = Counter(d["channel"] for d in disputes.values())
    if {k: v for k, v in indicators["by_channel"].items() if v} != dict(by_channel):
        report.add("R6", None, f"reporting by channel {indicators['by_channel']} ≠ intake's {dict(by_channel)}")
    by_route = Counter(d["route"] for d in disputes.values() if d["route"])
    if {k: v for k, v in indicators["by_route"].items() if v} != dict(by_route):
        report.add("R6", None, f"reporting by route {indicators['by_route']} ≠ intake's {dict(by_route)}")
    mediation = _get(clients["reporting"], "/api/v1/indicators/mediation").json()
    if mediation["opened"] != cases:
        report.add("R6", None, f"reporting counts {mediation['opened']} mediations opened, mediation holds {cases}")


def check_until(clients: Mapping[str, httpx.Client], timeout: float, interval: float = 0.5) -> Report:
    """Repeats ``check`` until the services agree or ``timeout`` seconds passed; returns the last report."""
    deadline = time.monotonic() + timeout
    while True:
        report = check(clients)
        if report.consistent or time.monotonic() >= deadline:
            return report
        time.sleep(interval)


def clients_for(urls: Mapping[str, str], tokens: Mapping[str, str], timeout: float = 10.0) -> dict[str, httpx.Client]:
    """An HTTP client per service, each with its bearer token (``tokens[service]`` or ``tokens["*"]``)."""
    clients = {}
    for service, url in urls.items():
        token = tokens.get(service) or tokens.get("*")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        clients[service] = httpx.Client(base_url=url, headers=headers, timeout=timeout, trust_env=False)
    return clients


def _parse_tokens(values: Sequence[str]) -> dict[str, str]:
    tokens: dict[str, str] = {}
    if default := os.environ.get("ADR_CONSISTENCY_TOKEN"):
        tokens["*"] = default
    for value in values:
        service, sep, token = value.partition("=")
        if sep and service in SERVICES:
            tokens[service] = token
        else:
            tokens["*"] = value
    return tokens


def main(argv: Sequence[str] | None = None) -> int:
    """The command: 0 when every service agrees, 1 on a disagreement, 2 when a service could not be read."""
    parser = argparse.ArgumentParser(prog="python -m adr_runtime.consistency", description=__doc__.split("\n\n")[0])
    for service in SERVICES:
        parser.add_argument(f"--{service}", required=True, metavar="URL", help=f"{service}'s base URL")
    parser.add_argument("--token", action="append", default=[], help="bearer token, or service=token (repeatable)")
    parser.add_argument("--wait", type=float, default=0.0, help="repeat until consistent, at most this many seconds")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    urls = {service: getattr(args, service.replace("-", "_")) for service in SERVICES}
    clients = clients_for(urls, _parse_tokens(args.token))
    try:
        report = check_until(clients, args.wait) if args.wait > 0 else check(clients)
    finally:
        for client in clients.values():
            client.close()
    print(json.dumps(report.as_json(), ensure_ascii=False, indent=2) if args.json else report.summary())  # noqa: T201
    if report.unreadable:
        return 2
    return 0 if report.consistent else 1


if __name__ == "__main__":
    sys.exit(main())
