"""Batch-specific delivery files: the CronJob, freshness alerts, pipeline entity."""

import yaml

from test_delivery_common import REPO_ROOT, load, load_all


def test_job_image_runs_the_scoring_entry_point():
    assert '"mlapp.score"' in (REPO_ROOT / "Dockerfile").read_text()


def test_cronjob_runs_on_the_slo_schedule(raw_config):
    cronjob = load("deploy/base/cronjob.yaml")
    assert cronjob["kind"] == "CronJob"
    assert cronjob["spec"]["schedule"] == raw_config["metadata"]["slo"]["schedule"]
    assert cronjob["spec"]["concurrencyPolicy"] == "Forbid"
    pod = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    production = load("deploy/overlays/production/kustomization.yaml")
    patch = yaml.safe_load(production["patches"][0]["patch"])
    fail_on_drift = {
        "op": "add",
        "path": "/spec/jobTemplate/spec/template/spec/containers/0/args/-",
        "value": "--fail-on-drift",
    }
    assert fail_on_drift in patch


def test_freshness_alert_uses_the_slo(raw_config):
    rules = load("monitoring/prometheus-rules.yaml")
    alerts = {r["alert"]: r for g in rules["spec"]["groups"] for r in g["rules"] if "alert" in r}
    hours = raw_config["metadata"]["slo"]["freshness_hours"]
    assert f"> {hours} * 3600" in alerts["BatchScoringJobLate"]["expr"]
    assert "mlapp_feature_psi" in alerts["ModelFeatureDrift"]["expr"]


def test_pipeline_entity_scores_with_the_model(raw_config):
    entities = {doc["kind"]: doc for doc in load_all("catalog-info.yaml")}
    model, pipeline = entities["Resource"], entities["Component"]
    assert model["spec"]["mlops"]["slo"]["schedule"] == raw_config["metadata"]["slo"]["schedule"]
    assert pipeline["spec"]["type"] == "ml-pipeline"
    assert f"resource:default/{model['metadata']['name']}" in pipeline["spec"]["pipeline"]["inputs"]
