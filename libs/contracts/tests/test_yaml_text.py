"""The YAML writer of the AsyncAPI document reads back as the data it was given."""

import pytest
import yaml

from adr_contracts.yaml_text import to_yaml

TRICKY = {
    "words": ["yes", "No", "on", "off", "y", "n", "true", "null", "~", "plain_word", "application/cloudevents+json"],
    "numbers_as_text": ["3.0.0", "1.0", "007", "1e3", "0x1F", "2026-11-28"],
    "punctuation": ["#/components/schemas/X", "a: b", "- item", "{x}", "[y]", "'q'", '"dq"', "a #b", "*ref", "&anchor"],
    "spaces": [" leading", "trailing ", "", "  "],
    "unicode": ["争议已登记", "立案“八看”", "line\u2028separator", "tab\there"],
    "multi_line": "first\n\n  indented\nlast\n",
    "not_literal": ["two endings\n\n", "no ending\nhere", " space first\n"],
    "scalars": [0, -1, 2.5, True, False, None],
    "empty": {"map": {}, "list": []},
    "nested": [[1, [2]], [{"a": [{"b": {}}]}], {"x-pii": True, "$ref": "#/x"}],
    "yes": "key that YAML 1.1 would read as a boolean",
    "3.0": "numeric-looking key",
    "key: with colon": 1,
}


def test_tricky_values_read_back_unchanged() -> None:
    assert yaml.safe_load(to_yaml(TRICKY)) == TRICKY


def test_multi_line_text_is_a_literal_block() -> None:
    assert to_yaml({"description": "one\n\ntwo\n"}) == "description: |\n  one\n\n  two\n"


def test_keys_keep_their_order() -> None:
    assert to_yaml({"b": 1, "a": {"d": 2, "c": 3}}) == "b: 1\na:\n  d: 2\n  c: 3\n"


def test_values_other_than_json_are_refused() -> None:
    with pytest.raises(TypeError):
        to_yaml({"when": object()})
