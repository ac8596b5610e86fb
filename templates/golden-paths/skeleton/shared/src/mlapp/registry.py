"""A file-based model registry in the MLflow file-store layout.

Nothing external is needed: runs and registered models live under one
directory (default `mlruns/`) that the MLflow UI and client can also read:

    mlruns/0/meta.yaml                           experiment
    mlruns/0/<run_id>/meta.yaml                  run
    mlruns/0/<run_id>/{metrics,params,tags}/<k>  one file per key
    mlruns/0/<run_id>/artifacts/model/           MLmodel + model.pkl
    mlruns/models/<name>/meta.yaml               registered model
    mlruns/models/<name>/version-<n>/meta.yaml   model version and its stage

The champion is the version in stage Production; promoting a version to
Production archives the previous one.
"""

import pickle
import platform
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import sklearn
import yaml

EXPERIMENT_ID = "0"
STAGES = ("None", "Staging", "Production", "Archived")


class RegistryError(RuntimeError):
    """Raised for unknown runs or versions and invalid stage transitions."""


def _now_ms() -> int:
    return int(time.time() * 1000)


def _write_yaml(path: Path, data: Dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=True), encoding="utf-8")


def _read_yaml(path: Path) -> Dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@dataclass(frozen=True)
class ModelVersion:
    """One registered version of a model."""

    name: str
    version: int
    stage: str
    run_id: str
    source: str
    created_ms: int


