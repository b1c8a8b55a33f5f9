"""The notices' texts, in Chinese: Jinja2 templates for the subject, the body and the short SMS text."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from adr_runtime.notifications.model import UnknownTemplate


@dataclass(frozen=True)
class Template:
    """One notice's texts (Jinja2 source); ``sms`` defaults to the subject."""

    subject: str
    body: str
    sms: str | None = None


@dataclass(frozen=True)
class Rendered:
    """The texts as sent."""

    subject: str
    body: str
    sms: str


SIGNATURE = "\n\n伍家岗区行政争议实质性化解中心\n（本通知由系统发送，请勿直接回复。）"

# Parameters are codes, numbers, dates and Chinese labels; never names, ID numbers or phone numbers.
BUILT_IN: dict[str, Template] = {
    "portal.registered": Template(
        subject="您的行政争议化解申请已登记（登记号 {{ registration_no }}）",
        body=(
            "您于 {{ received_on }} 通过网上申请提交的行政争议化解申请已登记，登记号为 {{ registration_no }}。\n"
            "中心将依法审查并决定分流方向，结果将通过本平台告知。"
            "您可凭登记号和申请时取得的查询码在“申请人服务”页面查看办理进度。"
        ),
        sms="【伍家岗区行政争议化解中心】您的申请已登记，登记号{{ registration_no }}，可凭登记号和查询码在线查询进度。",
    ),
    "portal.stage_changed": Template(
        subject="您的行政争议（{{ registration_no }}）有新进展：{{ stage_zh }}",
        body=(
            "您的行政争议（登记号 {{ registration_no }}）于 {{ changed_on }} 进入新阶段：{{ stage_zh }}。\n"
            "{{ explanation }}\n"
            "请凭登记号和查询码在“申请人服务”页面查看详情。"
        ),
        sms="【伍家岗区行政争议化解中心】您的争议{{ registration_no }}进入新阶段：{{ stage_zh }}。详情请在线查询。",
    ),
    "staff.online_application": Template(
        subject="新的网上申请待审查（{{ registration_no }}）",
        body="收到一件网上申请，登记号 {{ registration_no }}，被申请机关：{{ agency_codes }}。请及时审查分流。",
    ),
    "agency.notice_to_head": Template(
        subject="请签收：关于行政争议 {{ registration_no }} 的通知",
        body=(
            "贵单位涉及的行政争议（登记号 {{ registration_no }}）{{ matter }}。\n"
            "请于 {{ reply_by }} 前登录平台签收并回复。"
        ),
        sms="【伍家岗区行政争议化解中心】请签收关于争议{{ registration_no }}的通知，并于{{ reply_by }}前回复。",
    ),
}


class TemplateCatalog:
    """The templates a service may send; services add their own with :meth:`with_templates`."""

    def __init__(self, templates: Mapping[str, Template] | None = None) -> None:
        self._templates = dict(BUILT_IN if templates is None else templates)
        self._env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)

    def with_templates(self, extra: Mapping[str, Template]) -> "TemplateCatalog":
        """A catalogue with ``extra`` added (same keys replaced)."""
        return TemplateCatalog({**self._templates, **extra})

    def keys(self) -> list[str]:
        """The known template keys."""
        return sorted(self._templates)

    def render(self, key: str, params: Mapping[str, Any]) -> Rendered:
        """The texts of ``key`` with ``params``; a missing parameter raises (nothing half-filled is sent)."""
        try:
            template = self._templates[key]
        except KeyError:
            raise UnknownTemplate(key) from None
        subject = self._env.from_string(template.subject).render(params).strip()
        body = self._env.from_string(template.body).render(params).strip() + SIGNATURE
        sms = self._env.from_string(template.sms).render(params).strip() if template.sms else subject
        return Rendered(subject=subject, body=body, sms=sms)
