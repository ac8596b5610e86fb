"""Two CI runs from two fresh checkouts share one registry, as CI does.

The first run's model becomes the champion; the second checkout changes a
hyperparameter so its model is worse (still above every threshold). For a tier-1
model (no allowed regression) the gate must reject it, because the champion is
read from the shared registry, not from the fresh checkout.
"""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from mlapp.cli import main

REPO_ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".git", "reports", "model", "__pycache__", ".pytest_cache")


def fresh_checkout(tmp_path: Path, name: str, tier: int, regression: float, c: float = 1.0) -> Path:
    """A copy of the repository without any run state, configured like a rendered tier-`tier` model."""
    checkout = tmp_path / name
    shutil.copytree(REPO_ROOT, checkout, ignore=SKIP)
    config_path = checkout / "config.yaml"
    config = yaml.safe_load(config_path.read_text())
    config["metadata"]["risk_tier"] = tier
    config["gate"]["max_regression"] = regression
    config["model"]["hyperparameters"]["C"] = c
    config_path.write_text(yaml.safe_dump(config))
    return checkout


@pytest.fixture
def registry(tmp_path, monkeypatch):
    """The shared registry, configured the way CI configures it: MODEL_REGISTRY_URI."""
    shared = tmp_path / "shared-registry"
    monkeypatch.setenv("MODEL_REGISTRY_URI", str(shared))
    return shared


def mlapp(checkout: Path, *args: str) -> int:
    """One CI step, `python -m mlapp ...` with the checkout's config.yaml."""
    return main(["--config", str(checkout / "config.yaml"), *args])


def evaluation(checkout: Path) -> dict:
    return json.loads((checkout / "reports" / "evaluation.json").read_text())


def first_release(tmp_path: Path, capsys) -> None:
    first = fresh_checkout(tmp_path, "ci-run-1", tier=1, regression=0.0)
    assert mlapp(first, "train") == 0
    assert mlapp(first, "evaluate") == 0
    assert evaluation(first)["champion"] is None
    capsys.readouterr()
    assert mlapp(first, "register", "--stage", "Production") == 0
    assert json.loads(capsys.readouterr().out)["version"] == 1


def test_a_worse_tier_1_model_is_rejected_by_the_champion_of_an_earlier_ci_run(tmp_path, registry, capsys):
    first_release(tmp_path, capsys)

    second = fresh_checkout(tmp_path, "ci-run-2", tier=1, regression=0.0, c=0.001)
    assert mlapp(second, "train") == 0
    assert mlapp(second, "evaluate") == 1
    result = evaluation(second)
    failed = [check["check"] for check in result["checks"] if not check["passed"]]
    assert failed == ["champion"], result["checks"]
    assert result["champion"]["version"] == 1
    assert result["metrics"]["roc_auc"] < result["champion"]["metrics"]["roc_auc"]
    capsys.readouterr()
    assert mlapp(second, "register", "--stage", "Staging") == 1
    assert "has not passed the evaluation gate" in capsys.readouterr().err
    assert not any(path.name in ("mlruns", "registry") for path in second.rglob("*") if path.is_dir())


def test_the_same_change_passes_where_the_tier_allows_the_regression(tmp_path, registry, capsys):
    first_release(tmp_path, capsys)
    second = fresh_checkout(tmp_path, "ci-run-2", tier=3, regression=0.02, c=0.001)
    assert mlapp(second, "train") == 0
    assert mlapp(second, "evaluate") == 0
    assert evaluation(second)["champion"]["version"] == 1
