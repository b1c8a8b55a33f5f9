"""The check that a typical case (典型案例, R3) no longer identifies anyone before it is published.

It looks for ID-card numbers, mobile and landline numbers, e-mail addresses, street addresses
(road and number, building and room, village and group), and the names of the parties the
write-up is known to concern. Findings say what kind of data remains and where, never the data.
"""

import re
from dataclasses import dataclass

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("身份证号码", re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")),
    ("手机号码", re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")),
    ("固定电话号码", re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")),
    ("电子邮箱", re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
    ("详细地址", re.compile(r"[\u4e00-\u9fa5]{1,12}(路|街|巷|道|大道)\d+号")),
    ("详细地址", re.compile(r"\d+(栋|幢|单元)\d*[\u4e00-\u9fa5]?\d*(室|号房)?")),
    ("详细地址", re.compile(r"[\u4e00-\u9fa5]{1,8}村\d+组")),
)


@dataclass(frozen=True)
class Finding:
    """Personal data found: its kind and where (a character offset), never the data itself."""

    kind: str
    offset: int

    def describe(self) -> str:
        return f"第 {self.offset + 1} 字处有{self.kind}"


def personal_data(text: str, known_names: list[str]) -> list[Finding]:
    """Every place the text still identifies someone, in reading order."""
    found = [Finding(kind, m.start()) for kind, pattern in _PATTERNS for m in pattern.finditer(text)]
    for name in known_names:
        name = name.strip()
        if len(name) < 2:
            continue
        start = text.find(name)
        while start != -1:
            found.append(Finding("当事人姓名", start))
            start = text.find(name, start + 1)
    return sorted(set(found), key=lambda f: (f.offset, f.kind))
