"""Log lines are JSON and never show an ID number or a mobile number, even when one slips into a message."""

import json
import logging

import pytest

from adr_runtime.logs import mask_personal_data, setup_logging


def test_id_and_mobile_numbers_are_masked() -> None:
    text = mask_personal_data("申请人 420503199001011234 电话 13800138000 案件 WJG-2026-000001")

    assert "420503199001011234" not in text and "13800138000" not in text
    assert "WJG-2026-000001" in text


def test_log_lines_are_json_with_the_service_and_no_personal_data(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("intake", level="INFO", json_format=True)
    try:
        logging.getLogger("adr.test").warning("lookup failed for %s", "42050319900101123X")
    finally:
        logging.getLogger().handlers.clear()

    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["service"] == "intake" and line["level"] == "WARNING"
    assert "42050319900101123X" not in line["message"]
