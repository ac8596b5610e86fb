"""A tiny end-to-end run on the bundled sample, through the command line."""

import json

import yaml

from mlapp.cli import main
from mlapp.registry import FileRegistry


def _write_config(config, tmp_path):
    raw = dict(config.raw)
    raw["paths"] = {
        "registry": str(config.registry_path),
        "reports": str(config.reports_path),
        "model_card": str(config.model_card_path),
    }
    raw["data"] = {**raw["data"], "train": str(config.train_data), "schema": str(config.schema_path)}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw))
    return ["--config", str(path)]


def test_validate_train_evaluate_register_and_document(config, tmp_path):
    args = _write_config(config, tmp_path)
    assert main(args + ["validate"]) == 0
    assert main(args + ["train"]) == 0
    assert main(args + ["evaluate"]) == 0
    evaluation = json.loads((config.reports_path / "evaluation.json").read_text())
    assert evaluation["passed"] and evaluation["metrics"]["roc_auc"] >= 0.75
    assert main(args + ["register", "--stage", "Production"]) == 0
    champion = FileRegistry(config.registry_path).champion(config.model_name)
    assert champion.version == 1 and champion.run_id == evaluation["run_id"]
    assert main(args + ["model-card", "--version", "1"]) == 0
    assert evaluation["run_id"] in config.model_card_path.read_text()
    assert (config.reports_path / "data-quality.json").exists()


def test_gate_fails_on_the_degraded_sample_and_blocks_registration(config, tmp_path, degraded_path):
    args = _write_config(config, tmp_path)
    assert main(args + ["train", "--data", str(degraded_path)]) == 0
    assert main(args + ["evaluate"]) == 1
    assert main(args + ["register"]) == 1
    assert FileRegistry(config.registry_path).versions(config.model_name) == []
    assert main(args + ["evaluate", "--report-only"]) == 0


def test_invalid_data_stops_training(config, tmp_path, sample_path):
    broken = tmp_path / "broken.csv"
    broken.write_text(sample_path.read_text().replace(",web,", ",fax,", 3))
    args = _write_config(config, tmp_path)
    assert main(args + ["train", "--data", str(broken)]) == 1
    report = json.loads((config.reports_path / "data-quality-train.json").read_text())
    assert not report["passed"]
