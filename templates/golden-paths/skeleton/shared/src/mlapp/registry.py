"""The model registry: where runs, artifacts and registered versions live.

Its location is configuration outside the checkout, so every CI run and every
deployment sees the same champion: `MODEL_REGISTRY_URI` in the environment,
else `registry.uri` in config.yaml.

- `http(s)://host[:port][/prefix]`: an MLflow tracking server, through its REST
  API (`/api/2.0/mlflow/...`, artifacts through `/api/2.0/mlflow-artifacts/`).
  `MLFLOW_TRACKING_TOKEN` (bearer) or `MLFLOW_TRACKING_USERNAME` and
  `MLFLOW_TRACKING_PASSWORD` (basic) authenticate.
- `file:///path` or a path: a directory in the MLflow file-store layout

      <root>/0/<run_id>/{metrics,params,tags}/<k>   one file per key
      <root>/0/<run_id>/artifacts/model/            MLmodel + model.pkl
      <root>/models/<name>/version-<n>/meta.yaml    model version and its stage
      <root>/models/<name>/version-<n>/tags/<k>     model version tags

The champion is the version in stage Production; promoting a version to
Production archives the previous one. Registering a version records the
sha256 of its model file (tag `mlapp.model_sha256`); loading a model checks
that it was saved with the scikit-learn version that is installed.
"""

import base64
import hashlib
import io
import json
import os
import pickle
import platform
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import sklearn
import yaml

EXPERIMENT_ID = "0"
EXPERIMENT_NAME = "Default"
STAGES = ("None", "Staging", "Production", "Archived")
MODEL_FILE = "model.pkl"
SHA256_TAG = "mlapp.model_sha256"
COMMIT_TAG = "mlapp.git_commit"


class RegistryError(RuntimeError):
    """Unknown runs or versions, invalid stage transitions, an unreachable registry."""


class ModelCompatibilityError(RegistryError):
    """A model saved with another scikit-learn version than the installed one."""


def _now_ms() -> int:
    return int(time.time() * 1000)


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def mlmodel_document(run_id: str) -> Dict[str, Any]:
    """The MLmodel file of a pickled scikit-learn model, recording the versions it needs."""
    return {
        "artifact_path": "model",
        "run_id": run_id,
        "utc_time_created": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        "flavors": {
            "python_function": {
                "loader_module": "mlflow.sklearn",
                "model_path": MODEL_FILE,
                "python_version": platform.python_version(),
            },
            "sklearn": {
                "pickled_model": MODEL_FILE,
                "serialization_format": "pickle",
                "sklearn_version": sklearn.__version__,
            },
        },
    }


def model_requirements() -> str:
    """The versions a pickled pipeline depends on, as pip pins (MLflow's model/requirements.txt)."""
    import numpy
    import scipy

    return f"scikit-learn=={sklearn.__version__}\nnumpy=={numpy.__version__}\nscipy=={scipy.__version__}\n"


def check_sklearn_version(saved_with: Optional[str], where: str) -> None:
    """Raises ModelCompatibilityError unless `saved_with` is the installed scikit-learn."""
    if not saved_with:
        raise ModelCompatibilityError(f"{where}: the model does not record the scikit-learn version it was saved with")
    if saved_with != sklearn.__version__:
        raise ModelCompatibilityError(
            f"{where}: the model was saved with scikit-learn {saved_with} but {sklearn.__version__} is installed; "
            f"install scikit-learn=={saved_with} (the model bundle's constraints.txt pins it) or retrain"
        )


def unpickle_model(data: bytes, mlmodel: Dict[str, Any], where: str) -> Any:
    """Checks the scikit-learn version the MLmodel records, then unpickles. Only load registries you trust."""
    check_sklearn_version(((mlmodel.get("flavors") or {}).get("sklearn") or {}).get("sklearn_version"), where)
    return pickle.loads(data)  # noqa: S301 - our own registry


@dataclass(frozen=True)
class ModelVersion:
    """One registered version of a model."""

    name: str
    version: int
    stage: str
    run_id: str
    source: str
    created_ms: int
    tags: Dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """The sha256 of the model file recorded at registration ('' if none)."""
        return self.tags.get(SHA256_TAG, "")


