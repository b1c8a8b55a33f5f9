"""Staff sign-in, roles and audit for every service (issue #3).

A service adds ``auth_tables(metadata)`` to its metadata, embeds ``AuthSettings`` in its
settings, builds one ``AuthGate`` in its entry point and calls ``install_auth(app, gate)``.
Routes then take ``CurrentPrincipal`` or ``Depends(require_roles(Role.MEDIATOR, ...))``.
"""

from adr_runtime.auth.access import AccessPolicy, protect
from adr_runtime.auth.accounts import Accounts, LockoutPolicy, NewAccount, SignIn, SignInOutcome
from adr_runtime.auth.audit import AuditAction, AuditEntry, Outcome
from adr_runtime.auth.dependencies import (
    CurrentPrincipal,
    can_see_case,
    current_principal,
    current_session,
    ensure_can_see_case,
    record_personal_data_read,
    require_roles,
)
from adr_runtime.auth.errors import AuthError
from adr_runtime.auth.gate import AuthGate
from adr_runtime.auth.install import install_auth
from adr_runtime.auth.roles import AuthMethod, Principal, Role
from adr_runtime.auth.settings import AuthSettings
from adr_runtime.auth.tables import AuthTables, auth_tables

__all__ = [
    "AccessPolicy",
    "Accounts",
    "AuditAction",
    "AuditEntry",
    "AuthError",
    "AuthGate",
    "AuthMethod",
    "AuthSettings",
    "AuthTables",
    "CurrentPrincipal",
    "LockoutPolicy",
    "NewAccount",
    "Outcome",
    "Principal",
    "Role",
    "SignIn",
    "SignInOutcome",
    "auth_tables",
    "can_see_case",
    "current_principal",
    "current_session",
    "ensure_can_see_case",
    "install_auth",
    "protect",
    "record_personal_data_read",
    "require_roles",
]
