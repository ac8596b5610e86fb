"""A tiny end-to-end run on the bundled sample, through the command line."""

import json

from mlapp.cli import main
from mlapp.registry import open_registry


def test_validate_train_evaluate_register_and_document(config, config_args):
    assert main(config_args + ["validate"]) == 0
    assert main(config_args + ["train"]) == 0
    assert main(config_args + ["evaluate"]) == 0
    evaluation = json.loads((config.reports_path / "evaluation.json").read_text())
    assert evaluation["passed"] and evaluation["metrics"]["roc_auc"] >= 0.75
    assert main(config_args + ["register", "--stage", "Production"]) == 0
    champion = open_registry(config.registry_uri).champion(config.model_name)
    assert champion.version == 1 and champion.run_id == evaluation["run_id"]
    assert main(config_args + ["model-card", "--version", "1"]) == 0
    assert evaluation["run_id"] in config.model_card_path.read_text()
    assert (config.reports_path / "data-quality.json").exists()


def test_gate_fails_on_the_degraded_sample_and_blocks_registration(config, config_args, degraded_path):
    assert main(config_args + ["train", "--data", str(degraded_path)]) == 0
    assert main(config_args + ["evaluate"]) == 1
    assert main(config_args + ["register"]) == 1
    assert open_registry(config.registry_uri).versions(config.model_name) == []
    assert main(config_args + ["evaluate", "--report-only"]) == 0


def test_invalid_data_stops_training(config, config_args, tmp_path, sample_path):
    broken = tmp_path / "broken.csv"
    broken.write_text(sample_path.read_text().replace(",web,", ",fax,", 3))
    assert main(config_args + ["train", "--data", str(broken)]) == 1
    report = json.loads((config.reports_path / "data-quality-train.json").read_text())
    assert not report["passed"]
