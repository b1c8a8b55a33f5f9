"""The services (one per institution role) and the subject token each one publishes under."""

from typing import Final, Literal

ServiceName = Literal["intake", "mediation", "court-bridge", "procuratorate-bridge", "reporting"]

SERVICES: Final[tuple[ServiceName, ...]] = (
    "intake",
    "mediation",
    "court-bridge",
    "procuratorate-bridge",
    "reporting",
)

# The subject token of each producer: adr.<producer>.<aggregate>.<event>.v<N>
PRODUCER_TOKEN: Final[dict[ServiceName, str]] = {
    "intake": "intake",
    "mediation": "mediation",
    "court-bridge": "court",
    "procuratorate-bridge": "procuratorate",
    "reporting": "reporting",
}

# Human names shown in documents and pages.
SERVICE_TITLE_ZH: Final[dict[ServiceName, str]] = {
    "intake": "区行政争议化解中心 · 登记与分流",
    "mediation": "调解",
    "court-bridge": "区法院 · 行政争议化解工作室",
    "procuratorate-bridge": "区检察院 · 检察工作室",
    "reporting": "区司法局 · 统计与督办",
}


def service_of_token(token: str) -> ServiceName:
    """Returns the service that publishes under a subject token.

    Args:
        token: the second token of a subject, e.g. ``court``.
    """
    for service, candidate in PRODUCER_TOKEN.items():
        if candidate == token:
            return service
    raise KeyError(token)
