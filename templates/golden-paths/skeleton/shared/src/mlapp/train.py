"""Training: validate the data, fit the pipeline, log a run to the registry.

The held-out split and a reference sample of the training features are stored
with the run, so evaluation and drift monitoring later compare against exactly
the data this model saw.
"""

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

from sklearn.model_selection import train_test_split

from .config import Config
from .data import load_validated, split_xy
from .evaluate import compute_metrics
from .features import build_pipeline
from .registry import COMMIT_TAG, open_registry
from .schema import load_schema

LAST_RUN_FILE = "last-run.json"


@dataclass(frozen=True)
class TrainingResult:
    """What a training run produced."""

    run_id: str
    metrics: Dict[str, float]
    train_rows: int
    holdout_rows: int


def _git_commit(root: Path) -> str:
    """The full commit the code was trained at (CD finds the version CI registered by it)."""
    if os.environ.get("GITHUB_SHA"):
        return os.environ["GITHUB_SHA"]
    try:
        output = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True, timeout=10
        )
        return output.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def train(config: Config, data_path: Optional[Path] = None) -> TrainingResult:
    """Trains on `data_path` (default: the configured training data) and logs the run."""
    schema = load_schema(config.schema_path)
    path = Path(data_path) if data_path else config.train_data
    frame = load_validated(path, schema, config.reports_path, stem="data-quality-train")
    train_frame, holdout = train_test_split(
        frame,
        test_size=config.test_size,
        random_state=config.random_state,
        stratify=frame[schema.target],
    )
    x_train, y_train = split_xy(train_frame, schema)
    pipeline = build_pipeline(schema, config.hyperparameters, config.random_state)
    pipeline.fit(x_train, y_train)
    x_holdout, y_holdout = split_xy(holdout, schema)
    metrics = compute_metrics(pipeline, x_holdout, y_holdout)
    registry = open_registry(config.registry_uri)
    run_id = registry.create_run(
        run_name=f"{config.model_name}-train",
        params={**config.hyperparameters, "test_size": config.test_size, "random_state": config.random_state},
        metrics=metrics,
        tags={
            "mlapp.data": str(path.name),
            COMMIT_TAG: _git_commit(config.root),
            "mlapp.model_name": config.model_name,
        },
    )
    registry.log_model(run_id, pipeline)
    registry.log_artifact(run_id, "holdout.csv", holdout.to_csv(index=False).encode("utf-8"))
    registry.log_artifact(run_id, "reference/features.csv", x_train.to_csv(index=False).encode("utf-8"))
    config.reports_path.mkdir(parents=True, exist_ok=True)
    (config.reports_path / LAST_RUN_FILE).write_text(
        json.dumps({"run_id": run_id, "data": str(path), "metrics": metrics}, indent=2) + "\n", encoding="utf-8"
    )
    return TrainingResult(run_id=run_id, metrics=metrics, train_rows=len(train_frame), holdout_rows=len(holdout))


def last_run_id(config: Config) -> str:
    """The run id written by the most recent `train`."""
    path = config.reports_path / LAST_RUN_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `make train` first")
    return json.loads(path.read_text(encoding="utf-8"))["run_id"]
