import pickle

import pytest
import sklearn
import yaml

from mlapp.config import ConfigError, registry_uri
from mlapp.registry import (
    COMMIT_TAG,
    FileRegistry,
    MlflowRegistry,
    ModelCompatibilityError,
    RegistryError,
    open_registry,
    sha256_hex,
)


def _run(registry, auc, commit="abc123"):
    run_id = registry.create_run("r", {"C": 1.0}, {"roc_auc": auc}, {COMMIT_TAG: commit})
    registry.log_model(run_id, {"auc": auc})
    return run_id


def test_runs_use_the_mlflow_file_layout(tmp_path):
    registry = FileRegistry(tmp_path)
    run_id = _run(registry, 0.9)
    run = tmp_path / "0" / run_id
    assert (tmp_path / "0" / "meta.yaml").exists()
    assert (run / "metrics" / "roc_auc").read_text().split()[1] == "0.9"
    assert (run / "params" / "C").read_text().strip() == "1.0"
    mlmodel = yaml.safe_load((run / "artifacts" / "model" / "MLmodel").read_text())
    assert mlmodel["flavors"]["sklearn"]["pickled_model"] == "model.pkl"
    assert mlmodel["flavors"]["sklearn"]["sklearn_version"] == sklearn.__version__
    assert registry.run_metrics(run_id) == {"roc_auc": 0.9}
    assert registry.load_model(run_id) == {"auc": 0.9}


def test_versions_stages_champion_and_the_recorded_hash(tmp_path):
    registry = FileRegistry(tmp_path)
    first = registry.register("m", _run(registry, 0.8, "c1"))
    second = registry.register("m", _run(registry, 0.9, "c2"))
    assert (first.version, second.version, first.stage) == (1, 2, "None")
    model_file = tmp_path / "0" / second.run_id / "artifacts" / "model" / "model.pkl"
    assert second.sha256 == sha256_hex(model_file.read_bytes())
    assert registry.version_for_commit("m", "c1").version == 1
    assert registry.champion("m") is None
    assert registry.serving_version("m").version == 2
    registry.transition("m", 1, "Production")
    assert registry.serving_version("m").version == 1
    registry.transition("m", 2, "Production")
    assert registry.champion("m").version == 2
    assert registry.get_version("m", 1).stage == "Archived"
    meta = yaml.safe_load((tmp_path / "models" / "m" / "version-2" / "meta.yaml").read_text())
    assert meta["current_stage"] == "Production" and meta["status"] == "READY"


def test_unknown_runs_versions_stages_and_paths_are_errors(tmp_path):
    registry = FileRegistry(tmp_path)
    with pytest.raises(RegistryError, match="no registered version"):
        registry.serving_version("m")
    with pytest.raises(RegistryError, match="unknown run"):
        registry.register("m", "nope")
    run_id = _run(registry, 0.8)
    registry.register("m", run_id)
    with pytest.raises(RegistryError, match="no version 7"):
        registry.transition("m", 7, "Production")
    with pytest.raises(RegistryError, match="stage must be one of"):
        registry.transition("m", 1, "Prod")
    with pytest.raises(RegistryError, match="no version registered from commit zzz"):
        registry.version_for_commit("m", "zzz")
    with pytest.raises(RegistryError, match="leaves the run's artifact directory"):
        registry.read_artifact(run_id, "../../../models/m/meta.yaml")


def test_a_model_saved_with_another_scikit_learn_is_refused_at_load(tmp_path):
    registry = FileRegistry(tmp_path)
    run_id = _run(registry, 0.9)
    mlmodel_path = tmp_path / "0" / run_id / "artifacts" / "model" / "MLmodel"
    mlmodel = yaml.safe_load(mlmodel_path.read_text())
    mlmodel["flavors"]["sklearn"]["sklearn_version"] = "0.24.2"
    mlmodel_path.write_text(yaml.safe_dump(mlmodel))
    with pytest.raises(ModelCompatibilityError, match=f"saved with scikit-learn 0.24.2 but {sklearn.__version__}"):
        registry.load_model(run_id)


def test_open_registry_chooses_the_backend_by_uri(tmp_path):
    assert isinstance(open_registry(str(tmp_path)), FileRegistry)
    assert open_registry(f"file://{tmp_path}").root == tmp_path
    assert isinstance(open_registry("https://mlflow.example.com"), MlflowRegistry)
    with pytest.raises(RegistryError, match="use http"):
        open_registry("s3://bucket/registry")
    with pytest.raises(RegistryError, match="no model registry configured"):
        open_registry("")


def test_the_registry_is_configured_outside_the_checkout(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    outside = tmp_path / "shared-registry"
    raw = {"registry": {"uri": str(outside)}}
    assert registry_uri(raw, repo, env={}) == str(outside)
    assert registry_uri(raw, repo, env={"MODEL_REGISTRY_URI": "https://mlflow:5000"}) == "https://mlflow:5000"
    with pytest.raises(ConfigError, match="inside the repository"):
        registry_uri({"registry": {"uri": str(repo / "mlruns")}}, repo, env={})
    with pytest.raises(ConfigError, match="MODEL_REGISTRY_URI.*absolute path"):
        registry_uri(raw, repo, env={"MODEL_REGISTRY_URI": "mlruns"})
    with pytest.raises(ConfigError, match="no model registry configured"):
        registry_uri({}, repo, env={})
    with pytest.raises(ConfigError, match="paths.registry is no longer read"):
        registry_uri({**raw, "paths": {"registry": "mlruns"}}, repo, env={})


def test_pickled_models_round_trip_through_log_model(tmp_path):
    registry = FileRegistry(tmp_path)
    run_id = registry.create_run("r", {}, {}, {})
    digest = registry.log_model(run_id, [1, 2, 3])
    assert digest == sha256_hex(pickle.dumps([1, 2, 3]))
