"""The batch scoring job.

Validates the input CSV against the data contract (scoring data has no label),
scores it with the model bundle CD built into the image (MODEL_DIR or
--model-dir: one registered version, sha256 and scikit-learn version checked),
or, for development without a bundle, the registry's serving model (the
Production champion, else the latest version); writes the predictions, a drift report (PSI/KS against the
model's training reference) and Prometheus metrics for freshness alerts.

    python3 -m mlapp.score [--input data.csv] [--output predictions.csv] [--fail-on-drift]

Exit codes: 0 success, 1 invalid input or no model, 2 drift with --fail-on-drift.
"""

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import pandas as pd

from .config import Config, load_config
from .data import DataQualityError, features, load_validated
from .drift import compute_drift, to_prometheus, write_report
from .pushgateway import push_if_configured
from .bundle import load_bundle
from .registry import RegistryError, open_registry
from .schema import load_schema


@dataclass(frozen=True)
class ScoringResult:
    """What a scoring run produced."""

    rows: int
    model_version: str
    output: Path
    drift: Dict[str, Any]


def scoring_paths(config: Config) -> Dict[str, Path]:
    """Input and output of the job from config.yaml's `scoring:` section."""
    section = config.raw.get("scoring") or {}
    return {
        "input": config.resolve(section.get("input", "data/sample/score.csv")),
        "output": config.resolve(section.get("output", "reports/predictions.csv")),
    }


def metrics_text(model_name: str, rows: int, version: str, finished: float) -> str:
    """Prometheus text for the node-exporter textfile collector or a Pushgateway."""
    labels = f'model="{model_name}"'
    return "\n".join(
        [
            "# HELP mlapp_batch_last_success_timestamp_seconds When the scoring job last succeeded.",
            "# TYPE mlapp_batch_last_success_timestamp_seconds gauge",
            f"mlapp_batch_last_success_timestamp_seconds{{{labels}}} {finished:.0f}",
            "# HELP mlapp_batch_rows_scored Rows scored by the last successful run.",
            "# TYPE mlapp_batch_rows_scored gauge",
            f"mlapp_batch_rows_scored{{{labels}}} {rows}",
            "# HELP mlapp_batch_model_info Model version used by the last run.",
            "# TYPE mlapp_batch_model_info gauge",
            f'mlapp_batch_model_info{{{labels},version="{version}"}} 1',
        ]
    ) + "\n"


def load_scoring_model(config: Config, model_dir: Optional[Path], run_id: Optional[str]):
    """(model, version label, drift reference) from the bundle, a run, or the serving version."""
    if model_dir is not None:
        bundle = load_bundle(model_dir, config.model_name)
        return bundle.model, str(bundle.info["version"]), pd.read_csv(bundle.reference_path)
    registry = open_registry(config.registry_uri)
    if run_id:
        version = f"run-{run_id[:8]}"
    else:
        serving = registry.serving_version(config.model_name)
        run_id, version = serving.run_id, str(serving.version)
    return registry.load_model(run_id), version, registry.read_csv_artifact(run_id, "reference/features.csv")


def score(
    config: Config,
    input_path: Path,
    output_path: Path,
    run_id: Optional[str] = None,
    model_dir: Optional[Path] = None,
) -> ScoringResult:
    """Scores one CSV; raises DataQualityError or RegistryError when it cannot."""
    schema = load_schema(config.schema_path)
    frame = load_validated(input_path, schema, config.reports_path, require_target=False, stem="data-quality-scoring")
    model, version, reference = load_scoring_model(config, model_dir, run_id)
    scores = model.predict_proba(features(frame, schema))[:, 1]
    predictions = frame[schema.id_columns].copy()
    predictions["score"] = scores.round(6)
    predictions["label"] = (scores >= 0.5).astype(int)
    predictions["model_version"] = version
    output_path = Path(output_path)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    predictions.to_csv(output_path, index=False)
    drift = compute_drift(reference, frame, schema, config.drift)
    write_report(drift, config.reports_path, config.model_name)
    text = metrics_text(config.model_name, len(predictions), version, time.time())
    (config.reports_path / "scoring.prom").write_text(text, encoding="utf-8")
    push_if_configured(f"{config.model_name}-scoring", text + to_prometheus(drift, config.model_name))
    return ScoringResult(rows=len(predictions), model_version=version, output=output_path, drift=drift)


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the scheduled job; returns the exit code."""
    parser = argparse.ArgumentParser(description="Score a CSV with the serving model")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--input", help="CSV to score (default: scoring.input in config.yaml)")
    parser.add_argument("--output", help="predictions CSV (default: scoring.output)")
    parser.add_argument("--run-id", help="development: score with this run instead of the serving version")
    parser.add_argument(
        "--model-dir", default=os.environ.get("MODEL_DIR"), help="model bundle (default: $MODEL_DIR; the image sets it)"
    )
    parser.add_argument("--fail-on-drift", action="store_true", help="exit 2 when drift is detected")
    args = parser.parse_args(argv)
    config = load_config(args.config)
    paths = scoring_paths(config)
    try:
        result = score(
            config,
            config.resolve(args.input) if args.input else paths["input"],
            config.resolve(args.output) if args.output else paths["output"],
            args.run_id,
            config.resolve(args.model_dir) if args.model_dir else None,
        )
    except DataQualityError as error:
        print(error.report.to_markdown(), file=sys.stderr)
        print(f"error: {error}", file=sys.stderr)
        return 1
    except RegistryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"scored {result.rows} rows with version {result.model_version} -> {result.output}; "
        f"drift: {', '.join(result.drift['drifted_features']) or 'none'}"
    )
    return 2 if result.drift["drift_detected"] and args.fail_on_drift else 0


if __name__ == "__main__":
    sys.exit(main())
