"""The one web shell every service's pages share: layout, navigation, error page, static files."""

from adr_runtime.web.shell import NavItem, WebShell

__all__ = ["NavItem", "WebShell"]
