"""The services' images (issue #9, O2): parsed and checked, since no Docker engine runs here.

Each service has one multi-stage Dockerfile built from the workspace with uv and the lock file,
running as a non-root user whose only writable place is /tmp (read-only root filesystem).
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from adr_contracts.services import SERVICES

ROOT = Path(__file__).resolve().parents[2]
PORTS = {"intake": 8001, "mediation": 8002, "court-bridge": 8003, "procuratorate-bridge": 8004, "reporting": 8005}
WORKSPACE_MEMBERS = sorted(
    str(p.parent.relative_to(ROOT)) for pattern in ("libs/*/pyproject.toml", "services/*/pyproject.toml")
    for p in ROOT.glob(pattern)
)

pytestmark = pytest.mark.clause("O2")


@dataclass(frozen=True)
class Instruction:
    keyword: str
    value: str


def parse(path: Path) -> list[Instruction]:
    """Dockerfile instructions, with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, value = line.partition(" ")
        instructions.append(Instruction(keyword.upper(), " ".join(value.split())))
    return instructions


def args_of(instructions: list[Instruction]) -> dict[str, str]:
    return dict(i.value.split("=", 1) for i in instructions if i.keyword == "ARG" and "=" in i.value)


def stages(instructions: list[Instruction]) -> list[list[Instruction]]:
    result: list[list[Instruction]] = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            result.append([])
        if result:
            result[-1].append(instruction)
    return result


def base_images(instructions: list[Instruction]) -> list[str]:
    args = args_of(instructions)
    images = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            image = instruction.value.split()[0]
            images.append(re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], image))
    return images


@pytest.fixture(params=SERVICES)
def service(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def dockerfile(service: str) -> list[Instruction]:
    path = ROOT / "services" / service / "Dockerfile"
    assert path.is_file(), f"{service} has no Dockerfile"
    return parse(path)


def test_every_service_has_a_multi_stage_build_whose_last_stage_runs_as_a_non_root_user(service: str) -> None:
    instructions = dockerfile(service)
    built = stages(instructions)
    assert len(built) >= 3, "uv, build and runtime stages"
    final = built[-1]
    users = [i.value for i in final if i.keyword == "USER"]
    assert users, "the runtime stage sets USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000, "a numeric non-root uid (runAsNonRoot can verify it)"
    assert any(i.keyword == "COPY" and "--from=build" in i.value for i in final), "only the venv comes from the build"
    assert not any(i.keyword == "RUN" and "uv " in i.value for i in final), "no uv in the runtime stage"


def test_base_images_are_pinned_never_latest(service: str) -> None:
    for image in base_images(dockerfile(service)):
        name, _, tag = image.rpartition(":") if ":" in image.split("/")[-1] else (image, "", "")
        assert name and tag and tag != "latest", image
        assert re.match(r"\d", tag), f"{image}: a version tag"


def test_dependencies_come_from_the_lock_file_of_this_service_alone(service: str) -> None:
    runs = [i.value for i in dockerfile(service) if i.keyword == "RUN" and "uv sync" in i.value]
    assert len(runs) == 2, "dependencies layer, then the workspace's code"
    for run in runs:
        assert "--frozen" in run and "--no-dev" in run and f"--package adr-{service}" in run
    assert "--no-editable" in runs[-1], "the runtime image needs no source tree"
    copied = {i.value.split()[-1] for i in dockerfile(service) if i.keyword == "COPY" and "pyproject.toml" in i.value}
    assert {f"{member}/pyproject.toml" for member in WORKSPACE_MEMBERS} <= copied, "every workspace member's metadata"


def test_the_image_runs_the_services_command_on_its_port_in_production_mode(service: str) -> None:
    instructions = dockerfile(service)
    final = stages(instructions)[-1]
    assert next(i.value for i in final if i.keyword == "ENTRYPOINT") == f'["adr-{service}"]'
    assert next(i.value for i in final if i.keyword == "CMD") == '["api"]'
    assert next(i.value for i in final if i.keyword == "EXPOSE") == str(PORTS[service])
    env = " ".join(i.value for i in final if i.keyword == "ENV")
    prefix = service.replace("-", "_").upper() + "_"
    assert f"{prefix}ENV=prod" in env and f"{prefix}HTTP_PORT={PORTS[service]}" in env
    assert "HOME=/tmp" in env, "fontconfig and friends write under HOME: /tmp is the only writable mount"


def test_the_build_context_leaves_out_environments_tests_and_local_data() -> None:
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "**" in ignore, "everything is excluded unless listed"
    for pattern in ("**/.venv/", "**/tests/", "**/node_modules/", "**/*.db"):
        assert pattern in ignore, pattern
    assert "!uv.lock" in ignore and "!services/*/src/**" in ignore
