"""The batch scoring job end to end on the bundled sample."""

import json

import pandas as pd
import pytest

from mlapp.data import DataQualityError
from mlapp.registry import RegistryError, open_registry
from mlapp.score import main, score, scoring_paths
from mlapp.train import train
from test_pushgateway import FakeGateway


@pytest.fixture
def registered(config):
    run = train(config)
    open_registry(config.registry_uri).register(config.model_name, run.run_id)
    return run


def test_scores_every_row_and_reports_drift(config, registered, tmp_path):
    paths = scoring_paths(config)
    result = score(config, paths["input"], tmp_path / "out" / "predictions.csv")
    predictions = pd.read_csv(result.output)
    source = pd.read_csv(paths["input"])
    assert result.rows == len(source) == len(predictions)
    assert list(predictions.columns) == ["record_id", "score", "label", "model_version"]
    assert predictions["record_id"].tolist() == source["record_id"].tolist()
    assert predictions["score"].between(0, 1).all()
    assert (predictions["label"] == (predictions["score"] >= 0.5).astype(int)).all()
    assert set(predictions["model_version"].astype(str)) == {"1"}
    drift = json.loads((config.reports_path / "drift.json").read_text())
    assert drift["drift_detected"] is False and drift["current_rows"] == len(source)
    assert {f["feature"] for f in drift["features"]} == {
        "amount", "tenure_months", "num_transactions_30d", "channel", "region"
    }
    prom = (config.reports_path / "scoring.prom").read_text()
    assert f'mlapp_batch_rows_scored{{model="{config.model_name}"}} {len(source)}' in prom


def test_shifted_inputs_are_flagged_and_can_fail_the_job(config, config_args, registered, tmp_path):
    shifted = pd.read_csv(scoring_paths(config)["input"])
    shifted["amount"] = shifted["amount"] * 4
    shifted["channel"] = "store"
    path = tmp_path / "shifted.csv"
    shifted.to_csv(path, index=False)
    result = score(config, path, tmp_path / "p.csv")
    assert set(result.drift["drifted_features"]) == {"amount", "channel"}
    args = ["--input", str(path), "--output", str(tmp_path / "p.csv")]
    assert main(config_args + args) == 0
    assert main(config_args + args + ["--fail-on-drift"]) == 2


def test_invalid_input_is_refused_with_a_report(config, registered, tmp_path):
    broken = pd.read_csv(scoring_paths(config)["input"])
    broken.loc[0, "region"] = "atlantis"
    path = tmp_path / "broken.csv"
    broken.to_csv(path, index=False)
    with pytest.raises(DataQualityError, match="region:allowed"):
        score(config, path, tmp_path / "p.csv")
    report = json.loads((config.reports_path / "data-quality-scoring.json").read_text())
    assert report["passed"] is False


def test_metrics_are_pushed_to_the_gateway(config, registered, tmp_path, monkeypatch):
    with FakeGateway() as gateway:
        monkeypatch.setenv("PUSHGATEWAY_URL", gateway.url)
        score(config, scoring_paths(config)["input"], tmp_path / "p.csv")
    path, _, body = gateway.received[0]
    assert path == f"/metrics/job/{config.model_name}-scoring"
    assert "mlapp_batch_last_success_timestamp_seconds" in body and "mlapp_feature_psi" in body


def test_no_registered_model_is_an_error(config, tmp_path):
    with pytest.raises(RegistryError, match="no registered version"):
        score(config, scoring_paths(config)["input"], tmp_path / "p.csv")
