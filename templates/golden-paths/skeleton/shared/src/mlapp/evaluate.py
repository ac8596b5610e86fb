"""Evaluation and the evaluation gate.

The gate passes a candidate only when every configured metric meets its
threshold AND the candidate is not worse than the current champion (the
Production version in the registry) by more than `gate.max_regression` on
the primary metric, both measured on the same evaluation data.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

from .config import Config
from .data import load_validated, split_xy
from .registry import open_registry
from .schema import load_schema

EVALUATION_FILE = "evaluation.json"


def compute_metrics(model: Any, x: pd.DataFrame, y: pd.Series) -> Dict[str, float]:
    """ROC AUC, accuracy, precision, recall and F1 of a binary classifier."""
    scores = model.predict_proba(x)[:, 1]
    predicted = (scores >= 0.5).astype(int)
    return {
        "roc_auc": round(float(roc_auc_score(y, scores)), 4),
        "accuracy": round(float(accuracy_score(y, predicted)), 4),
        "precision": round(float(precision_score(y, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(y, predicted, zero_division=0)), 4),
        "f1": round(float(f1_score(y, predicted, zero_division=0)), 4),
    }


@dataclass
class GateResult:
    """Outcome of the evaluation gate for one candidate run."""

    run_id: str
    metrics: Dict[str, float]
    checks: List[Dict[str, Any]] = field(default_factory=list)
    champion: Optional[Dict[str, Any]] = None
    evaluation_data: str = ""

    @property
    def passed(self) -> bool:
        """True when every check passed."""
        return all(check["passed"] for check in self.checks)

    def to_dict(self) -> Dict[str, Any]:
        """JSON-serialisable form."""
        return {
            "run_id": self.run_id,
            "passed": self.passed,
            "metrics": self.metrics,
            "checks": self.checks,
            "champion": self.champion,
            "evaluation_data": self.evaluation_data,
        }


def apply_gate(
    metrics: Dict[str, float],
    thresholds: Dict[str, float],
    primary_metric: str,
    max_regression: float,
    champion_metrics: Optional[Dict[str, float]],
) -> List[Dict[str, Any]]:
    """The gate's checks: each threshold, then the comparison with the champion."""
    checks = []
    for name, minimum in sorted(thresholds.items()):
        value = metrics.get(name)
        checks.append(
            {
                "check": f"threshold:{name}",
                "passed": value is not None and value >= minimum,
                "detail": f"{name}={value} (minimum {minimum})",
            }
        )
    if champion_metrics is None:
        checks.append({"check": "champion", "passed": True, "detail": "no champion in Production yet"})
    else:
        candidate = metrics[primary_metric]
        reference = champion_metrics[primary_metric]
        checks.append(
            {
                "check": "champion",
                "passed": candidate >= reference - max_regression,
                "detail": (
                    f"{primary_metric}: candidate {candidate} vs champion {reference} "
                    f"(allowed regression {max_regression})"
                ),
            }
        )
    return checks


def evaluate_run(config: Config, run_id: str, data_path: Optional[Path] = None) -> GateResult:
    """Evaluates a run (and the champion) on `data_path` or the run's held-out split."""
    registry = open_registry(config.registry_uri)
    schema = load_schema(config.schema_path)
    if data_path:
        frame = load_validated(Path(data_path), schema, config.reports_path, stem="data-quality-evaluation")
        source = str(data_path)
    else:
        frame = registry.read_csv_artifact(run_id, "holdout.csv")
        source = f"holdout of run {run_id}"
    x, y = split_xy(frame, schema)
    metrics = compute_metrics(registry.load_model(run_id), x, y)
    champion = registry.champion(config.model_name)
    champion_info = None
    champion_metrics = None
    if champion is not None and champion.run_id != run_id:
        champion_metrics = compute_metrics(registry.load_model(champion.run_id), x, y)
        champion_info = {"version": champion.version, "run_id": champion.run_id, "metrics": champion_metrics}
    checks = apply_gate(
        metrics,
        config.gate.thresholds,
        config.gate.primary_metric,
        config.gate.max_regression,
        champion_metrics,
    )
    return GateResult(run_id=run_id, metrics=metrics, checks=checks, champion=champion_info, evaluation_data=source)


def write_result(config: Config, result: GateResult) -> Path:
    """Writes reports/evaluation.json."""
    config.reports_path.mkdir(parents=True, exist_ok=True)
    path = config.reports_path / EVALUATION_FILE
    path.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
    return path


def read_result(config: Config) -> Dict[str, Any]:
    """Reads reports/evaluation.json written by the last evaluation."""
    path = config.reports_path / EVALUATION_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `make evaluate` first")
    return json.loads(path.read_text(encoding="utf-8"))
