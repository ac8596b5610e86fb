from mlapp.evaluate import apply_gate, evaluate_run
from mlapp.registry import open_registry
from mlapp.train import train

THRESHOLDS = {"roc_auc": 0.75, "accuracy": 0.7}


def _failed(checks):
    return [c["check"] for c in checks if not c["passed"]]


def test_gate_passes_good_metrics_without_a_champion():
    checks = apply_gate({"roc_auc": 0.8, "accuracy": 0.75}, THRESHOLDS, "roc_auc", 0.0, None)
    assert _failed(checks) == []
    assert checks[-1]["detail"] == "no champion in Production yet"


def test_gate_fails_each_missed_threshold():
    checks = apply_gate({"roc_auc": 0.74, "accuracy": 0.9}, THRESHOLDS, "roc_auc", 0.0, None)
    assert _failed(checks) == ["threshold:roc_auc"]
    assert _failed(apply_gate({"roc_auc": 0.9}, THRESHOLDS, "roc_auc", 0.0, None)) == ["threshold:accuracy"]


def test_gate_compares_with_the_champion_within_the_allowed_regression():
    metrics = {"roc_auc": 0.80, "accuracy": 0.8}
    assert _failed(apply_gate(metrics, THRESHOLDS, "roc_auc", 0.02, {"roc_auc": 0.81})) == []
    assert _failed(apply_gate(metrics, THRESHOLDS, "roc_auc", 0.0, {"roc_auc": 0.81})) == ["champion"]


def test_candidate_worse_than_the_production_champion_fails(config, sample_path, degraded_path):
    strong = train(config, sample_path)
    registry = open_registry(config.registry_uri)
    version = registry.register(config.model_name, strong.run_id)
    registry.transition(config.model_name, version.version, "Production")
    weak = train(config, degraded_path)
    result = evaluate_run(config, weak.run_id, sample_path)
    assert not result.passed
    assert "champion" in _failed(result.checks)
    assert result.champion["version"] == 1
    assert result.champion["metrics"]["roc_auc"] > result.metrics["roc_auc"]
