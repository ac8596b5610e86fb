"""The continuous-training pipeline end to end on the bundled sample."""

import json

import pandas as pd

from mlapp.pipeline import main, outcome_metrics, run_pipeline
from mlapp.registry import open_registry
from test_pushgateway import FakeGateway


def test_first_run_registers_a_staging_candidate_and_documents_it(config):
    outcome = run_pipeline(config)
    assert outcome.status == "registered" and outcome.ok
    assert (outcome.version, outcome.stage) == (1, "Staging")
    assert outcome.metrics["roc_auc"] >= config.gate.thresholds["roc_auc"]
    assert outcome.run_id in config.model_card_path.read_text()
    assert open_registry(config.registry_uri).champion(config.model_name) is None
    card = config.model_card_path.read_text()
    second = run_pipeline(config, model_card=False)
    assert second.version == 2 and config.model_card_path.read_text() == card


def test_degraded_data_fails_the_gate_and_registers_nothing(config, degraded_path):
    registry = open_registry(config.registry_uri)
    champion = run_pipeline(config, stage="Production")
    outcome = run_pipeline(config, degraded_path)
    assert outcome.status == "gate-failed" and not outcome.ok
    assert "threshold:roc_auc" in outcome.failed_checks
    assert [v.version for v in registry.versions(config.model_name)] == [champion.version]
    assert registry.champion(config.model_name).run_id == champion.run_id


def test_invalid_data_is_reported_not_trained(config, sample_path, tmp_path):
    broken = pd.read_csv(sample_path)
    broken.loc[3, "label"] = 7
    path = tmp_path / "broken.csv"
    broken.to_csv(path, index=False)
    outcome = run_pipeline(config, path)
    assert outcome.status == "invalid-data" and outcome.failed_checks == ["label:allowed"]


def test_drift_trigger_skips_stable_data_and_retrains_on_shift(config, sample_path, tmp_path):
    run_pipeline(config, stage="Production")
    skipped = run_pipeline(config, sample_path, only_if_drifted=True)
    assert skipped.status == "skipped-no-drift" and skipped.ok
    shifted = pd.read_csv(sample_path)
    shifted["tenure_months"] = (shifted["tenure_months"] * 3).clip(upper=600)
    path = tmp_path / "shifted.csv"
    shifted.to_csv(path, index=False)
    retrained = run_pipeline(config, path, only_if_drifted=True)
    assert "tenure_months" in retrained.drifted_features
    assert retrained.status in ("registered", "gate-failed")
    assert json.loads((config.reports_path / "drift.json").read_text())["drift_detected"] is True


def test_command_line_exit_codes_summary_and_pushed_metrics(config, config_args, degraded_path, monkeypatch):
    with FakeGateway() as gateway:
        monkeypatch.setenv("PUSHGATEWAY_URL", gateway.url)
        assert main(config_args) == 0
    path, _, body = gateway.received[0]
    assert path == f"/metrics/job/{config.model_name}-training"
    assert f'mlapp_training_last_run_ok{{model="{config.model_name}",status="registered"}} 1' in body
    monkeypatch.delenv("PUSHGATEWAY_URL")
    assert main(config_args + ["--data", str(degraded_path)]) == 1
    summary = json.loads((config.reports_path / "pipeline.json").read_text())
    assert summary["status"] == "gate-failed"
    assert "mlapp_training_last_success_timestamp_seconds" not in (config.reports_path / "pipeline.prom").read_text()


def test_metrics_text_lists_candidate_metrics():
    from mlapp.pipeline import PipelineOutcome

    text = outcome_metrics("m", PipelineOutcome(status="registered", metrics={"f1": 0.7, "roc_auc": 0.9}), 1700000000)
    assert 'mlapp_training_candidate_metric{model="m",metric="roc_auc"} 0.9' in text
    assert 'mlapp_training_last_success_timestamp_seconds{model="m"} 1700000000' in text
