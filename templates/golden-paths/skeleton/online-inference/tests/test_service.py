"""The prediction service through FastAPI's test client."""

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from fastapi.testclient import TestClient

from mlapp.cli import main
from mlapp.registry import open_registry
from mlapp.service import InputLog, LoadedModel, create_app, write_openapi
from mlapp.train import train

REPO_ROOT = Path(__file__).resolve().parents[1]
RECORD = {"amount": 120.5, "tenure_months": 3, "num_transactions_30d": 40, "channel": "web", "region": "north"}


@pytest.fixture
def client(config):
    run = train(config)
    registry = open_registry(config.registry_uri)
    registry.register(config.model_name, run.run_id)
    model = LoadedModel.from_registry(config)
    with TestClient(create_app(config, model)) as test_client:
        yield test_client


def test_health_names_the_model(client, config):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": config.model_name, "version": "1"}


def test_predict_returns_a_score_per_instance(client):
    other = {**RECORD, "amount": 8.0, "tenure_months": 110, "channel": "store", "region": "south"}
    response = client.post("/predict", json={"instances": [RECORD, other]})
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "1"
    scores = [p["score"] for p in body["predictions"]]
    assert all(0 <= s <= 1 for s in scores)
    assert scores[0] > scores[1]  # the sample's risk factors push the first record up
    assert [p["label"] for p in body["predictions"]] == [int(s >= 0.5) for s in scores]


@pytest.mark.parametrize(
    "instance, field",
    [
        ({**RECORD, "amount": -1}, "amount"),
        ({**RECORD, "channel": "fax"}, "channel"),
        ({k: v for k, v in RECORD.items() if k != "region"}, "region"),
        ({**RECORD, "surprise": 1}, "surprise"),
    ],
)
def test_invalid_input_is_rejected_naming_the_field(client, instance, field):
    response = client.post("/predict", json={"instances": [instance]})
    assert response.status_code == 422
    assert field in str(response.json()["detail"])


def test_batch_size_is_bounded(client):
    assert client.post("/predict", json={"instances": []}).status_code == 422
    assert client.post("/predict", json={"instances": [RECORD] * 101}).status_code == 422


def test_logged_inputs_feed_the_drift_job(config, config_args, client, schema, tmp_path):
    log_dir = tmp_path / "inputs"
    model = LoadedModel.from_registry(config)
    with TestClient(create_app(config, model, InputLog(log_dir, schema.feature_names))) as logging_client:
        shifted = {**RECORD, "amount": 5000.0}
        for _ in range(3):
            assert logging_client.post("/predict", json={"instances": [shifted] * 20}).status_code == 200
        assert logging_client.post("/predict", json={"instances": [{**RECORD, "amount": -1}]}).status_code == 422
    logged = pd.read_csv(next(log_dir.glob("inputs-*.csv")))
    assert len(logged) == 60 and list(logged.columns) == schema.feature_names + ["logged_at"]
    assert main(config_args + ["drift", "--data", str(log_dir)]) == 0
    report = json.loads((config.reports_path / "drift.json").read_text())
    assert "amount" in report["drifted_features"] and report["current_rows"] == 60


def test_metrics_count_requests_and_predictions(client):
    client.post("/predict", json={"instances": [RECORD]})
    client.post("/predict", json={"instances": [{**RECORD, "amount": -1}]})
    text = client.get("/metrics").text
    assert 'mlapp_http_requests_total{code="200",route="/predict"} 1.0' in text
    assert 'mlapp_http_requests_total{code="422",route="/predict"} 1.0' in text
    assert "mlapp_http_request_duration_seconds_bucket" in text
    assert "mlapp_prediction_score_count 1.0" in text
    assert 'mlapp_model_info{model="' in text


def _api_definition(path):
    api = next(doc for doc in yaml.safe_load_all(path.read_text()) if doc and doc["kind"] == "API")
    return yaml.safe_load(api["spec"]["definition"])


def test_catalog_api_definition_matches_the_app(client):
    committed = _api_definition(REPO_ROOT / "catalog-info.yaml")
    live = client.app.openapi()
    assert committed["paths"].keys() == live["paths"].keys()
    for path, operations in live["paths"].items():
        assert committed["paths"][path].keys() == operations.keys()
    schemas = committed["components"]["schemas"]
    assert schemas["Features"]["properties"].keys() == live["components"]["schemas"]["Features"]["properties"].keys()


def test_write_openapi_replaces_only_the_definition(client, tmp_path):
    copy = tmp_path / "catalog-info.yaml"
    original = (REPO_ROOT / "catalog-info.yaml").read_text()
    copy.write_text(original.replace("  definition: |\n", "  definition: |\n    stale: true\n", 1))
    write_openapi(client.app, copy)
    rewritten = copy.read_text()
    head = original[: original.rindex("  definition: |")]
    assert rewritten.startswith(head) and "stale: true" not in rewritten
    assert _api_definition(copy) == client.app.openapi()
    entities = [doc for doc in yaml.safe_load_all(rewritten) if doc]
    assert [doc["kind"] for doc in entities] == ["Resource", "Component", "API"]


def test_service_fields_match_the_data_contract(schema):
    from mlapp.service import Features

    fields = Features.model_fields if hasattr(Features, "model_fields") else Features.__fields__
    assert list(fields) == schema.feature_names
