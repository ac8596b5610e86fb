"""Shared fixtures: a config whose registry, reports and model card live in a temp dir."""

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from mlapp.config import parse_config
from mlapp.schema import load_schema

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def raw_config():
    """config.yaml as committed."""
    return yaml.safe_load((REPO_ROOT / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def no_registry_from_the_environment(monkeypatch):
    """Tests never touch a registry MODEL_REGISTRY_URI names (a developer's or CI's real one)."""
    monkeypatch.delenv("MODEL_REGISTRY_URI", raising=False)
    monkeypatch.delenv("MODEL_DIR", raising=False)


@pytest.fixture
def config(tmp_path, raw_config):
    """The repository's config with every written path redirected into tmp_path."""
    raw = copy.deepcopy(raw_config)
    card = tmp_path / "model-card.md"
    shutil.copy(REPO_ROOT / "docs" / "model-card.md", card)
    raw["registry"] = {"uri": str(tmp_path / "registry")}
    raw["paths"] = {"reports": str(tmp_path / "reports"), "model_card": str(card)}
    return parse_config(raw, REPO_ROOT)


@pytest.fixture
def config_args(config, tmp_path):
    """Command-line arguments pointing at a config.yaml equivalent to `config`."""
    raw = copy.deepcopy(config.raw)
    raw["data"] = {**raw["data"], "train": str(config.train_data), "schema": str(config.schema_path)}
    path = tmp_path / "cli" / "config-for-cli.yaml"  # its folder is the "repository"; the registry is outside
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return ["--config", str(path)]


@pytest.fixture(scope="session")
def schema():
    """data/schema.yaml."""
    return load_schema(REPO_ROOT / "data" / "schema.yaml")


@pytest.fixture(scope="session")
def sample_path():
    """The bundled training sample."""
    return REPO_ROOT / "data" / "sample" / "train.csv"


@pytest.fixture(scope="session")
def degraded_path():
    """The bundled sample with shuffled labels."""
    return REPO_ROOT / "data" / "sample" / "degraded.csv"
