"""The delivery files (container, Kubernetes, CI/CD, monitoring, catalog) are
consistent with each other and with config.yaml."""

import re
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]


def load(relative):
    return yaml.safe_load((REPO_ROOT / relative).read_text())


def load_all(relative):
    return [doc for doc in yaml.safe_load_all((REPO_ROOT / relative).read_text()) if doc]


def test_container_runs_as_a_non_root_user():
    users = re.findall(r"^USER\s+(\S+)", (REPO_ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert users and users[-1] not in ("root", "0")


def test_inference_service_rolls_out_as_a_canary_in_production():
    service = load("deploy/base/inferenceservice.yaml")
    assert service["kind"] == "InferenceService"
    predictor = service["spec"]["predictor"]
    assert predictor["securityContext"]["runAsNonRoot"] is True
    assert predictor["containers"][0]["readinessProbe"]["httpGet"]["path"] == "/health"
    production = load("deploy/overlays/production/kustomization.yaml")
    patch = yaml.safe_load(production["patches"][0]["patch"])
    canary = next(op["value"] for op in patch if op["path"].endswith("canaryTrafficPercent"))
    assert 0 < canary < 100
    assert load("deploy/overlays/staging/kustomization.yaml")["resources"] == ["../../base"]
    assert "../../monitoring" in load("deploy/base/kustomization.yaml")["resources"]


def test_ci_runs_every_required_check():
    ci = load(".github/workflows/ci.yaml")
    assert set(ci["jobs"]) >= {"lint", "test", "data-validation", "evaluation-gate", "dependency-scan", "build"}
    text = (REPO_ROOT / ".github/workflows/ci.yaml").read_text()
    assert "pip-audit" in text and "aquasecurity/trivy-action" in text and "make gate-degraded" in text


def test_production_needs_the_readiness_gate_and_an_approval():
    jobs = load(".github/workflows/cd.yaml")["jobs"]
    assert jobs["staging"]["environment"] == "staging"
    assert jobs["production"]["environment"] == "production"
    assert "readiness-gate" in jobs["production"]["needs"]
    gate = jobs["readiness-gate"]["steps"][0]["run"]
    assert "curl -fsS" in gate and "Authorization: Bearer" in gate
    assert "/api/ml-readiness/gate?entityRef=" in gate and "stage=production" in gate


def test_alert_rules_use_the_slo_from_config(raw_config):
    rules = load("monitoring/prometheus-rules.yaml")
    assert rules["kind"] == "PrometheusRule"
    alerts = {r["alert"]: r for g in rules["spec"]["groups"] for r in g["rules"] if "alert" in r}
    assert {"ModelLatencyP99High", "ModelErrorBudgetBurn", "ModelFeatureDrift"} <= set(alerts)
    slo = raw_config["metadata"]["slo"]
    assert f"> {slo['latency_p99_ms']} / 1000" in alerts["ModelLatencyP99High"]["expr"]
    assert str(slo["availability_percent"]) in alerts["ModelErrorBudgetBurn"]["expr"]


def test_catalog_entities_describe_this_repository(raw_config):
    entities = {doc["kind"]: doc for doc in load_all("catalog-info.yaml")}
    model, server, api = entities["Resource"], entities["Component"], entities["API"]
    mlops = model["spec"]["mlops"]
    assert model["spec"]["type"] == "ai-model"
    assert model["metadata"]["name"] == raw_config["model"]["name"]
    assert mlops["servingPattern"] == raw_config["metadata"]["serving_pattern"]
    assert mlops["tier"] == raw_config["metadata"]["risk_tier"]
    assert mlops["framework"] == "scikit-learn"
    assert (REPO_ROOT / mlops["modelCard"]).is_file()
    assert server["spec"]["type"] == "model-server"
    assert f"resource:default/{model['metadata']['name']}" in server["spec"]["dependsOn"]
    assert server["spec"]["providesApis"] == [f"api:default/{api['metadata']['name']}"]
    assert (REPO_ROOT / api["spec"]["definition"]["$text"]).is_file()


@pytest.mark.parametrize("runbook", ["rollback.md", "incident.md"])
def test_runbooks_exist(runbook):
    assert (REPO_ROOT / "docs" / "runbooks" / runbook).read_text().startswith("# Runbook")


def test_codeowners_name_the_production_approvers():
    lines = [l for l in (REPO_ROOT / ".github/CODEOWNERS").read_text().splitlines() if l and not l.startswith("#")]
    production = next(l for l in lines if l.startswith("/deploy/overlays/production/"))
    assert len(production.split()) == 3
