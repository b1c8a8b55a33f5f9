"""Per-service NATS users whose permissions are derived from the contracts (issue #9, #10).

Nothing here is written by hand: a service may publish exactly the contracts it produces and its
own dead-letter subject, and may pull (fetch, look up, acknowledge) exactly the durable consumers
of the contracts in whose audience it is. Replies come back on a per-user inbox prefix
(``_INBOX_<service>``), so no service can read another's replies.

The JetStream API subjects follow what the runtime does:

- the relay and the dead-letter sink publish with ``js.publish`` (a request whose PubAck comes
  back on the inbox);
- a durable pull subscriber looks its consumer up (``$JS.API.CONSUMER.INFO.<stream>.<durable>``),
  fetches (``$JS.API.CONSUMER.MSG.NEXT.<stream>.<durable>``) and acknowledges, naks with delay or
  terminates on the message's reply subject (``$JS.ACK.<stream>.<durable>.>``). It never creates
  consumers or streams: the provisioning step owns them (user ``provisioner``).

``python -m adr_runtime.nats_permissions --format nats-conf|helm-values`` prints the block for a
nats-server configuration file or the Helm values file ``deploy/nats/users.values.yaml``.
Passwords are never rendered: they are references to environment variables (``$NATS_INTAKE_PASSWORD``)
that the server resolves at start-up (a Kubernetes Secret, see deploy/README.md).
"""

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from adr_contracts import registry
from adr_contracts.services import SERVICES, ServiceName
from adr_contracts.subjects import deadletter_subject, durable_name, parse_subject, stream_name

PROVISIONER = "provisioner"
# The operator's user: the dead-letter desk (read and remove letters) and the stream repair (read a stream,
# publish its events again). Given to the services' API and repair commands through OPS_NATS_USER.
OPERATOR = "operator"


@dataclass(frozen=True)
class UserPermissions:
    """One NATS user: its name, the environment variable of its password, what it may do."""

    user: str
    password_variable: str
    publish: tuple[str, ...]
    subscribe: tuple[str, ...]

    def as_config(self) -> dict[str, Any]:
        """The user's entry of a nats-server ``authorization.users`` list (password left out)."""
        return {
            "user": self.user,
            "permissions": {"publish": {"allow": list(self.publish)}, "subscribe": {"allow": list(self.subscribe)}},
        }


def inbox_prefix(user: str) -> str:
    """The inbox prefix a user's connection must use, e.g. ``_INBOX_court_bridge``.

    Args:
        user: the NATS user (a service name or ``provisioner``).
    """
    return f"_INBOX_{user.replace('-', '_')}"


def subscriber_inbox_prefix(user: str) -> bytes:
    """What a FastStream pull subscriber must be given (``inbox_prefix=``): it does not inherit the broker's.

    Args:
        user: the NATS user.
    """
    return f"{inbox_prefix(user)}.".encode()


def password_variable(user: str) -> str:
    """The environment variable holding a user's password, e.g. ``NATS_COURT_BRIDGE_PASSWORD``.

    Args:
        user: the NATS user.
    """
    return f"NATS_{user.replace('-', '_').upper()}_PASSWORD"


@dataclass(frozen=True)
class PulledConsumer:
    """A durable consumer a service reads."""

    subject: str
    stream: str
    durable: str


def pulled_consumers(service: ServiceName) -> list[PulledConsumer]:
    """The durables of every contract in whose audience the service is.

    Args:
        service: the reading service.
    """
    return [
        PulledConsumer(
            subject=contract.SUBJECT,
            stream=stream_name(parse_subject(contract.SUBJECT).producer),
            durable=durable_name(service, contract.SUBJECT),
        )
        for contract in registry.read_by(service, with_receipts=True)
    ]


def pull_subjects(stream: str, durable: str) -> list[str]:
    """What a client publishes to read one durable pull consumer.

    Args:
        stream: the stream, e.g. ``ADR_INTAKE``.
        durable: the durable consumer's name.
    """
    return [
        f"$JS.API.CONSUMER.INFO.{stream}.{durable}",
        f"$JS.API.CONSUMER.MSG.NEXT.{stream}.{durable}",
        f"$JS.ACK.{stream}.{durable}.>",
    ]


def service_permissions(service: ServiceName) -> UserPermissions:
    """A service's user: publish its own contracts and dead letters, read its own durables.

    Args:
        service: the service.
    """
    publish = [contract.SUBJECT for contract in registry.produced_by(service)]
    publish.append(deadletter_subject(service))
    for consumer in pulled_consumers(service):
        publish.extend(pull_subjects(consumer.stream, consumer.durable))
    return UserPermissions(
        user=service,
        password_variable=password_variable(service),
        publish=tuple(publish),
        subscribe=(f"{inbox_prefix(service)}.>",),
    )


