"""The registry client against a server speaking MLflow's REST API (see mlflow_rest_double)."""

import pytest

from mlflow_rest_double import MlflowState, start
from mlapp.bundle import load_bundle, write_bundle
from mlapp.evaluate import evaluate_run
from mlapp.registry import MlflowRegistry, RegistryError, open_registry
from mlapp.train import train


@pytest.fixture
def server(monkeypatch):
    state = MlflowState()
    http = start(state)
    uri = f"http://127.0.0.1:{http.server_address[1]}"
    monkeypatch.setenv("MODEL_REGISTRY_URI", uri)
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", "t0ken")
    yield state, uri
    http.shutdown()


@pytest.fixture
def mlflow_config(server, config):
    from dataclasses import replace

    return replace(config, registry_uri=server[1])


def test_train_gate_register_promote_and_bundle_through_the_rest_api(server, mlflow_config, tmp_path):
    state, uri = server
    registry = open_registry(uri)
    assert isinstance(registry, MlflowRegistry)
    champion_run = train(mlflow_config).run_id
    version = registry.register(mlflow_config.model_name, champion_run)
    assert version.version == 1 and len(version.sha256) == 64
    registry.transition(mlflow_config.model_name, 1, "Production")
    assert registry.champion(mlflow_config.model_name).run_id == champion_run

    candidate = train(mlflow_config).run_id
    result = evaluate_run(mlflow_config, candidate)
    assert result.champion["version"] == 1 and result.passed
    registry.register(mlflow_config.model_name, candidate)
    registry.transition(mlflow_config.model_name, 2, "Production")
    assert [v.stage for v in registry.versions(mlflow_config.model_name)] == ["Archived", "Production"]

    info = write_bundle(registry, mlflow_config.model_name, 2, tmp_path / "model")
    assert info["run_id"] == candidate
    assert load_bundle(tmp_path / "model", mlflow_config.model_name).info["version"] == 2
    assert set(state.authorizations) == {"Bearer t0ken"}


def test_errors_name_the_server_and_the_problem(server, tmp_path):
    _, uri = server
    registry = open_registry(uri)
    with pytest.raises(RegistryError, match="unknown run: nope"):
        registry.run_tags("nope")
    with pytest.raises(RegistryError, match="is unreachable"):
        MlflowRegistry("http://127.0.0.1:9", timeout=2).versions("m")
