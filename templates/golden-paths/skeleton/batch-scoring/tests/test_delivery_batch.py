"""Batch-specific delivery files: the CronJob, freshness alerts, pipeline entity."""

import yaml

from test_delivery_common import assert_the_image_carries_the_model, assert_alerts_contain, load, model_and_component


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


def test_freshness_and_drift_alerts(raw_config):
    hours = raw_config["metadata"]["slo"]["freshness_hours"]
    assert_alerts_contain({"BatchScoringJobLate": f"> {hours} * 3600", "ModelFeatureDrift": "mlapp_feature_psi"})


def test_pipeline_entity_scores_with_the_model(raw_config):
    model, pipeline = model_and_component()
    assert pipeline["spec"]["type"] == "ml-pipeline"
    assert f"resource:default/{model['metadata']['name']}" in pipeline["spec"]["pipeline"]["inputs"]
    assert model["spec"]["mlops"]["slo"]["schedule"] == raw_config["metadata"]["slo"]["schedule"]


def test_the_job_image_carries_the_registered_model():
    assert_the_image_carries_the_model()
