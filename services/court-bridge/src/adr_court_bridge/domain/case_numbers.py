"""Case numbers (案号, RULES.md §3): generated for the district court and parsed from anyone's.

The 2016 format (法〔2015〕137号) is （收案年度）court code (法院代字), type code (类型代字), serial, 号,
e.g. （2026）鄂0503行初12号. The court code is 最高法, a province abbreviation (high court), plus 2 digits
(intermediate court) or 4 digits (basic court). Serials run per court, per type code and per year.

The court code and the type codes are configuration (RULES.md §3.2: 鄂0503 is not yet checked against a
published judgment; §3.3: no source shows an administrative pre-litigation code, so 行诉前调 is a default
to be confirmed locally). Numbers given before 2016 (…字第…号) are not of this format and are refused.
"""

import re
from dataclasses import dataclass, field

from adr_court_bridge.domain.errors import InvalidCaseNumber, InvalidCourtCode, UnknownTypeCode

PROVINCES = "京津沪渝冀晋内辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔云藏陕甘青宁新军兵"
COURT_CODE = re.compile(r"^(?:最高法|[" + PROVINCES + r"](?:\d{4}|\d{2})?)$")
TYPE_CODE = re.compile(r"^[\u4e00-\u9fff]{1,6}$")
_CASE_NO = re.compile(
    r"^(?!.*字第)"
    r"[（(](?P<year>(?:19|20)\d{2})[）)]"
    r"(?P<court>最高法|[" + PROVINCES + r"](?:\d{4}|\d{2})?)"
    r"(?P<type>[\u4e00-\u9fff]{1,6}?)"
    r"(?P<seq>\d{1,8})号"
    r"(?P<suffix>之[一二三四五六七八九十]+)?$"
)
MAX_SERIAL = 99_999_999

# The SPC's administrative and related type codes (RULES.md §3.3) with the local pre-litigation ones.
STANDARD_TYPE_CODES: frozenset[str] = frozenset(
    {
        "行初", "行终", "行监", "行申", "行抗", "行再", "行审", "行审复", "行他", "行辖", "行辖终",
        "行赔初", "行赔终", "行赔监", "行赔申", "行赔抗", "行赔再", "行赔他", "司救行", "民特",
        "执", "执恢", "执异", "执复", "民诉前调", "诉前调确",
    }
)


def normalise(text: str) -> str:
    """Removes every whitespace character; full- and half-width brackets are both accepted later."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class CaseNumber:
    """A parsed (or generated) case number."""

    year: int
    court: str
    type_code: str
    serial: int
    suffix: str | None = None

    @property
    def text(self) -> str:
        """The number as the court writes it, with full-width brackets."""
        return f"（{self.year}）{self.court}{self.type_code}{self.serial}号{self.suffix or ''}"

    @property
    def court_level(self) -> str:
        """supreme, high, intermediate or basic, read from the court code."""
        if self.court == "最高法":
            return "supreme"
        return {0: "high", 2: "intermediate"}.get(len(self.court) - 1, "basic")

    def __str__(self) -> str:
        return self.text


def parse_case_number(text: str, *, type_codes: frozenset[str] | None = None) -> CaseNumber:
    """The parsed number; refuses legacy or malformed numbers and, if given, type codes not in the table."""
    value = normalise(text)
    match = _CASE_NO.match(value)
    if match is None:
        raise InvalidCaseNumber(text)
    type_code = match["type"]
    if type_codes is not None and type_code not in type_codes:
        raise UnknownTypeCode(type_code)
    return CaseNumber(int(match["year"]), match["court"], type_code, int(match["seq"]), match["suffix"])


@dataclass(frozen=True)
class CaseNumbering:
    """The district court's numbering: its court code and the type codes it uses (from settings)."""

    court_code: str = "鄂0503"
    filing_type: str = "行初"  # 行政一审
    pre_litigation_type: str = "行诉前调"  # 诉前调解（本地代字，待核实）
    confirmation_type: str = "诉前调确"  # 司法确认
    enforcement_review_type: str = "行审"  # 非诉行政行为申请执行审查
    extra_type_codes: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not COURT_CODE.match(self.court_code):
            raise InvalidCourtCode(self.court_code)
        for code in self.own_types:
            if not TYPE_CODE.match(code):
                raise UnknownTypeCode(code)

    @property
    def own_types(self) -> tuple[str, ...]:
        """The type codes this court issues numbers under."""
        return (self.filing_type, self.pre_litigation_type, self.confirmation_type, self.enforcement_review_type)

    @property
    def type_codes(self) -> frozenset[str]:
        """Every type code a number may carry: the standard table plus the local ones."""
        return STANDARD_TYPE_CODES | set(self.own_types) | self.extra_type_codes

    def number(self, *, year: int, type_code: str, serial: int) -> CaseNumber:
        """This court's number for the ``serial``-th case of ``type_code`` received in ``year``."""
        if type_code not in self.type_codes or not TYPE_CODE.match(type_code):
            raise UnknownTypeCode(type_code)
        if not 1 <= serial <= MAX_SERIAL or not 1900 <= year <= 2099:
            raise InvalidCaseNumber(f"（{year}）{self.court_code}{type_code}{serial}号")
        generated = CaseNumber(year, self.court_code, type_code, serial)
        # every generated number must read back as itself
        if parse_case_number(generated.text, type_codes=self.type_codes) != generated:
            raise InvalidCaseNumber(generated.text)
        return generated

    def parse(self, text: str) -> CaseNumber:
        """Any court's number in the 2016 format, with its type code checked against the table."""
        return parse_case_number(text, type_codes=self.type_codes)

    def is_own(self, number: CaseNumber) -> bool:
        """Whether this court gave the number."""
        return number.court == self.court_code


def suggestion_number(prefix: str, *, year: int, serial: int) -> str:
    """A judicial-suggestion letter number, ``<prefix>〔year〕n号`` (RULES.md §3.4, JS-Prov annex 1)."""
    return f"{prefix}〔{year}〕{serial}号"
