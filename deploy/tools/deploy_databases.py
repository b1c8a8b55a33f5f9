"""Each service's CloudNativePG database: the cluster, its scheduled backup and its network policy
(used by generate.py)."""

from typing import Any

from deploy_network import DNS_EGRESS
from deploy_workloads import (
    Service,
    labels,
)


def cnpg_cluster(svc: Service) -> dict[str, Any]:
    return {
        "apiVersion": "postgresql.cnpg.io/v1",
        "kind": "Cluster",
        "metadata": {"name": svc.db_cluster, "labels": labels(svc, "database")},
        "spec": {
            "instances": 3,
            "imageName": "ghcr.io/cloudnative-pg/postgresql:16.6",
            "primaryUpdateStrategy": "unsupervised",
            "storage": {"size": "20Gi"},
            "walStorage": {"size": "5Gi"},
            "bootstrap": {"initdb": {"database": svc.database, "owner": svc.database}},
            "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}, "limits": {"memory": "1Gi"}},
            "backup": {
                "retentionPolicy": "30d",
                "barmanObjectStore": {
                    "destinationPath": f"s3://adr-backups/{svc.name}",
                    "endpointURL": "https://object-store.example.gov.cn",
                    "s3Credentials": {
                        "accessKeyId": {"name": "adr-backup-store", "key": "access-key-id"},
                        "secretAccessKey": {"name": "adr-backup-store", "key": "secret-access-key"},
                    },
                    "wal": {"compression": "gzip"},
                },
            },
        },
    }


def cnpg_backup(svc: Service) -> dict[str, Any]:
    return {
        "apiVersion": "postgresql.cnpg.io/v1",
        "kind": "ScheduledBackup",
        "metadata": {"name": f"{svc.db_cluster}-daily", "labels": labels(svc, "database")},
        "spec": {"schedule": "0 0 2 * * *", "backupOwnerReference": "self", "cluster": {"name": svc.db_cluster}},
    }


def cnpg_networkpolicy(svc: Service) -> dict[str, Any]:
    """The database takes connections from its service, its own instances and the CNPG operator only."""
    instances = {"podSelector": {"matchLabels": {"cnpg.io/cluster": svc.db_cluster}}}
    operator = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "cnpg-system"}}}
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": svc.db_cluster, "labels": labels(svc, "network")},
        "spec": {
            "podSelector": {"matchLabels": {"cnpg.io/cluster": svc.db_cluster}},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": [
                {
                    "from": [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": svc.name}}}, instances],
                    "ports": [{"protocol": "TCP", "port": 5432}],
                },
                {"from": [operator], "ports": [{"protocol": "TCP", "port": 8000}, {"protocol": "TCP", "port": 5432}]},
            ],
            "egress": [
                DNS_EGRESS,
                {"to": [instances], "ports": [{"protocol": "TCP", "port": 5432}]},
                # the Kubernetes API (instance manager) and the object store (WAL archive, base backups)
                {"ports": [{"protocol": "TCP", "port": 443}, {"protocol": "TCP", "port": 6443}]},
            ],
        },
    }
