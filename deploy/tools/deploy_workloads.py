"""The services' table and their Kubernetes workloads: deployments, the migration job, service, config,
account, disruption budgets and autoscalers (used by generate.py)."""

from dataclasses import dataclass
from typing import Any

NATS_URL = "nats://nats.nats.svc.cluster.local:4222"
IMAGE_VERSION = "0.1.0"
PART_OF = "adr"
UID = 10001


@dataclass(frozen=True)
class Service:
    name: str
    port: int
    institution: str  # which district namespace runs it
    secrets: tuple[tuple[str, str, bool], ...] = ()  # (env suffix, secret key, optional): beyond the common ones

    @property
    def prefix(self) -> str:
        return self.name.replace("-", "_").upper() + "_"

    @property
    def database(self) -> str:
        return self.name.replace("-", "_")

    @property
    def db_cluster(self) -> str:
        return f"{self.name}-db"


SERVICES = (
    Service(
        "intake", 8001, "centre", (("PII_KEY", "pii-key", False), ("PII_PREVIOUS_KEYS", "pii-previous-keys", True))
    ),
    Service("mediation", 8002, "centre"),
    Service("court-bridge", 8003, "court"),
    Service("procuratorate-bridge", 8004, "procuratorate"),
    Service("reporting", 8005, "justice-bureau"),
)
COMMON_SECRETS = (
    ("DATABASE_URL", "database-url", False),
    ("NATS_PASSWORD", "nats-password", False),
    ("AUTH__SESSION_SECRET", "session-secret", False),
)


def labels(svc: Service, component: str) -> dict[str, str]:
    return {
        "app.kubernetes.io/name": svc.name,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": PART_OF,
    }


def selector(svc: Service, component: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": svc.name, "app.kubernetes.io/component": component}


def env(svc: Service) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for suffix, key, optional in (*COMMON_SECRETS, *svc.secrets):
        ref: dict[str, Any] = {"name": f"{svc.name}-secrets", "key": key}
        if optional:
            ref["optional"] = True
        entries.append({"name": svc.prefix + suffix, "valueFrom": {"secretKeyRef": ref}})
    return entries


def pod_security() -> dict[str, Any]:
    return {
        "runAsNonRoot": True,
        "runAsUser": UID,
        "runAsGroup": UID,
        "fsGroup": UID,
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def container_security() -> dict[str, Any]:
    return {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "runAsNonRoot": True,
        "capabilities": {"drop": ["ALL"]},
    }


def container(svc: Service, command: str, resources: dict[str, Any], **extra: Any) -> dict[str, Any]:
    mounts = extra.pop("mounts", [])
    return {
        "name": command,
        "image": f"adr/{svc.name}:{IMAGE_VERSION}",
        "imagePullPolicy": "IfNotPresent",
        "args": [command],
        "envFrom": [{"configMapRef": {"name": f"{svc.name}-config"}}],
        "env": env(svc),
        **extra,
        "resources": resources,
        "securityContext": container_security(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}, *mounts],
    }


def pod_spec(svc: Service, containers: list[dict[str, Any]], *, grace: int, extra_volumes: list[Any]) -> dict[str, Any]:
    return {
        "serviceAccountName": svc.name,
        "automountServiceAccountToken": False,
        "terminationGracePeriodSeconds": grace,
        "securityContext": pod_security(),
        "containers": containers,
        "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "256Mi"}}, *extra_volumes],
    }


def deployment(svc: Service, component: str, pod: dict[str, Any]) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": f"{svc.name}-{component}", "labels": labels(svc, component)},
        "spec": {
            "replicas": 2,
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": selector(svc, component)},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
            "template": {"metadata": {"labels": labels(svc, component)}, "spec": pod},
        },
    }


