"""The bundled sample is exactly what scripts/make_sample_data.py generates."""

import importlib.util
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("make_sample_data", REPO_ROOT / "scripts" / "make_sample_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_files_are_reproducible(tmp_path):
    _generator().write_samples(tmp_path)
    for name in ("train.csv", "degraded.csv", "score.csv"):
        assert (tmp_path / name).read_text() == (REPO_ROOT / "data" / "sample" / name).read_text(), name


def test_degraded_sample_keeps_features_and_label_balance_but_breaks_the_signal():
    train = pd.read_csv(REPO_ROOT / "data" / "sample" / "train.csv")
    degraded = pd.read_csv(REPO_ROOT / "data" / "sample" / "degraded.csv")
    assert train.drop(columns=["label"]).equals(degraded.drop(columns=["label"]))
    assert train["label"].sum() == degraded["label"].sum()
    assert (train["label"] != degraded["label"]).mean() > 0.3
