"""Loads `config.yaml`, the single place where the repository's settings live.

Relative paths in the file are resolved against the directory that holds it,
so commands behave the same from any working directory. The model registry is
the exception: it lives outside the checkout (`MODEL_REGISTRY_URI`, else
`registry.uri`), so every fresh CI checkout sees the same champion.
"""

import os
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "config.yaml"


class ConfigError(ValueError):
    """Raised when config.yaml is missing a required setting or has a bad one."""


@dataclass(frozen=True)
class GateConfig:
    """Thresholds of the evaluation gate."""

    thresholds: Dict[str, float]
    primary_metric: str
    max_regression: float
    enforce: bool


@dataclass(frozen=True)
class DriftConfig:
    """Limits and window of the drift job.

    A feature alerts only when its shift is both large (PSI, the effect size,
    >= psi_alert) and unlikely to be chance (test p-value < ks_pvalue): with a
    million rows every trivial shift is significant, with sixty rows PSI is noise.
    The current data is a window (the last `window_days` days and/or the last
    `window_rows` rows) read in chunks of `chunk_rows` into a uniform sample of
    at most `sample_rows` rows, so memory does not grow with the logs.
    """

    psi_warn: float
    psi_alert: float
    ks_pvalue: float
    bins: int
    window_days: Optional[float] = None
    window_rows: Optional[int] = None
    sample_rows: int = 50000
    chunk_rows: int = 50000
    timestamp_column: str = "logged_at"


@dataclass(frozen=True)
class Config:
    """Typed view of config.yaml."""

    root: Path
    model_name: str
    task: str
    train_data: Path
    schema_path: Path
    registry_uri: str
    reports_path: Path
    model_card_path: Path
    test_size: float
    random_state: int
    hyperparameters: Dict[str, Any]
    gate: GateConfig
    drift: DriftConfig
    metadata: Dict[str, Any] = field(default_factory=dict)
    raw: Dict[str, Any] = field(default_factory=dict)

    def resolve(self, path: str) -> Path:
        """Resolves a path given on the command line or in config against the repo root."""
        candidate = Path(path)
        return candidate if candidate.is_absolute() else self.root / candidate


def _require(section: Dict[str, Any], key: str, where: str) -> Any:
    if key not in section or section[key] is None:
        raise ConfigError(f"config.yaml: missing setting {where}.{key}")
    return section[key]


def _number(value: Any, where: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"config.yaml: {where} must be a number, got {value!r}") from error


def _optional_positive(section: Dict[str, Any], key: str, kind) -> Any:
    value = section.get(key)
    if value is None:
        return None
    number = _number(value, f"drift.{key}")
    if number <= 0 or (kind is int and number != int(number)):
        kind_name = "whole number" if kind is int else "number"
        raise ConfigError(f"config.yaml: drift.{key} must be a positive {kind_name}, got {value!r}")
    return kind(number)


def registry_uri(raw: Dict[str, Any], root: Path, env: Optional[Dict[str, str]] = None) -> str:
    """MODEL_REGISTRY_URI, else registry.uri; a file registry must lie outside the repository."""
    env = os.environ if env is None else env
    uri = env.get("MODEL_REGISTRY_URI") or str(((raw.get("registry") or {}).get("uri")) or "")
    where = "MODEL_REGISTRY_URI" if env.get("MODEL_REGISTRY_URI") else "config.yaml: registry.uri"
    if not uri:
        raise ConfigError("no model registry configured: set MODEL_REGISTRY_URI or registry.uri in config.yaml")
    if "paths" in raw and "registry" in (raw.get("paths") or {}):
        raise ConfigError("config.yaml: paths.registry is no longer read; set registry.uri (outside the checkout)")
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme in ("http", "https"):
        return uri
    if parsed.scheme == "file":
        directory = Path(urllib.parse.unquote(parsed.path))
    elif parsed.scheme and len(parsed.scheme) > 1:
        raise ConfigError(f"{where}: {uri!r} must be http(s):// (an MLflow server), file:// or a directory path")
    else:
        directory = Path(uri).expanduser()
    if not directory.is_absolute():
        raise ConfigError(f"{where}: {uri!r} must be an absolute path outside the repository")
    inside = root.resolve()
    if directory.resolve() == inside or inside in directory.resolve().parents:
        raise ConfigError(
            f"{where}: {uri} is inside the repository; a fresh CI checkout would never see the champion, "
            "so put the registry outside the checkout (or use an MLflow server)"
        )
    return str(directory)


def parse_config(raw: Dict[str, Any], root: Path) -> Config:
    """Validates a parsed config.yaml document and returns the typed config."""
    if not isinstance(raw, dict):
        raise ConfigError("config.yaml: expected a mapping at the top level")
    model = _require(raw, "model", "")
    data = _require(raw, "data", "")
    gate = _require(raw, "gate", "")
    drift = raw.get("drift") or {}
    paths = raw.get("paths") or {}
    thresholds = {
        str(name): _number(value, f"gate.thresholds.{name}")
        for name, value in (_require(gate, "thresholds", "gate") or {}).items()
    }
    primary = str(gate.get("primary_metric", "roc_auc"))
    test_size = _number(data.get("test_size", 0.25), "data.test_size")
    if not 0.05 <= test_size <= 0.5:
        raise ConfigError("config.yaml: data.test_size must be between 0.05 and 0.5")

    def path(value: str) -> Path:
        candidate = Path(value)
        return candidate if candidate.is_absolute() else root / candidate

    return Config(
        root=root,
        model_name=str(_require(model, "name", "model")),
        task=str(model.get("task", "binary-classification")),
        train_data=path(_require(data, "train", "data")),
        schema_path=path(_require(data, "schema", "data")),
        registry_uri=registry_uri(raw, root),
        reports_path=path(paths.get("reports", "reports")),
        model_card_path=path(paths.get("model_card", "docs/model-card.md")),
        test_size=test_size,
        random_state=int(data.get("random_state", 42)),
        hyperparameters=dict(model.get("hyperparameters") or {}),
        gate=GateConfig(
            thresholds=thresholds,
            primary_metric=primary,
            max_regression=_number(gate.get("max_regression", 0.0), "gate.max_regression"),
            enforce=bool(gate.get("enforce", True)),
        ),
        drift=DriftConfig(
            psi_warn=_number(drift.get("psi_warn", 0.1), "drift.psi_warn"),
            psi_alert=_number(drift.get("psi_alert", 0.25), "drift.psi_alert"),
            ks_pvalue=_number(drift.get("ks_pvalue", 0.01), "drift.ks_pvalue"),
            bins=int(drift.get("bins", 10)),
            window_days=_optional_positive(drift, "window_days", float),
            window_rows=_optional_positive(drift, "window_rows", int),
            sample_rows=_optional_positive(drift, "sample_rows", int) or 50000,
            chunk_rows=_optional_positive(drift, "chunk_rows", int) or 50000,
            timestamp_column=str(drift.get("timestamp_column", "logged_at")),
        ),
        metadata=dict(raw.get("metadata") or {}),
        raw=raw,
    )


def load_config(path: Optional[Path] = None) -> Config:
    """Reads and validates config.yaml (default: the one at the repository root)."""
    config_path = Path(path) if path else DEFAULT_CONFIG
    if not config_path.is_file():
        raise ConfigError(f"config file not found: {config_path}")
    with config_path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return parse_config(raw, config_path.resolve().parent)
