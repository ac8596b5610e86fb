"""The model bundle: one registered version, sha256- and version-checked."""

import json

import numpy
import pytest
import scipy
import sklearn
import yaml

from mlapp.bundle import BundleError, load_bundle, write_bundle
from mlapp.cli import main
from mlapp.registry import ModelCompatibilityError, open_registry
from mlapp.train import train


@pytest.fixture
def registered(config):
    registry = open_registry(config.registry_uri)
    first = registry.register(config.model_name, train(config).run_id)
    second = registry.register(config.model_name, train(config).run_id)
    return registry, first, second


def test_exports_exactly_the_requested_version_with_its_pins(config, registered, tmp_path):
    registry, first, _ = registered
    info = write_bundle(registry, config.model_name, 1, tmp_path / "model")
    assert info["version"] == 1 and info["run_id"] == first.run_id and info["sha256"] == first.sha256
    pins = (tmp_path / "model" / "constraints.txt").read_text().splitlines()
    saved_with = {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__}
    assert pins[1:] == [f"{name}=={version}" for name, version in saved_with.items()]
    bundle = load_bundle(tmp_path / "model", config.model_name)
    assert bundle.info == json.loads((tmp_path / "model" / "bundle.json").read_text())
    assert hasattr(bundle.model, "predict_proba") and bundle.reference_path.is_file()


def test_a_registry_file_changed_after_registration_is_not_shipped(config, registered, tmp_path):
    registry, first, _ = registered
    model_file = registry.root / "0" / first.run_id / "artifacts" / "model" / "model.pkl"
    model_file.write_bytes(model_file.read_bytes() + b"tampered")
    with pytest.raises(BundleError, match="refusing to ship it"):
        write_bundle(registry, config.model_name, 1, tmp_path / "model")


def test_a_bundle_changed_after_export_or_for_another_model_does_not_load(config, registered, tmp_path):
    registry, _, _ = registered
    write_bundle(registry, config.model_name, 2, tmp_path / "model")
    with pytest.raises(BundleError, match="expected 'another-model'"):
        load_bundle(tmp_path / "model", "another-model")
    (tmp_path / "model" / "model.pkl").write_bytes(b"not the registered model")
    with pytest.raises(BundleError, match="sha256 does not match"):
        load_bundle(tmp_path / "model", config.model_name)
    with pytest.raises(BundleError, match="no model bundle at"):
        load_bundle(tmp_path / "nothing", config.model_name)


def test_a_bundle_saved_with_another_scikit_learn_is_refused_with_the_pin_to_install(config, registered, tmp_path):
    registry, _, _ = registered
    write_bundle(registry, config.model_name, 1, tmp_path / "model")
    mlmodel_path = tmp_path / "model" / "MLmodel"
    mlmodel = yaml.safe_load(mlmodel_path.read_text())
    mlmodel["flavors"]["sklearn"]["sklearn_version"] = "1.0.2"
    mlmodel_path.write_text(yaml.safe_dump(mlmodel))
    with pytest.raises(ModelCompatibilityError, match="install scikit-learn==1.0.2"):
        load_bundle(tmp_path / "model", config.model_name)


def test_cli_bundles_by_version_by_commit_or_a_gated_candidate(config, config_args, registered, tmp_path, capsys):
    registry, first, second = registered
    out = tmp_path / "cli-model"
    assert main(config_args + ["bundle", "--version", "1", "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == 1
    commit = registry.run_tags(second.run_id)["mlapp.git_commit"]
    assert main(config_args + ["version-for-commit", "--commit", commit]) == 0
    assert capsys.readouterr().out.strip() == "2"
    candidate = train(config)
    assert main(config_args + ["bundle", "--run-id", candidate.run_id, "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == f"run-{candidate.run_id[:8]}"
    assert main(config_args + ["bundle", "--version", "9", "--out", str(out)]) == 1
    assert "has no version 9" in capsys.readouterr().err
