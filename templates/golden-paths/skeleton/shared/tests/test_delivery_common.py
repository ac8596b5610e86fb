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


def assert_the_image_carries_the_model():
    """The model comes from the bundle in the image, pinned; no workload mounts a registry."""
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements.txt -c model/constraints.txt" in dockerfile
    assert "COPY --chown=app:app model ./model" in dockerfile and "ENV MODEL_DIR=/app/model" in dockerfile
    manifests = [doc for path in sorted((REPO_ROOT / "deploy").rglob("*.yaml")) for doc in load_all(path)]
    assert not [claim for claim in _find(manifests, "claimName") if claim.endswith("-registry")]
    assert not [path for path in _find(manifests, "mountPath") if "mlruns" in path or "registry" in path]
    assert "MODEL_RUN_ID" not in str(manifests)


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


def expression(text):
    """A GitHub Actions expression as written in a workflow."""
    return "$" + "{{ " + text + " }}"


def test_ci_gates_against_the_shared_registry_and_registers_only_on_main():
    job = load(".github/workflows/ci.yaml")["jobs"]["evaluation-gate"]
    assert job["env"]["MODEL_REGISTRY_URI"] == expression("vars.MODEL_REGISTRY_URI")
    register = next(step for step in job["steps"] if step.get("id") == "register")
    assert "refs/heads/main" in register["if"] and "register --stage Staging" in register["run"]


def test_cd_ships_exactly_the_registered_version_it_asks_the_gate_about():
    jobs = load(".github/workflows/cd.yaml")["jobs"]
    version = expression("needs.resolve.outputs.version")
    assert "version-for-commit" in jobs["resolve"]["steps"][-1]["run"]
    assert jobs["build"]["env"]["VERSION"] == version
    bundle = next(step for step in jobs["build"]["steps"] if "mlapp bundle" in str(step.get("run")))
    assert '--version "$VERSION"' in bundle["run"]
    gate = jobs["readiness-gate"]["steps"][0]
    assert gate["env"]["VERSION"] == version
    assert "-X POST" in gate["run"] and "Authorization: Bearer" in gate["run"]
    assert '"${BACKSTAGE_URL}/api/ml-readiness/gate"' in gate["run"]
    for key in ('"entityRef"', '"version"', '"stage": "production"', 'get("allowed") is not True', "requiredLevel"):
        assert key in gate["run"], key
    assert jobs["staging"]["environment"] == "staging"
    assert jobs["production"]["environment"] == "production"
    assert "readiness-gate" in jobs["production"]["needs"]
    for stage in ("staging", "production"):
        deploy = next(step for step in jobs[stage]["steps"] if "kubectl apply" in str(step.get("run")))
        assert deploy["env"]["DIGEST"] == expression("needs.build.outputs.digest") and "@${DIGEST}" in deploy["run"]
    promote = jobs["production"]["steps"][-1]
    assert promote["env"]["VERSION"] == version and "--stage Production" in promote["run"]


def test_the_model_bundle_is_built_not_committed():
    assert "model/" in (REPO_ROOT / ".gitignore").read_text().splitlines()
    ignored = (REPO_ROOT / ".dockerignore").read_text().splitlines()
    assert "model" not in ignored and "model/" not in ignored
    assert "baked in" not in (REPO_ROOT / "Dockerfile").read_text()


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