def provisioner_permissions() -> UserPermissions:
    """The provisioning Job's user: the whole JetStream API (streams and consumers), nothing else."""
    return UserPermissions(
        user=PROVISIONER,
        password_variable=password_variable(PROVISIONER),
        publish=("$JS.API.>",),
        subscribe=("_INBOX.>", f"{inbox_prefix(PROVISIONER)}.>"),
    )


def operator_permissions() -> UserPermissions:
    """The operator's user: the JetStream API (to read and remove dead letters, to scan a stream) and the
    contract subjects (to publish again what a broker lost); never the dead-letter subjects themselves."""
    return UserPermissions(
        user=OPERATOR,
        password_variable=password_variable(OPERATOR),
        publish=(
            "$JS.API.>",
            "adr.intake.>",
            "adr.mediation.>",
            "adr.court.>",
            "adr.procuratorate.>",
            "adr.reporting.>",
        ),
        subscribe=(f"{inbox_prefix(OPERATOR)}.>",),
    )


def all_users(services: Iterable[ServiceName] = SERVICES) -> list[UserPermissions]:
    """Every service's user, then the provisioner and the operator.

    Args:
        services: the services deployed together (all of them unless given).
    """
    return [*(service_permissions(s) for s in services), provisioner_permissions(), operator_permissions()]


def _quote(value: str) -> str:
    return json.dumps(value)


def render_nats_conf(users: Sequence[UserPermissions]) -> str:
    """A nats-server ``authorization { users = [...] }`` block.

    Passwords are unquoted ``$NATS_<USER>_PASSWORD`` references, which nats-server resolves
    from its environment when the variable is not defined in the file.

    Args:
        users: the users to render.
    """
    lines = [
        "# Generated by `python -m adr_runtime.nats_permissions --format nats-conf`; do not edit.",
        "authorization {",
        "  users = [",
    ]
    for user in users:
        lines.append("    {")
        lines.append(f"      user: {_quote(user.user)}")
        lines.append(f"      password: ${user.password_variable}")
        lines.append("      permissions: {")
        for verb, subjects in (("publish", user.publish), ("subscribe", user.subscribe)):
            lines.append(f"        {verb}: {{ allow: [")
            lines.extend(f"          {_quote(subject)}" for subject in subjects)
            lines.append("        ] }")
        lines.append("      }")
        lines.append("    }")
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


HELM_HEADER = """\
# Generated by `uv run python -m adr_runtime.nats_permissions --format helm-values`; do not edit.
# The NATS users of the platform, one per service, with permissions derived from the contracts
# (who produces a subject, who is in its audience). Install with both values files:
#   helm upgrade --install nats nats/nats -n nats -f deploy/nats/values.yaml -f deploy/nats/users.values.yaml
# Each password comes from the environment of the nats container (Secret `nats-users`).
"""


def helm_values(users: Sequence[UserPermissions]) -> dict[str, Any]:
    """Values for the official NATS Helm chart: the users under ``config.merge`` and their passwords' env.

    Args:
        users: the users to render.
    """
    entries = []
    for user in users:
        entry = user.as_config()
        # the chart writes "<< $VAR >>" unquoted into nats.conf, so the server reads the environment
        entry["password"] = f"<< ${user.password_variable} >>"
        entries.append(entry)
    env = {
        user.password_variable: {"valueFrom": {"secretKeyRef": {"name": "nats-users", "key": user.user}}}
        for user in users
    }
    return {"config": {"merge": {"authorization": {"users": entries}}}, "container": {"env": env}}


def render_helm_values(users: Sequence[UserPermissions]) -> str:
    """The Helm values file's text (YAML)."""
    import yaml

    body: str = yaml.safe_dump(helm_values(users), sort_keys=False, allow_unicode=True, width=200)
    return HELM_HEADER + "---\n" + body


def main(argv: list[str] | None = None) -> None:
    """``python -m adr_runtime.nats_permissions``: prints the users for nats.conf or the Helm chart."""
    parser = argparse.ArgumentParser(description="NATS users and permissions derived from the contracts")
    parser.add_argument("--format", choices=["nats-conf", "helm-values"], default="nats-conf")
    parser.add_argument("--service", action="append", choices=SERVICES, help="only these services (repeatable)")
    args = parser.parse_args(argv)
    users = all_users(args.service or SERVICES)
    text = render_nats_conf(users) if args.format == "nats-conf" else render_helm_values(users)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
