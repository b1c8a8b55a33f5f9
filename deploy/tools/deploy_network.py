"""The services' network policies: default deny, DNS, NATS, their own database, and the API's ingress
(used by generate.py)."""

from typing import Any

from deploy_workloads import (
    Service,
    labels,
    selector,
)

DNS_EGRESS = {
    "to": [
        {
            "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
            "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
        }
    ],
    "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
}
NATS_EGRESS = {
    "to": [
        {
            "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "nats"}},
            "podSelector": {"matchLabels": {"app.kubernetes.io/name": "nats"}},
        }
    ],
    "ports": [{"protocol": "TCP", "port": 4222}],
}


def database_egress(svc: Service) -> dict[str, Any]:
    return {
        "to": [{"podSelector": {"matchLabels": {"cnpg.io/cluster": svc.db_cluster}}}],
        "ports": [{"protocol": "TCP", "port": 5432}],
    }


def networkpolicy(svc: Service) -> dict[str, Any]:
    """The service's pods reach DNS, NATS and their own database, nothing else; only the API takes traffic."""
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": svc.name, "labels": labels(svc, "network")},
        "spec": {
            "podSelector": {"matchLabels": {"app.kubernetes.io/name": svc.name}},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": [],
            "egress": [DNS_EGRESS, NATS_EGRESS, database_egress(svc)],
        },
    }


def api_ingress_policy(svc: Service) -> dict[str, Any]:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": f"{svc.name}-api-ingress", "labels": labels(svc, "network")},
        "spec": {
            "podSelector": {"matchLabels": selector(svc, "api")},
            "policyTypes": ["Ingress"],
            "ingress": [
                {
                    "from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}],
                    "ports": [{"protocol": "TCP", "port": svc.port}],
                }
            ],
        },
    }