class Registry:
    """What every registry offers; subclasses store it."""

    # storage primitives, implemented by each backend ---------------------
    def create_run(self, run_name: str, params: Dict[str, Any], metrics: Dict[str, float], tags: Dict[str, str]) -> str:
        raise NotImplementedError

    def log_artifact(self, run_id: str, path: str, data: bytes) -> None:
        raise NotImplementedError

    def read_artifact(self, run_id: str, path: str) -> bytes:
        raise NotImplementedError

    def run_metrics(self, run_id: str) -> Dict[str, float]:
        raise NotImplementedError

    def run_tags(self, run_id: str) -> Dict[str, str]:
        raise NotImplementedError

    def versions(self, name: str) -> List[ModelVersion]:
        raise NotImplementedError

    def _create_version(self, name: str, run_id: str, tags: Dict[str, str]) -> ModelVersion:
        raise NotImplementedError

    def _set_stage(self, version: ModelVersion, stage: str) -> None:
        raise NotImplementedError

    # behaviour shared by every backend ------------------------------------
    def log_model(self, run_id: str, model: Any) -> str:
        """Stores a model with its MLmodel file and the pins it was saved with; returns the model file's sha256."""
        data = pickle.dumps(model)
        self.log_artifact(run_id, f"model/{MODEL_FILE}", data)
        self.log_artifact(run_id, "model/MLmodel", yaml.safe_dump(mlmodel_document(run_id)).encode("utf-8"))
        self.log_artifact(run_id, "model/requirements.txt", model_requirements().encode("utf-8"))
        return sha256_hex(data)

    def read_csv_artifact(self, run_id: str, path: str):
        """A CSV artifact as a pandas DataFrame."""
        import pandas as pd

        return pd.read_csv(io.BytesIO(self.read_artifact(run_id, path)))

    def load_model(self, run_id: str) -> Any:
        """A run's model, after checking it was saved with the installed scikit-learn."""
        mlmodel = yaml.safe_load(self.read_artifact(run_id, "model/MLmodel")) or {}
        return unpickle_model(self.read_artifact(run_id, f"model/{MODEL_FILE}"), mlmodel, f"run {run_id}")

    def get_version(self, name: str, version: int) -> ModelVersion:
        """One registered version."""
        for candidate in self.versions(name):
            if candidate.version == int(version):
                return candidate
        raise RegistryError(f"model {name} has no version {version}")

    def register(self, name: str, run_id: str) -> ModelVersion:
        """Registers a run's model as the next version of `name` (stage None), recording its sha256."""
        digest = sha256_hex(self.read_artifact(run_id, f"model/{MODEL_FILE}"))
        tags = {SHA256_TAG: digest}
        commit = self.run_tags(run_id).get(COMMIT_TAG)
        if commit:
            tags[COMMIT_TAG] = commit
        return self._create_version(name, run_id, tags)

    def transition(self, name: str, version: int, stage: str) -> ModelVersion:
        """Moves a version to a stage; a new Production version archives the old one."""
        if stage not in STAGES:
            raise RegistryError(f"stage must be one of {', '.join(STAGES)}, got {stage!r}")
        target = self.get_version(name, version)
        if stage == "Production":
            for other in self.versions(name):
                if other.stage == "Production" and other.version != target.version:
                    self._set_stage(other, "Archived")
        self._set_stage(target, stage)
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

    def version_for_commit(self, name: str, commit: str) -> ModelVersion:
        """The newest version registered from a run trained at git commit `commit`."""
        matches = [v for v in self.versions(name) if commit and v.tags.get(COMMIT_TAG) == commit]
        if not matches:
            raise RegistryError(f"model {name} has no version registered from commit {commit}")
        return matches[-1]


def _write_yaml(path: Path, data: Dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=True), encoding="utf-8")


