"""How the indicators are computed (RULES.md §9: store the raw counts, state what is counted)."""

DISPUTES_DEFINITION = (
    "已登记争议数：以区行政争议化解中心“争议已登记”事件为准，统计全部已登记争议（total），"
    "并按来源渠道分列（by_channel）；by_route 为已作出分流决定的争议按分流去向（调解、立案、复议、不予受理）分列。"
    "数据仅来自各机构发布的事件，不含任何个人信息；as_of 为本次统计的时间。"
)

MEDIATION_DEFINITION = (
    "调解情况：opened 为已开始调解的争议数（含已结束的），in_progress 为仍在调解中的争议数，"
    "agreed 为达成和解协议的争议数，failed 为调解不成的争议数；同一争议多次调解的，以最近一次结果为准。"
    "调解成功率 success_rate = agreed ÷（agreed + failed），尚无已结束的调解时为空（null）。"
)


def success_rate(agreed: int, failed: int) -> float | None:
    """Agreements among concluded mediations; None while none has concluded."""
    concluded = agreed + failed
    if concluded == 0:
        return None
    return round(agreed / concluded, 4)
