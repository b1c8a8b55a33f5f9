"""Court case numbers (案号, RULES.md §3): the 2016 format, and the legacy one kept apart.

The 2016 format (法〔2015〕137号) is （year）court code, type code, serial 号, e.g. （2024）鄂0503行初12号:
the court code is 最高法, a province abbreviation (high court), plus 2 digits (intermediate) or 4 digits
(basic). Numbers given before 2016 read like (2014)鄂孝南民初字第02154号 and are accepted as legacy.
"""

import re
from dataclasses import dataclass

PROVINCES = "京津沪渝冀晋内辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔云藏陕甘青宁新军兵"
_CURRENT = re.compile(
    r"^(?!.*字第)[（(](?P<year>(?:19|20)\d{2})[）)]"
    r"(?P<court>最高法|[" + PROVINCES + r"](?:\d{4}|\d{2})?)"
    r"(?P<type>[\u4e00-\u9fff]{1,6}?)"
    r"(?P<seq>\d{1,8})号"
    r"(?P<suffix>之[一二三四五六七八九十]+)?$"
)
_LEGACY = re.compile(r"^[（(](?P<year>(?:19|20)\d{2})[）)][\u4e00-\u9fff\d]{2,20}字第(?P<seq>\d{1,8})号$")


@dataclass(frozen=True)
class CaseNumber:
    """A parsed case number."""

    text: str
    year: int
    court: str | None
    type_code: str | None
    serial: int
    legacy: bool

    @property
    def court_level(self) -> str | None:
        """supreme, high, intermediate or basic, read from the court code (None for legacy numbers)."""
        if self.court is None:
            return None
        if self.court == "最高法":
            return "supreme"
        digits = len(self.court) - 1
        return {0: "high", 2: "intermediate", 4: "basic"}.get(digits)


def normalise(text: str) -> str:
    """Removes every whitespace character (full- and half-width brackets are both accepted)."""
    return re.sub(r"\s+", "", text)


def parse_case_number(text: str) -> CaseNumber | None:
    """The parsed number, or None when it follows neither the 2016 nor the legacy format."""
    value = normalise(text)
    if match := _CURRENT.match(value):
        return CaseNumber(value, int(match["year"]), match["court"], match["type"], int(match["seq"]), legacy=False)
    if match := _LEGACY.match(value):
        return CaseNumber(value, int(match["year"]), None, None, int(match["seq"]), legacy=True)
    return None