def _read_yaml(path: Path) -> Dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _write_value(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")


def _read_values(directory: Path) -> Dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8").strip() for p in sorted(directory.glob("*")) if p.is_file()}


class FileRegistry(Registry):
    """Runs, artifacts and registered model versions under one directory."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _experiment_dir(self) -> Path:
        directory = self.root / EXPERIMENT_ID
        meta = directory / "meta.yaml"
        if not meta.exists():
            _write_yaml(
                meta,
                {
                    "experiment_id": EXPERIMENT_ID,
                    "name": EXPERIMENT_NAME,
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

    def create_run(self, run_name, params, metrics, tags) -> str:
        run_id = uuid.uuid4().hex
        directory = self._experiment_dir() / run_id
        started = _now_ms()
        for key, value in params.items():
            _write_value(directory / "params" / key, str(value))
        for key, value in metrics.items():
            _write_value(directory / "metrics" / key, f"{started} {float(value)} 0")
        for key, value in tags.items():
            _write_value(directory / "tags" / key, str(value))
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

    def _artifact(self, run_id: str, path: str) -> Path:
        base = (self.run_dir(run_id) / "artifacts").resolve()
        target = (base / path).resolve()
        if base not in target.parents:
            raise RegistryError(f"artifact path {path!r} leaves the run's artifact directory")
        return target

    def log_artifact(self, run_id, path, data) -> None:
        target = self._artifact(run_id, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def read_artifact(self, run_id, path) -> bytes:
        target = self._artifact(run_id, path)
        if not target.is_file():
            raise RegistryError(f"run {run_id} has no artifact {path}")
        return target.read_bytes()

    def run_metrics(self, run_id) -> Dict[str, float]:
        values = _read_values(self.run_dir(run_id) / "metrics")
        return {key: float(text.split()[1]) for key, text in values.items()}

    def run_tags(self, run_id) -> Dict[str, str]:
        return _read_values(self.run_dir(run_id) / "tags")

    def _model_dir(self, name: str) -> Path:
        return self.root / "models" / name

    def versions(self, name) -> List[ModelVersion]:
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
                    tags=_read_values(meta.parent / "tags"),
                )
            )
        return sorted(result, key=lambda v: v.version)

    def _create_version(self, name, run_id, tags) -> ModelVersion:
        self.run_dir(run_id)
        model_dir = self._model_dir(name)
        now = _now_ms()
        if not (model_dir / "meta.yaml").exists():
            meta = {"name": name, "creation_timestamp": now, "last_updated_timestamp": now}
            _write_yaml(model_dir / "meta.yaml", meta)
        existing = self.versions(name)
        number = existing[-1].version + 1 if existing else 1
        source = str((self.run_dir(run_id) / "artifacts" / "model").resolve())
        version = ModelVersion(name, number, "None", run_id, source, now, dict(tags))
        self._write_version(version, "None")
        for key, value in tags.items():
            _write_value(model_dir / f"version-{number}" / "tags" / key, value)
        return self.get_version(name, number)

    def _write_version(self, version: ModelVersion, stage: str) -> None:
        _write_yaml(
            self._model_dir(version.name) / f"version-{version.version}" / "meta.yaml",
            {
                "name": version.name,
                "version": version.version,
                "current_stage": stage,
                "run_id": version.run_id,
                "source": version.source,
                "status": "READY",
                "creation_timestamp": version.created_ms,
                "last_updated_timestamp": _now_ms(),
            },
        )

    def _set_stage(self, version, stage) -> None:
        self._write_version(version, stage)


class MlflowRegistry(Registry):
    """An MLflow tracking server through its REST API (MLflow 2.x)."""

    def __init__(self, base_url: str, timeout: float = 30.0, env: Optional[Dict[str, str]] = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        env = os.environ if env is None else env
        self.headers = {"Content-Type": "application/json"}
        if env.get("MLFLOW_TRACKING_TOKEN"):
            self.headers["Authorization"] = f"Bearer {env['MLFLOW_TRACKING_TOKEN']}"
        elif env.get("MLFLOW_TRACKING_USERNAME"):
            pair = f"{env['MLFLOW_TRACKING_USERNAME']}:{env.get('MLFLOW_TRACKING_PASSWORD', '')}"
            self.headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        self._experiment_id: Optional[str] = None

    def _request(self, method: str, path: str, body: Optional[Dict[str, Any]] = None, query=None, raw=None) -> Any:
        url = f"{self.base_url}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = raw if raw is not None else (json.dumps(body).encode("utf-8") if body is not None else None)
        headers = dict(self.headers)
        if raw is not None:
            headers["Content-Type"] = "application/octet-stream"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured URL
                payload = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            code = ""
            try:
                code = json.loads(detail).get("error_code", "")
            except ValueError:
                pass
            raise RegistryError(f"MLflow {method} {path} answered {error.code} {code}: {detail}") from error
        except urllib.error.URLError as error:
            raise RegistryError(f"MLflow tracking server {self.base_url} is unreachable: {error.reason}") from error
        if raw is not None or path.startswith("/api/2.0/mlflow-artifacts/"):
            return payload
        return json.loads(payload or b"{}")

    def _api(self, method: str, endpoint: str, body=None, query=None) -> Dict[str, Any]:
        return self._request(method, f"/api/2.0/mlflow/{endpoint}", body=body, query=query)

    def _experiment(self) -> str:
        if self._experiment_id is None:
            try:
                found = self._api("GET", "experiments/get-by-name", query={"experiment_name": EXPERIMENT_NAME})
                self._experiment_id = str(found["experiment"]["experiment_id"])
            except RegistryError as error:
                if "RESOURCE_DOES_NOT_EXIST" not in str(error):
                    raise
                created = self._api("POST", "experiments/create", {"name": EXPERIMENT_NAME})
                self._experiment_id = str(created["experiment_id"])
        return self._experiment_id

    def create_run(self, run_name, params, metrics, tags) -> str:
        started = _now_ms()
        created = self._api(
            "POST",
            "runs/create",
            {
                "experiment_id": self._experiment(),
                "run_name": run_name,
                "start_time": started,
                "tags": [{"key": k, "value": str(v)} for k, v in tags.items()],
            },
        )
        run_id = created["run"]["info"]["run_id"]
        self._api(
            "POST",
            "runs/log-batch",
            {
                "run_id": run_id,
                "params": [{"key": k, "value": str(v)} for k, v in params.items()],
                "metrics": [{"key": k, "value": float(v), "timestamp": started, "step": 0} for k, v in metrics.items()],
            },
        )
        self._api("POST", "runs/update", {"run_id": run_id, "status": "FINISHED", "end_time": _now_ms()})
        return run_id

    def _run(self, run_id: str) -> Dict[str, Any]:
        try:
            return self._api("GET", "runs/get", query={"run_id": run_id})["run"]
        except RegistryError as error:
            if "RESOURCE_DOES_NOT_EXIST" in str(error):
                raise RegistryError(f"unknown run: {run_id}") from error
            raise

    def _artifact_url(self, run_id: str, path: str) -> str:
        if ".." in Path(path).parts:
            raise RegistryError(f"artifact path {path!r} leaves the run's artifact directory")
        uri = self._run(run_id)["info"]["artifact_uri"]
        if not uri.startswith("mlflow-artifacts:"):
            raise RegistryError(
                f"run {run_id} stores artifacts at {uri}; start the MLflow server with artifact proxying "
                "(`mlflow server --serve-artifacts`, the default since MLflow 2.0)"
            )
        location = urllib.parse.urlparse(uri).path.lstrip("/")
        return f"/api/2.0/mlflow-artifacts/artifacts/{location}/{urllib.parse.quote(path)}"

    def log_artifact(self, run_id, path, data) -> None:
        self._request("PUT", self._artifact_url(run_id, path), raw=data)

    def read_artifact(self, run_id, path) -> bytes:
        return self._request("GET", self._artifact_url(run_id, path))

    def run_metrics(self, run_id) -> Dict[str, float]:
        return {m["key"]: float(m["value"]) for m in self._run(run_id).get("data", {}).get("metrics", [])}

    def run_tags(self, run_id) -> Dict[str, str]:
        return {t["key"]: t["value"] for t in self._run(run_id).get("data", {}).get("tags", [])}

    @staticmethod
    def _version(data: Dict[str, Any]) -> ModelVersion:
        return ModelVersion(
            name=data["name"],
            version=int(data["version"]),
            stage=data.get("current_stage", "None"),
            run_id=data.get("run_id", ""),
            source=data.get("source", ""),
            created_ms=int(data.get("creation_timestamp", 0)),
            tags={t["key"]: t["value"] for t in data.get("tags", [])},
        )

    def versions(self, name) -> List[ModelVersion]:
        found, token = [], None
        while True:
            query = {"filter": f"name='{name}'", "max_results": 200}
            if token:
                query["page_token"] = token
            page = self._api("GET", "model-versions/search", query=query)
            found += [self._version(v) for v in page.get("model_versions", [])]
            token = page.get("next_page_token")
            if not token:
                return sorted(found, key=lambda v: v.version)

    def _create_version(self, name, run_id, tags) -> ModelVersion:
        run = self._run(run_id)
        try:
            self._api("POST", "registered-models/create", {"name": name})
        except RegistryError as error:
            if "RESOURCE_ALREADY_EXISTS" not in str(error):
                raise
        created = self._api(
            "POST",
            "model-versions/create",
            {
                "name": name,
                "run_id": run_id,
                "source": f"{run['info']['artifact_uri']}/model",
                "tags": [{"key": k, "value": v} for k, v in tags.items()],
            },
        )
        return self._version(created["model_version"])

    def _set_stage(self, version, stage) -> None:
        self._api(
            "POST",
            "model-versions/transition-stage",
            {"name": version.name, "version": str(version.version), "stage": stage, "archive_existing_versions": False},
        )


def open_registry(uri: str) -> Registry:
    """The registry at `uri`: an MLflow server for http(s), a file registry otherwise."""
    if not uri:
        raise RegistryError("no model registry configured: set MODEL_REGISTRY_URI or registry.uri in config.yaml")
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme in ("http", "https"):
        return MlflowRegistry(uri)
    if parsed.scheme == "file":
        return FileRegistry(Path(urllib.parse.unquote(parsed.path)))
    if parsed.scheme and len(parsed.scheme) > 1:
        raise RegistryError(f"registry URI {uri!r}: use http(s):// (MLflow), file:// or a directory path")
    return FileRegistry(Path(uri).expanduser())
