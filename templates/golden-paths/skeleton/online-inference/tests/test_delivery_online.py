"""Online-specific delivery files: KServe canary, service alerts, API entity."""

import yaml

from test_delivery_common import assert_the_image_carries_the_model, alerts, load, load_all


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


def test_alert_rules_use_the_slo_from_config(raw_config):
    rules = alerts()
    assert {"ModelLatencyP99High", "ModelErrorBudgetBurn", "ModelFeatureDrift"} <= set(rules)
    slo = raw_config["metadata"]["slo"]
    assert f"> {slo['latency_p99_ms']} / 1000" in rules["ModelLatencyP99High"]["expr"]
    assert str(slo["availability_percent"]) in rules["ModelErrorBudgetBurn"]["expr"]


def test_server_and_api_entities_point_at_the_model():
    entities = {doc["kind"]: doc for doc in load_all("catalog-info.yaml")}
    model, server, api = entities["Resource"], entities["Component"], entities["API"]
    assert model["spec"]["mlops"]["servingPattern"] == "online"
    assert server["spec"]["type"] == "model-server"
    assert f"resource:default/{model['metadata']['name']}" in server["spec"]["dependsOn"]
    assert server["spec"]["providesApis"] == [f"api:default/{api['metadata']['name']}"]
    assert yaml.safe_load(api["spec"]["definition"])["paths"].keys() == {"/health", "/predict"}


def _claims(volumes):
    return {v["persistentVolumeClaim"]["claimName"] for v in volumes if "persistentVolumeClaim" in v}


def test_drift_job_reads_the_inputs_the_service_logs():
    service = load("deploy/base/inferenceservice.yaml")["spec"]["predictor"]
    container = service["containers"][0]
    log_dir = next(e["value"] for e in container["env"] if e["name"] == "INPUT_LOG_DIR")
    job = load("deploy/base/drift-cronjob.yaml")
    pod = job["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    command = pod["containers"][0]["command"]
    assert command[:4] == ["python", "-m", "mlapp", "drift"] and command[command.index("--data") + 1] == log_dir
    assert _claims(pod["volumes"]) == _claims(service["volumes"])
    assert "drift-cronjob.yaml" in load("deploy/base/kustomization.yaml")["resources"]


def test_the_service_image_carries_the_registered_model():
    assert_the_image_carries_the_model()