class FileRegistry:
    """Runs, artifacts and registered model versions under one directory."""

    def __init__(self, root: Path):
        self.root = Path(root)

    # runs --------------------------------------------------------------
    def _experiment_dir(self) -> Path:
        directory = self.root / EXPERIMENT_ID
        meta = directory / "meta.yaml"
        if not meta.exists():
            _write_yaml(
                meta,
                {
                    "experiment_id": EXPERIMENT_ID,
                    "name": "Default",
                    "artifact_location": str(directory.resolve()),
                    "lifecycle_stage": "active",
                },
            )
        return directory

    def run_dir(self, run_id: str) -> Path:
        """Directory of an existing run."""
        directory = self.root / EXPERIMENT_ID / run_id
        if not (directory / "meta.yaml").is_file():
            raise RegistryError(f"unknown run: {run_id}")
        return directory

    def create_run(
        self,
        run_name: str,
        params: Dict[str, Any],
        metrics: Dict[str, float],
        tags: Dict[str, str],
        model: Any,
    ) -> str:
        """Stores a finished training run with its pickled model; returns the run id."""
        run_id = uuid.uuid4().hex
        directory = self._experiment_dir() / run_id
        started = _now_ms()
        for key, value in params.items():
            self._write_value(directory / "params" / key, str(value))
        for key, value in metrics.items():
            self._write_value(directory / "metrics" / key, f"{started} {float(value)} 0")
        for key, value in tags.items():
            self._write_value(directory / "tags" / key, str(value))
        model_dir = directory / "artifacts" / "model"
        model_dir.mkdir(parents=True, exist_ok=True)
        with (model_dir / "model.pkl").open("wb") as handle:
            pickle.dump(model, handle)
        _write_yaml(
            model_dir / "MLmodel",
            {
                "artifact_path": "model",
                "run_id": run_id,
                "utc_time_created": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
                "flavors": {
                    "python_function": {
                        "loader_module": "mlflow.sklearn",
                        "model_path": "model.pkl",
                        "python_version": platform.python_version(),
                    },
                    "sklearn": {
                        "pickled_model": "model.pkl",
                        "serialization_format": "pickle",
                        "sklearn_version": sklearn.__version__,
                    },
                },
            },
        )
        _write_yaml(
            directory / "meta.yaml",
            {
                "run_id": run_id,
                "run_uuid": run_id,
                "run_name": run_name,
                "experiment_id": EXPERIMENT_ID,
                "status": 3,  # FINISHED in MLflow's RunStatus enum
                "start_time": started,
                "end_time": _now_ms(),
                "lifecycle_stage": "active",
                "artifact_uri": str((directory / "artifacts").resolve()),
            },
        )
        return run_id

    @staticmethod
    def _write_value(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")

    def artifact_path(self, run_id: str, *parts: str) -> Path:
        """Path of an artifact inside a run (it need not exist yet)."""
        return self.run_dir(run_id).joinpath("artifacts", *parts)

    def run_metrics(self, run_id: str) -> Dict[str, float]:
        """Metrics logged with a run."""
        metrics_dir = self.run_dir(run_id) / "metrics"
        result = {}
        for path in sorted(metrics_dir.glob("*")):
            result[path.name] = float(path.read_text(encoding="utf-8").split()[1])
        return result

    def run_tags(self, run_id: str) -> Dict[str, str]:
        """Tags set on a run."""
        tags_dir = self.run_dir(run_id) / "tags"
        return {p.name: p.read_text(encoding="utf-8").strip() for p in sorted(tags_dir.glob("*"))}

    def load_model(self, run_id: str) -> Any:
        """Unpickles a run's model. Only load registries you trust."""
        with self.artifact_path(run_id, "model", "model.pkl").open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - our own registry

    # registered models -------------------------------------------------
    def _model_dir(self, name: str) -> Path:
        return self.root / "models" / name

    def versions(self, name: str) -> List[ModelVersion]:
        """All registered versions of a model, oldest first."""
        result = []
        for meta in self._model_dir(name).glob("version-*/meta.yaml"):
            data = _read_yaml(meta)
            result.append(
                ModelVersion(
                    name=name,
                    version=int(data["version"]),
                    stage=str(data["current_stage"]),
                    run_id=str(data["run_id"]),
                    source=str(data["source"]),
                    created_ms=int(data["creation_timestamp"]),
                )
            )
        return sorted(result, key=lambda v: v.version)

    def get_version(self, name: str, version: int) -> ModelVersion:
        """One registered version."""
        for candidate in self.versions(name):
            if candidate.version == int(version):
                return candidate
        raise RegistryError(f"model {name} has no version {version}")

    def register(self, name: str, run_id: str, description: str = "") -> ModelVersion:
        """Registers a run's model as the next version of `name` (stage None)."""
        self.run_dir(run_id)
        model_dir = self._model_dir(name)
        now = _now_ms()
        if not (model_dir / "meta.yaml").exists():
            _write_yaml(
                model_dir / "meta.yaml",
                {"name": name, "creation_timestamp": now, "last_updated_timestamp": now, "description": description},
            )
        existing = self.versions(name)
        number = existing[-1].version + 1 if existing else 1
        source = str(self.artifact_path(run_id, "model").resolve())
        self._write_version(name, number, "None", run_id, source, now)
        return self.get_version(name, number)

    def _write_version(self, name: str, number: int, stage: str, run_id: str, source: str, created: int) -> None:
        _write_yaml(
            self._model_dir(name) / f"version-{number}" / "meta.yaml",
            {
                "name": name,
                "version": number,
                "current_stage": stage,
                "run_id": run_id,
                "source": source,
                "status": "READY",
                "creation_timestamp": created,
                "last_updated_timestamp": _now_ms(),
            },
        )

    def transition(self, name: str, version: int, stage: str) -> ModelVersion:
        """Moves a version to a stage; a new Production version archives the old one."""
        if stage not in STAGES:
            raise RegistryError(f"stage must be one of {', '.join(STAGES)}, got {stage!r}")
        target = self.get_version(name, version)
        if stage == "Production":
            for other in self.versions(name):
                if other.stage == "Production" and other.version != target.version:
                    self._write_version(name, other.version, "Archived", other.run_id, other.source, other.created_ms)
        self._write_version(name, target.version, stage, target.run_id, target.source, target.created_ms)
        return self.get_version(name, version)

    def champion(self, name: str) -> Optional[ModelVersion]:
        """The version in Production, if any."""
        production = [v for v in self.versions(name) if v.stage == "Production"]
        return production[-1] if production else None

    def latest(self, name: str, stages: Optional[List[str]] = None) -> Optional[ModelVersion]:
        """The newest version, optionally restricted to some stages."""
        candidates = [v for v in self.versions(name) if stages is None or v.stage in stages]
        return candidates[-1] if candidates else None

    def serving_version(self, name: str) -> ModelVersion:
        """The version to serve or score with: the champion, else the latest version."""
        version = self.champion(name) or self.latest(name)
        if version is None:
            raise RegistryError(f"model {name} has no registered version: run `make train evaluate register` first")
        return version
