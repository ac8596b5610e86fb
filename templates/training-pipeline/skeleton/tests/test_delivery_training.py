"""Training-specific delivery files: the CronWorkflow, pipeline alerts, pipeline entity."""

import yaml

from test_delivery_common import REPO_ROOT, load, load_all


def test_job_image_runs_the_pipeline_entry_point():
    assert '"mlapp.pipeline"' in (REPO_ROOT / "Dockerfile").read_text()


def test_cron_workflow_validates_then_runs_the_gated_pipeline(raw_config):
    workflow = load("deploy/base/cronworkflow.yaml")
    assert workflow["kind"] == "CronWorkflow"
    assert workflow["spec"]["schedule"] == raw_config["metadata"]["slo"]["retrain_schedule"]
    spec = workflow["spec"]["workflowSpec"]
    assert spec["securityContext"]["runAsNonRoot"] is True
    dag = next(t for t in spec["templates"] if t["name"] == spec["entrypoint"])["dag"]["tasks"]
    commands = {task["name"]: task["arguments"]["parameters"][0]["value"] for task in dag}
    assert commands["validate-data"].startswith("python -m mlapp validate")
    assert commands["train-gate-register"].startswith("python -m mlapp.pipeline")
    assert next(t for t in dag if t["name"] == "train-gate-register")["depends"] == "validate-data"
    staging = load("deploy/overlays/staging/kustomization.yaml")
    patch = yaml.safe_load(staging["patches"][0]["patch"])
    assert (REPO_ROOT / patch[0]["value"].replace("/app/", "", 1)).is_file()


def test_staleness_alert_uses_the_slo(raw_config):
    rules = load("monitoring/prometheus-rules.yaml")
    alerts = {r["alert"]: r for g in rules["spec"]["groups"] for r in g["rules"] if "alert" in r}
    hours = raw_config["metadata"]["slo"]["max_model_age_hours"]
    assert f"> {hours} * 3600" in alerts["TrainingPipelineStale"]["expr"]
    assert "mlapp_training_last_run_ok" in alerts["TrainingPipelineFailed"]["expr"]


def test_pipeline_entity_produces_the_model(raw_config):
    entities = {doc["kind"]: doc for doc in load_all("catalog-info.yaml")}
    model, pipeline = entities["Resource"], entities["Component"]
    ref = f"component:default/{pipeline['metadata']['name']}"
    assert model["spec"]["mlops"]["trainingPipeline"] == ref and ref in model["spec"]["dependsOn"]
    assert model["spec"]["mlops"]["slo"]["schedule"] == raw_config["metadata"]["slo"]["retrain_schedule"]
    assert pipeline["spec"]["type"] == "ml-pipeline"
    assert pipeline["spec"]["pipeline"]["produces"] == [f"resource:default/{model['metadata']['name']}"]
