import pytest
import yaml

from mlapp.registry import FileRegistry, RegistryError


def _run(registry, auc):
    return registry.create_run("r", {"C": 1.0}, {"roc_auc": auc}, {"t": "x"}, model={"auc": auc})


def test_runs_use_the_mlflow_file_layout(tmp_path):
    registry = FileRegistry(tmp_path)
    run_id = _run(registry, 0.9)
    run = tmp_path / "0" / run_id
    assert (tmp_path / "0" / "meta.yaml").exists()
    assert (run / "metrics" / "roc_auc").read_text().split()[1] == "0.9"
    assert (run / "params" / "C").read_text().strip() == "1.0"
    mlmodel = yaml.safe_load((run / "artifacts" / "model" / "MLmodel").read_text())
    assert mlmodel["flavors"]["sklearn"]["pickled_model"] == "model.pkl"
    assert registry.run_metrics(run_id) == {"roc_auc": 0.9}
    assert registry.load_model(run_id) == {"auc": 0.9}


def test_versions_stages_and_champion(tmp_path):
    registry = FileRegistry(tmp_path)
    first = registry.register("m", _run(registry, 0.8))
    second = registry.register("m", _run(registry, 0.9))
    assert (first.version, second.version, first.stage) == (1, 2, "None")
    assert registry.champion("m") is None
    assert registry.serving_version("m").version == 2
    registry.transition("m", 1, "Production")
    assert registry.serving_version("m").version == 1
    assert registry.champion("m").version == 1
    registry.transition("m", 2, "Production")
    assert registry.champion("m").version == 2
    assert registry.get_version("m", 1).stage == "Archived"
    meta = yaml.safe_load((tmp_path / "models" / "m" / "version-2" / "meta.yaml").read_text())
    assert meta["current_stage"] == "Production" and meta["status"] == "READY"


def test_unknown_runs_versions_and_stages_are_errors(tmp_path):
    registry = FileRegistry(tmp_path)
    with pytest.raises(RegistryError, match="no registered version"):
        registry.serving_version("m")
    with pytest.raises(RegistryError, match="unknown run"):
        registry.register("m", "nope")
    registry.register("m", _run(registry, 0.8))
    with pytest.raises(RegistryError, match="no version 7"):
        registry.transition("m", 7, "Production")
    with pytest.raises(RegistryError, match="stage must be one of"):
        registry.transition("m", 1, "Prod")
