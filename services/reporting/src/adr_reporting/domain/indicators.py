"""How the indicators are computed (RULES.md §9: store the raw counts, state what is counted)."""

DISPUTES_DEFINITION = (
    "已登记争议数：以区行政争议化解中心“争议已登记”事件为准，统计全部已登记争议（total），"
    "并按来源渠道分列（by_channel）；by_route 为已作出分流决定的争议按分流去向（调解、立案、复议、不予受理）分列。"
    "major、group、sensitive 为最近一次分类为重大复杂、群体性、敏感的争议数；lead_agency_decided 为涉及多个机关、"
    "已由司法局与法院确定牵头机关的争议数；withdrawn 为已撤回的争议数。"
    "数据仅来自各机构发布的事件，不含任何个人信息；as_of 为本次统计的时间。"
)

DIRECTORY_DEFINITION = (
    "机关目录：units 为区行政争议化解中心机关目录中现有的单位数（不含已移除的），units_without_liaison 为其中尚未"
    "指定专项联络员的单位数，by_kind 按单位类型分列。数据来自“机关目录已变更”事件，联络员只计人数，不含个人信息。"
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
