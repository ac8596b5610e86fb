"""Delivery files every golden path has: container, CI/CD, runbooks, owners, catalog."""

import re
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]


def load(relative):
    """One YAML document of the repository."""
    return yaml.safe_load((REPO_ROOT / relative).read_text())


def load_all(relative):
    """Every YAML document of a multi-document file."""
    return [doc for doc in yaml.safe_load_all((REPO_ROOT / relative).read_text()) if doc]


def alerts():
    """The alert rules of monitoring/prometheus-rules.yaml by alert name."""
    rules = load("monitoring/prometheus-rules.yaml")
    return {rule["alert"]: rule for group in rules["spec"]["groups"] for rule in group["rules"] if "alert" in rule}


def assert_alerts_contain(expected):
    """Each named alert exists and its expression contains the given text."""
    rules = alerts()
    for name, fragment in expected.items():
        assert fragment in rules[name]["expr"], name


def model_and_component():
    """The model Resource and the Component (server or pipeline) of catalog-info.yaml."""
    entities = {doc["kind"]: doc for doc in load_all("catalog-info.yaml")}
    return entities["Resource"], entities["Component"]


def test_container_runs_as_a_non_root_user():
    users = re.findall(r"^USER\s+(\S+)", (REPO_ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert users and users[-1] not in ("root", "0")


def test_container_entry_point_is_a_module_of_this_repository():
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    commands = re.findall(r'^(?:CMD|ENTRYPOINT) \["python", "-m", "([a-z_.]+)"', dockerfile, re.MULTILINE)
    assert len(commands) == 1, commands
    assert (REPO_ROOT / "src" / (commands[0].replace(".", "/") + ".py")).is_file()


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


def test_overlays_build_on_the_base_and_bring_the_alert_rules():
    for overlay in ("staging", "production"):
        assert load(f"deploy/overlays/{overlay}/kustomization.yaml")["resources"] == ["../../base"]
    assert "../../monitoring" in load("deploy/base/kustomization.yaml")["resources"]
    assert load("monitoring/prometheus-rules.yaml")["kind"] == "PrometheusRule"


def test_model_entity_matches_config(raw_config):
    model = next(doc for doc in load_all("catalog-info.yaml") if doc["kind"] == "Resource")
    mlops = model["spec"]["mlops"]
    assert model["spec"]["type"] == "ai-model"
    assert model["metadata"]["name"] == raw_config["model"]["name"]
    assert mlops["servingPattern"] == raw_config["metadata"]["serving_pattern"]
    assert mlops["tier"] == raw_config["metadata"]["risk_tier"]
    assert mlops["framework"] == "scikit-learn"
    assert (REPO_ROOT / mlops["modelCard"]).is_file()


@pytest.mark.parametrize("runbook", ["rollback.md", "incident.md"])
def test_runbooks_exist(runbook):
    assert (REPO_ROOT / "docs" / "runbooks" / runbook).read_text().startswith("# Runbook")


def test_codeowners_name_the_production_approvers():
    text = (REPO_ROOT / ".github/CODEOWNERS").read_text()
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    production = next(rule for rule in rules if rule.startswith("/deploy/overlays/production/"))
    assert len(production.split()) == 3


def test_every_alert_links_a_runbook_and_is_in_the_incident_guide():
    guide = (REPO_ROOT / "docs" / "runbooks" / "incident.md").read_text()
    rules = list(alerts().values())
    assert rules
    for alert in rules:
        assert alert["annotations"]["runbook_url"].endswith(".md"), alert["alert"]
        assert alert["labels"]["severity"] in ("page", "ticket"), alert["alert"]
        assert f"`{alert['alert']}`" in guide, alert["alert"]


def _find(value, key):
    """Every value stored under `key` anywhere in a nested document."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key:
                yield v
            yield from _find(v, key)
    elif isinstance(value, list):
        for item in value:
            yield from _find(item, key)


def test_base_lists_its_manifests_and_defines_what_they_use():
    base = REPO_ROOT / "deploy" / "base"
    listed = [r for r in load("deploy/base/kustomization.yaml")["resources"] if not r.startswith("../")]
    assert sorted(listed) == sorted(p.name for p in base.glob("*.yaml") if p.name != "kustomization.yaml")
    documents = [doc for name in listed for doc in load_all(f"deploy/base/{name}")]
    defined = {(doc["kind"], doc["metadata"]["name"]) for doc in documents}
    for claim in _find(documents, "claimName"):
        assert ("PersistentVolumeClaim", claim) in defined, claim
    for account in _find(documents, "serviceAccountName"):
        assert ("ServiceAccount", account) in defined, account
    images = set(_find(documents, "image"))
    assert len(images) == 1
    for overlay in ("staging", "production"):
        assert [i["name"] for i in load(f"deploy/overlays/{overlay}/kustomization.yaml")["images"]] == list(images)
