"""Command line: `python3 -m mlapp <command>` (the Makefile wraps these).

Commands: validate, train, evaluate, register, promote, drift, model-card,
bundle, version-for-commit.
Every command exits non-zero when its check fails, so CI can rely on it.
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import pandas as pd

from .config import ConfigError, load_config
from .data import DataQualityError, read_table
from .drift import compute_drift, to_prometheus, write_report
from .evaluate import evaluate_run, read_result, write_result
from .model_card import update_model_card
from .pushgateway import push_if_configured
from .bundle import load_bundle, write_bundle
from .registry import RegistryError, open_registry
from .schema import load_schema, validate_frame
from .train import last_run_id, train
from .window import read_window


def _validate(args, config) -> int:
    schema = load_schema(config.schema_path)
    path = config.resolve(args.data) if args.data else config.train_data
    report = validate_frame(read_table(path), schema, dataset=path.name, require_target=not args.no_target)
    report.write(config.reports_path, args.stem)
    print(report.to_markdown())
    return 0 if report.passed else 1


def _train(args, config) -> int:
    result = train(config, config.resolve(args.data) if args.data else None)
    print(json.dumps({"run_id": result.run_id, "metrics": result.metrics}, indent=2))
    return 0


def _evaluate(args, config) -> int:
    run_id = args.run_id or last_run_id(config)
    result = evaluate_run(config, run_id, config.resolve(args.data) if args.data else None)
    write_result(config, result)
    for check in result.checks:
        print(f"{'PASS' if check['passed'] else 'FAIL'}  {check['check']}: {check['detail']}")
    enforce = config.gate.enforce and not args.report_only
    if result.passed:
        print("evaluation gate: passed")
        return 0
    print("evaluation gate: FAILED" + ("" if enforce else " (not enforced: --report-only)"))
    return 1 if enforce else 0


def _register(args, config) -> int:
    result = read_result(config)
    run_id = args.run_id or result["run_id"]
    if result["run_id"] != run_id or not result["passed"]:
        print(f"refusing to register run {run_id}: it has not passed the evaluation gate", file=sys.stderr)
        return 1
    registry = open_registry(config.registry_uri)
    version = registry.register(config.model_name, run_id)
    if args.stage != "None":
        version = registry.transition(config.model_name, version.version, args.stage)
    summary = {"model": version.name, "version": version.version, "stage": version.stage, "sha256": version.sha256}
    print(json.dumps(summary))
    return 0


def _promote(args, config) -> int:
    registry = open_registry(config.registry_uri)
    version = registry.transition(config.model_name, args.version, args.stage)
    print(json.dumps({"model": version.name, "version": version.version, "stage": version.stage}))
    return 0


def _drift(args, config) -> int:
    if args.model_dir and not args.run_id:
        reference = pd.read_csv(load_bundle(config.resolve(args.model_dir), config.model_name).reference_path)
    else:
        registry = open_registry(config.registry_uri)
        run_id = args.run_id or registry.serving_version(config.model_name).run_id
        reference = registry.read_csv_artifact(run_id, "reference/features.csv")
    window = read_window(config.resolve(args.data), config.drift)
    report = compute_drift(reference, window.sample, load_schema(config.schema_path), config.drift)
    report["window"] = window.describe(config.drift)
    write_report(report, config.reports_path, config.model_name)
    push_if_configured(f"{config.model_name}-drift", to_prometheus(report, config.model_name))
    print(json.dumps({k: report[k] for k in ("drift_detected", "drifted_features", "window")}))
    return 2 if report["drift_detected"] and args.fail_on_drift else 0


def _bundle(args, config) -> int:
    registry = open_registry(config.registry_uri)
    if args.run_id:
        version = None
    elif args.version is not None:
        version = args.version
    elif args.commit:
        version = registry.version_for_commit(config.model_name, args.commit).version
    else:
        version = registry.serving_version(config.model_name).version
    info = write_bundle(registry, config.model_name, version, config.resolve(args.out), run_id=args.run_id)
    print(json.dumps(info))
    return 0


def _version_for_commit(args, config) -> int:
    print(open_registry(config.registry_uri).version_for_commit(config.model_name, args.commit).version)
    return 0


def _model_card(args, config) -> int:
    update_model_card(config.model_card_path, read_result(config), args.version or "")
    print(f"updated {config.model_card_path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="mlapp", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, help="path to config.yaml (default: repository root)")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a CSV against data/schema.yaml")
    validate.add_argument("--data", help="CSV to check (default: the training data)")
    validate.add_argument("--no-target", action="store_true", help="the CSV has no label column")
    validate.add_argument("--stem", default="data-quality", help="report file name without extension")
    validate.set_defaults(handler=_validate)

    train_cmd = commands.add_parser("train", help="train and log a run")
    train_cmd.add_argument("--data", help="training CSV (default: config data.train)")
    train_cmd.set_defaults(handler=_train)

    evaluate = commands.add_parser("evaluate", help="run the evaluation gate on a run")
    evaluate.add_argument("--run-id", help="default: the last trained run")
    evaluate.add_argument("--data", help="labelled CSV (default: the run's held-out split)")
    evaluate.add_argument("--report-only", action="store_true", help="never fail (the gate is enforced by default)")
    evaluate.set_defaults(handler=_evaluate)

    register = commands.add_parser("register", help="register the evaluated run as a new model version")
    register.add_argument("--run-id", help="default: the run in reports/evaluation.json")
    register.add_argument("--stage", default="None", choices=["None", "Staging", "Production"])
    register.set_defaults(handler=_register)

    promote = commands.add_parser("promote", help="move a registered version to a stage")
    promote.add_argument("--version", type=int, required=True)
    promote.add_argument("--stage", required=True, choices=["Staging", "Production", "Archived", "None"])
    promote.set_defaults(handler=_promote)

    drift = commands.add_parser("drift", help="compare a CSV with the training reference (PSI, KS)")
    drift.add_argument("--data", required=True, help="CSV of current inputs, or a directory of CSVs")
    drift.add_argument("--run-id", help="default: the bundle's reference, else the champion, else the latest version")
    drift.add_argument(
        "--model-dir", default=os.environ.get("MODEL_DIR"), help="bundle whose reference to use (default: $MODEL_DIR)"
    )
    drift.add_argument("--fail-on-drift", action="store_true", help="exit 2 when drift is detected")
    drift.set_defaults(handler=_drift)

    bundle = commands.add_parser("bundle", help="export one registered version (sha256-verified) for the image")
    bundle.add_argument("--version", type=int, help="default: the version registered from --commit, else the champion")
    bundle.add_argument("--commit", help="the git commit whose CI run registered the version")
    bundle.add_argument("--run-id", help="a gated candidate that is not registered yet (CI's image scan)")
    bundle.add_argument("--out", default="model", help="directory to write (default: model/)")
    bundle.set_defaults(handler=_bundle)

    for_commit = commands.add_parser("version-for-commit", help="print the version CI registered from a commit")
    for_commit.add_argument("--commit", required=True)
    for_commit.set_defaults(handler=_version_for_commit)

    card = commands.add_parser("model-card", help="rewrite the evaluation section of docs/model-card.md")
    card.add_argument("--version", help="registered version to mention")
    card.set_defaults(handler=_model_card)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point; returns the process exit code."""
    args = build_parser().parse_args(argv)
    try:
        config = load_config(args.config)
        return args.handler(args, config)
    except DataQualityError as error:
        print(error.report.to_markdown(), file=sys.stderr)
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (FileNotFoundError, RegistryError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