def api(svc: Service) -> dict[str, Any]:
    http = {"port": "http"}
    app = container(
        svc,
        "api",
        {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}},
        ports=[{"name": "http", "containerPort": svc.port, "protocol": "TCP"}],
        startupProbe={"httpGet": {"path": "/healthz", **http}, "periodSeconds": 2, "failureThreshold": 60},
        livenessProbe={"httpGet": {"path": "/healthz", **http}, "periodSeconds": 10, "failureThreshold": 6},
        readinessProbe={"httpGet": {"path": "/readyz", **http}, "periodSeconds": 5, "failureThreshold": 3},
        lifecycle={"preStop": {"sleep": {"seconds": 5}}},
    )
    return deployment(svc, "api", pod_spec(svc, [app], grace=30, extra_volumes=[]))


def worker(svc: Service) -> dict[str, Any]:
    def probe(kind: str, period: int, failures: int) -> dict[str, Any]:
        return {
            "exec": {"command": ["python", "/etc/adr-probe/worker_probe.py", kind, svc.prefix]},
            "periodSeconds": period,
            "timeoutSeconds": 5,
            "failureThreshold": failures,
        }

    app = container(
        svc,
        "worker",
        {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}},
        livenessProbe=probe("live", 20, 3),
        readinessProbe=probe("ready", 10, 3),
        mounts=[{"name": "probe", "mountPath": "/etc/adr-probe", "readOnly": True}],
    )
    probe_volume = {"name": "probe", "configMap": {"name": "adr-worker-probe", "defaultMode": 0o444}}
    # broker.stop() waits up to 20 s for in-flight handlers; an unacknowledged message is redelivered anyway
    return deployment(svc, "worker", pod_spec(svc, [app], grace=45, extra_volumes=[probe_volume]))


def migrate_job(svc: Service) -> dict[str, Any]:
    app = container(svc, "migrate", {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}})
    pod = pod_spec(svc, [app], grace=30, extra_volumes=[])
    pod["restartPolicy"] = "Never"
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "name": f"{svc.name}-migrate",
            "labels": labels(svc, "migrate"),
            "annotations": {"argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/sync-wave": "-1"},
        },
        "spec": {
            "backoffLimit": 3,
            "activeDeadlineSeconds": 900,
            "ttlSecondsAfterFinished": 86400,
            "template": {"metadata": {"labels": labels(svc, "migrate")}, "spec": pod},
        },
    }


def service(svc: Service) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": svc.name, "labels": labels(svc, "api")},
        "spec": {
            "type": "ClusterIP",
            "selector": selector(svc, "api"),
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}],
        },
    }


def configmap(svc: Service) -> dict[str, Any]:
    p = svc.prefix
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": f"{svc.name}-config", "labels": labels(svc, "config")},
        "data": {
            f"{p}ENV": "prod",
            f"{p}NATS_URL": NATS_URL,
            f"{p}NATS_USER": svc.name,
            f"{p}HTTP_HOST": "0.0.0.0",
            f"{p}HTTP_PORT": str(svc.port),
            f"{p}JS_REPLICAS": "3",
            f"{p}LOG_LEVEL": "INFO",
            f"{p}LOG_JSON": "true",
            "OTEL_SERVICE_NAME": svc.name,
        },
    }


def serviceaccount(svc: Service) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ServiceAccount",
        "metadata": {"name": svc.name, "labels": labels(svc, "identity")},
        "automountServiceAccountToken": False,
    }


def pdb(svc: Service, component: str) -> dict[str, Any]:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": f"{svc.name}-{component}", "labels": labels(svc, component)},
        "spec": {"minAvailable": 1, "selector": {"matchLabels": selector(svc, component)}},
    }


def hpa(svc: Service, component: str) -> dict[str, Any]:
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": f"{svc.name}-{component}", "labels": labels(svc, component)},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": f"{svc.name}-{component}"},
            "minReplicas": 2,
            "maxReplicas": 6,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
                }
            ],
            "behavior": {"scaleDown": {"stabilizationWindowSeconds": 300}},
        },
    }
