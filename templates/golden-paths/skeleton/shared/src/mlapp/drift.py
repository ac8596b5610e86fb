"""Drift between the training reference and current data.

Per feature: the Population Stability Index (PSI, the effect size) over
reference-quantile bins (numeric) or categories (categorical), and a test of
"same distribution": two-sample Kolmogorov-Smirnov (numeric) or chi-square on
the category counts (categorical). A feature is `alert` only when BOTH the
effect is large (PSI >= psi_alert) and the test is significant (p < ks_pvalue):
a million rows make any trivial shift significant, a few dozen rows make PSI
noisy. `warn` when PSI >= psi_warn and the test is significant.
"""

import json
from pathlib import Path
from typing import Any, Dict, List

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency, ks_2samp

from .config import DriftConfig
from .schema import DataSchema

EPSILON = 1e-6


def psi(expected: np.ndarray, actual: np.ndarray) -> float:
    """PSI of two distributions given as proportions over the same bins."""
    expected = np.clip(np.asarray(expected, dtype=float), EPSILON, None)
    actual = np.clip(np.asarray(actual, dtype=float), EPSILON, None)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def numeric_psi(reference: pd.Series, current: pd.Series, bins: int) -> float:
    """PSI of a numeric feature, binned on the reference's quantiles."""
    reference = pd.to_numeric(reference, errors="coerce").dropna().to_numpy()
    current = pd.to_numeric(current, errors="coerce").dropna().to_numpy()
    if len(reference) == 0 or len(current) == 0:
        return float("nan")
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    if len(edges) < 3:
        edges = np.array([-np.inf, float(np.median(reference)), np.inf])
    expected = np.histogram(reference, bins=edges)[0] / len(reference)
    actual = np.histogram(current, bins=edges)[0] / len(current)
    return psi(expected, actual)


def categorical_psi(reference: pd.Series, current: pd.Series) -> float:
    """PSI of a categorical feature over the union of observed categories."""
    reference = reference.dropna().astype(str)
    current = current.dropna().astype(str)
    if len(reference) == 0 or len(current) == 0:
        return float("nan")
    categories = sorted(set(reference) | set(current))
    expected = reference.value_counts(normalize=True).reindex(categories, fill_value=0).to_numpy()
    actual = current.value_counts(normalize=True).reindex(categories, fill_value=0).to_numpy()
    return psi(expected, actual)


def categorical_pvalue(reference: pd.Series, current: pd.Series) -> float:
    """Chi-square test that two samples share their category mix (nan without two categories)."""
    reference = reference.dropna().astype(str)
    current = current.dropna().astype(str)
    categories = sorted(set(reference) | set(current))
    if len(categories) < 2 or len(reference) == 0 or len(current) == 0:
        return float("nan")
    table = np.array(
        [
            reference.value_counts().reindex(categories, fill_value=0).to_numpy(),
            current.value_counts().reindex(categories, fill_value=0).to_numpy(),
        ]
    )
    return float(chi2_contingency(table)[1])


def _status(value: float, pvalue: float, limits: DriftConfig) -> str:
    if np.isnan(value):
        return "alert"
    significant = np.isnan(pvalue) or pvalue < limits.ks_pvalue
    if significant and value >= limits.psi_alert:
        return "alert"
    if significant and value >= limits.psi_warn:
        return "warn"
    return "ok"


def compute_drift(
    reference: pd.DataFrame, current: pd.DataFrame, schema: DataSchema, limits: DriftConfig
) -> Dict[str, Any]:
    """Drift report for every feature in the schema."""
    features: List[Dict[str, Any]] = []
    for name in schema.feature_names:
        if name not in current.columns:
            features.append({"feature": name, "status": "alert", "detail": "missing in current data"})
            continue
        if name in schema.numeric_features:
            value = numeric_psi(reference[name], current[name], limits.bins)
            ks = ks_2samp(
                pd.to_numeric(reference[name], errors="coerce").dropna(),
                pd.to_numeric(current[name], errors="coerce").dropna(),
            )
            statistic, pvalue = float(ks.statistic), float(ks.pvalue)
        else:
            value = categorical_psi(reference[name], current[name])
            statistic, pvalue = float("nan"), categorical_pvalue(reference[name], current[name])
        features.append(
            {
                "feature": name,
                "psi": None if np.isnan(value) else round(value, 6),
                "ks_statistic": None if np.isnan(statistic) else round(statistic, 6),
                "pvalue": None if np.isnan(pvalue) else float(f"{pvalue:.6g}"),
                "status": _status(value, pvalue, limits),
            }
        )
    drifted = [f["feature"] for f in features if f["status"] == "alert"]
    return {
        "reference_rows": int(len(reference)),
        "current_rows": int(len(current)),
        "limits": {"psi_warn": limits.psi_warn, "psi_alert": limits.psi_alert, "ks_pvalue": limits.ks_pvalue},
        "drift_detected": bool(drifted),
        "drifted_features": drifted,
        "features": features,
    }


def to_prometheus(report: Dict[str, Any], model_name: str) -> str:
    """The report as Prometheus text format (for the node-exporter textfile collector or a Pushgateway)."""
    lines = [
        "# HELP mlapp_feature_psi Population stability index of a feature against the training reference.",
        "# TYPE mlapp_feature_psi gauge",
    ]
    for feature in report["features"]:
        if feature.get("psi") is not None:
            lines.append(f'mlapp_feature_psi{{model="{model_name}",feature="{feature["feature"]}"}} {feature["psi"]}')
    lines += [
        "# HELP mlapp_drift_detected 1 when at least one feature drifted beyond the alert limit.",
        "# TYPE mlapp_drift_detected gauge",
        f'mlapp_drift_detected{{model="{model_name}"}} {int(report["drift_detected"])}',
    ]
    return "\n".join(lines) + "\n"


def write_report(report: Dict[str, Any], directory: Path, model_name: str) -> Path:
    """Writes drift.json and drift.prom; returns the JSON path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "drift.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (directory / "drift.prom").write_text(to_prometheus(report, model_name), encoding="utf-8")
    return path
