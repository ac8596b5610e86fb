"""The continuous-training pipeline, run on a schedule (and on drift).

    python3 -m mlapp.pipeline [--data new.csv] [--only-if-drifted] [--stage Staging] [--no-model-card]

One run: validate the data, train, run the evaluation gate against the
Production champion, register the candidate (stage Staging by default: the
promotion to Production is a reviewed, separate step), refresh the model card,
and report the outcome as metrics. With --only-if-drifted the run retrains
only when the data drifted from the serving model's training reference.

Exit codes: 0 registered or nothing to do, 1 invalid data or gate failure.
"""

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional


from .config import Config, load_config
from .data import DataQualityError
from .drift import compute_drift, write_report
from .evaluate import evaluate_run, write_result
from .model_card import update_model_card
from .pushgateway import push_if_configured
from .registry import open_registry
from .window import read_window
from .schema import load_schema
from .train import train


@dataclass
class PipelineOutcome:
    """Result of one pipeline run."""

    status: str  # registered | gate-failed | invalid-data | skipped-no-drift
    run_id: Optional[str] = None
    version: Optional[int] = None
    stage: Optional[str] = None
    metrics: Optional[Dict[str, float]] = None
    failed_checks: Optional[List[str]] = None
    drifted_features: Optional[List[str]] = None

    @property
    def ok(self) -> bool:
        """True when the run did what it should (including deciding not to retrain)."""
        return self.status in ("registered", "skipped-no-drift")


def drift_against_serving_model(config: Config, data_path: Path) -> Optional[Dict[str, Any]]:
    """Drift of `data_path` against the serving version's reference; None without a model."""
    registry = open_registry(config.registry_uri)
    if registry.latest(config.model_name) is None:
        return None
    serving = registry.serving_version(config.model_name)
    reference = registry.read_csv_artifact(serving.run_id, "reference/features.csv")
    window = read_window(data_path, config.drift)
    report = compute_drift(reference, window.sample, load_schema(config.schema_path), config.drift)
    report["window"] = window.describe(config.drift)
    write_report(report, config.reports_path, config.model_name)
    return report


def run_pipeline(
    config: Config,
    data_path: Optional[Path] = None,
    only_if_drifted: bool = False,
    stage: str = "Staging",
    model_card: bool = True,
) -> PipelineOutcome:
    """One continuous-training run; never raises for bad data or a failed gate."""
    path = Path(data_path) if data_path else config.train_data
    drifted: Optional[List[str]] = None
    if only_if_drifted:
        report = drift_against_serving_model(config, path)
        if report is not None:
            drifted = report["drifted_features"]
            if not report["drift_detected"]:
                return PipelineOutcome(status="skipped-no-drift", drifted_features=[])
    try:
        trained = train(config, path)
    except DataQualityError as error:
        failed = [f"{check['column']}:{check['check']}" for check in error.report.errors]
        return PipelineOutcome(status="invalid-data", failed_checks=failed)
    result = evaluate_run(config, trained.run_id)
    write_result(config, result)
    if not result.passed:
        failed = [check["check"] for check in result.checks if not check["passed"]]
        return PipelineOutcome(
            status="gate-failed",
            run_id=trained.run_id,
            metrics=result.metrics,
            failed_checks=failed,
            drifted_features=drifted,
        )
    registry = open_registry(config.registry_uri)
    version = registry.register(config.model_name, trained.run_id)
    if stage != "None":
        version = registry.transition(config.model_name, version.version, stage)
    if model_card:
        update_model_card(config.model_card_path, result.to_dict(), str(version.version))
    return PipelineOutcome(
        status="registered",
        run_id=trained.run_id,
        version=version.version,
        stage=version.stage,
        metrics=result.metrics,
        drifted_features=drifted,
    )


def outcome_metrics(model_name: str, outcome: PipelineOutcome, finished: float) -> str:
    """Prometheus text describing the run, for the pipeline alerts."""
    labels = f'model="{model_name}"'
    lines = [
        "# HELP mlapp_training_last_run_timestamp_seconds When the pipeline last finished.",
        "# TYPE mlapp_training_last_run_timestamp_seconds gauge",
        f"mlapp_training_last_run_timestamp_seconds{{{labels}}} {finished:.0f}",
        "# HELP mlapp_training_last_run_ok 1 when the last run registered a model or had nothing to do.",
        "# TYPE mlapp_training_last_run_ok gauge",
        f'mlapp_training_last_run_ok{{{labels},status="{outcome.status}"}} {int(outcome.ok)}',
    ]
    if outcome.ok:
        lines += [
            "# HELP mlapp_training_last_success_timestamp_seconds When the pipeline last succeeded.",
            "# TYPE mlapp_training_last_success_timestamp_seconds gauge",
            f"mlapp_training_last_success_timestamp_seconds{{{labels}}} {finished:.0f}",
        ]
    if outcome.metrics:
        lines += [
            "# HELP mlapp_training_candidate_metric Evaluation metrics of the last candidate.",
            "# TYPE mlapp_training_candidate_metric gauge",
        ]
        lines += [
            f'mlapp_training_candidate_metric{{{labels},metric="{name}"}} {value}'
            for name, value in sorted(outcome.metrics.items())
        ]
    return "\n".join(lines) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the scheduled pipeline; returns the exit code."""
    parser = argparse.ArgumentParser(description="Run the continuous-training pipeline once")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--data", help="training CSV (default: data.train in config.yaml)")
    parser.add_argument("--only-if-drifted", action="store_true", help="retrain only when the data drifted")
    parser.add_argument("--stage", default="Staging", choices=["None", "Staging", "Production"])
    parser.add_argument(
        "--no-model-card", action="store_true", help="leave docs/model-card.md alone (read-only file systems)"
    )
    args = parser.parse_args(argv)
    config = load_config(args.config)
    outcome = run_pipeline(
        config,
        config.resolve(args.data) if args.data else None,
        args.only_if_drifted,
        args.stage,
        model_card=not args.no_model_card,
    )
    config.reports_path.mkdir(parents=True, exist_ok=True)
    summary = {k: v for k, v in asdict(outcome).items() if v is not None}
    (config.reports_path / "pipeline.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    text = outcome_metrics(config.model_name, outcome, time.time())
    (config.reports_path / "pipeline.prom").write_text(text, encoding="utf-8")
    push_if_configured(f"{config.model_name}-training", text)
    print(json.dumps(summary, indent=2))
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
