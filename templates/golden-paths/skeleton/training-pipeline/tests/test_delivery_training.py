"""Training-specific delivery files: the CronWorkflow, pipeline alerts, pipeline entity."""

import yaml

from test_delivery_common import REPO_ROOT, assert_alerts_contain, load, model_and_component


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


def test_staleness_and_failure_alerts(raw_config):
    hours = raw_config["metadata"]["slo"]["max_model_age_hours"]
    assert_alerts_contain(
        {"TrainingPipelineStale": f"> {hours} * 3600", "TrainingPipelineFailed": "mlapp_training_last_run_ok"}
    )


def test_pipeline_entity_produces_the_model(raw_config):
    model, pipeline = model_and_component()
    ref = f"component:default/{pipeline['metadata']['name']}"
    assert model["spec"]["mlops"]["trainingPipeline"] == ref and ref in model["spec"]["dependsOn"]
    assert pipeline["spec"]["pipeline"]["produces"] == [f"resource:default/{model['metadata']['name']}"]
    assert pipeline["spec"]["type"] == "ml-pipeline"
    assert model["spec"]["mlops"]["slo"]["schedule"] == raw_config["metadata"]["slo"]["retrain_schedule"]
