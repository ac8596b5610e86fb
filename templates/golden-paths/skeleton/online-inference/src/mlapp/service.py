"""The prediction service: FastAPI with pydantic input validation.

Endpoints: POST /predict, GET /health, GET /metrics (Prometheus). The model is
the bundle CD put into the image (MODEL_DIR, default `model/`: one registered
version, its sha256 and scikit-learn version checked at load). Without a valid
bundle the service still starts, answers 503 on /health and /predict with the
reason, and the readiness probe keeps it out of traffic. With INPUT_LOG_DIR set,
validated inputs are appended
to a CSV per process there, for the scheduled drift job. Run it with
`make serve` or `python3 -m mlapp.service --host 0.0.0.0 --port 8080`.
"""

import argparse
import csv
import os
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Literal, Optional

import pandas as pd
import pydantic
import yaml
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from pydantic import BaseModel, Field

from .config import Config, load_config
from .bundle import load_bundle
from .registry import RegistryError, open_registry
from .schema import load_schema

MAX_INSTANCES = 100
PYDANTIC_V2 = pydantic.VERSION.startswith("2")

if PYDANTIC_V2:

    class StrictModel(BaseModel):
        """Rejects unknown fields."""

        model_config = pydantic.ConfigDict(extra="forbid")

else:

    class StrictModel(BaseModel):  # type: ignore[no-redef]
        """Rejects unknown fields."""

        class Config:
            extra = "forbid"


def as_dict(model: BaseModel) -> Dict[str, Any]:
    """A pydantic model's fields as a dict (pydantic 1 and 2)."""
    return model.model_dump() if PYDANTIC_V2 else model.dict()


class Features(StrictModel):
    """One record to score; keep in step with data/schema.yaml."""

    amount: float = Field(..., ge=0, le=100000, description="Transaction amount")
    tenure_months: int = Field(..., ge=0, le=600, description="Months since the account was opened")
    num_transactions_30d: int = Field(..., ge=0, le=10000, description="Transactions in the last 30 days")
    channel: Literal["web", "mobile", "store"]
    region: Literal["north", "south", "east", "west"]


class PredictRequest(StrictModel):
    """Between 1 and 100 records."""

    instances: List[Features]


class Prediction(BaseModel):
    """Score (probability of the positive class) and the thresholded label."""

    score: float
    label: int


class PredictResponse(BaseModel):
    """Predictions in request order, with the model version that made them."""

    model: str
    version: str
    predictions: List[Prediction]


class Health(BaseModel):
    """Liveness and the loaded model."""

    status: str
    model: str
    version: str


class LoadedModel:
    """A model from the registry with its identity."""

    def __init__(self, name: str, version: str, run_id: str, estimator: Any):
        self.name = name
        self.version = version
        self.run_id = run_id
        self.estimator = estimator

    @classmethod
    def from_bundle(cls, config: Config, directory: Path) -> "LoadedModel":
        """Loads the model bundle CD built into the image."""
        bundle = load_bundle(directory, config.model_name)
        return cls(config.model_name, str(bundle.info["version"]), bundle.info["run_id"], bundle.model)

    @classmethod
    def from_registry(cls, config: Config, run_id: Optional[str] = None) -> "LoadedModel":
        """For development: the named run, else the champion, else the latest registered version."""
        registry = open_registry(config.registry_uri)
        if run_id:
            return cls(config.model_name, f"run-{run_id[:8]}", run_id, registry.load_model(run_id))
        version = registry.serving_version(config.model_name)
        return cls(config.model_name, str(version.version), version.run_id, registry.load_model(version.run_id))


class InputLog:
    """Appends validated request records, with their `logged_at` time (UTC), to
    `<dir>/inputs-<host>-<pid>.csv`; the drift job reads the last days of them."""

    def __init__(self, directory: Path, columns: List[str]):
        self.path = Path(directory) / f"inputs-{socket.gethostname()}-{os.getpid()}.csv"
        self.columns = columns + ["logged_at"]
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls, columns: List[str]) -> Optional["InputLog"]:
        """The log configured by INPUT_LOG_DIR, if any."""
        directory = os.environ.get("INPUT_LOG_DIR")
        return cls(Path(directory), columns) if directory else None

    def append(self, records: List[Dict[str, Any]]) -> None:
        """Writes the records (and the header, for a new file)."""
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new_file = not self.path.exists()
            with self.path.open("a", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=self.columns)
                if new_file:
                    writer.writeheader()
                logged_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                writer.writerows({**record, "logged_at": logged_at} for record in records)


class ServiceMetrics:
    """Prometheus metrics of one app instance (own registry, so tests can build many apps)."""

    def __init__(self, model: LoadedModel):
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "mlapp_http_requests_total",
            "HTTP requests by route and status code.",
            ["route", "code"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "mlapp_http_request_duration_seconds",
            "Request latency by route.",
            ["route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5),
            registry=self.registry,
        )
        self.predictions = Counter(
            "mlapp_predictions_total", "Predictions by predicted label.", ["label"], registry=self.registry
        )
        self.scores = Histogram(
            "mlapp_prediction_score",
            "Distribution of predicted scores (watch for output drift).",
            buckets=tuple(i / 10 for i in range(1, 11)),
            registry=self.registry,
        )
        info = Gauge("mlapp_model_info", "The loaded model.", ["model", "version", "run_id"], registry=self.registry)
        info.labels(model.name, model.version, model.run_id).set(1)


def create_app(
    config: Config, model: Optional[LoadedModel], input_log: Optional[InputLog] = None, unavailable: str = ""
) -> FastAPI:
    """Builds the app around a loaded model (None: 503 with `unavailable` as the reason)."""
    app = FastAPI(
        title=f"{config.model_name} prediction API",
        version="1.0.0",
        description="Online predictions; inputs are validated against the data contract.",
    )
    metrics = ServiceMetrics(model or LoadedModel(config.model_name, "none", "none", None))

    @app.middleware("http")
    async def observe(request: Request, call_next):
        started = time.perf_counter()
        route = request.url.path if request.url.path in ("/predict", "/health", "/metrics") else "other"
        response = await call_next(request)
        metrics.latency.labels(route).observe(time.perf_counter() - started)
        metrics.requests.labels(route, str(response.status_code)).inc()
        return response

    @app.get("/health", response_model=Health, responses={503: {"description": "No model loaded"}})
    def health():
        if model is None:
            return JSONResponse(status_code=503, content={"status": "unavailable", "detail": unavailable})
        return Health(status="ok", model=model.name, version=model.version)

    @app.post("/predict", response_model=PredictResponse, responses={503: {"description": "No model loaded"}})
    def predict(body: PredictRequest) -> PredictResponse:
        if model is None:
            raise HTTPException(status_code=503, detail=f"no model loaded: {unavailable}")
        if not 1 <= len(body.instances) <= MAX_INSTANCES:
            raise HTTPException(status_code=422, detail=f"instances: send between 1 and {MAX_INSTANCES} records")
        records = [as_dict(instance) for instance in body.instances]
        scores = model.estimator.predict_proba(pd.DataFrame(records))[:, 1]
        if input_log is not None:
            input_log.append(records)
        predictions = []
        for score in scores:
            label = int(score >= 0.5)
            metrics.predictions.labels(str(label)).inc()
            metrics.scores.observe(float(score))
            predictions.append(Prediction(score=round(float(score), 6), label=label))
        return PredictResponse(model=model.name, version=model.version, predictions=predictions)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return app


DEFINITION_KEY = "\n  definition: |\n"


def write_openapi(app: FastAPI, catalog_info: Path) -> None:
    """Rewrites the API entity's inline OpenAPI definition in catalog-info.yaml.

    The definition is the last key of the last document in the file, so
    everything after `  definition: |` is replaced; the rest is left as written.
    """
    text = Path(catalog_info).read_text(encoding="utf-8")
    start = text.rfind(DEFINITION_KEY)
    if start < 0:
        raise ValueError(f"{catalog_info}: no API entity ending with `definition: |`")
    document = yaml.safe_dump(app.openapi(), sort_keys=False)
    body = "".join(f"    {line}" if line.strip() else line for line in document.splitlines(keepends=True))
    Path(catalog_info).write_text(text[: start + len(DEFINITION_KEY)] + body, encoding="utf-8")


def main() -> None:
    """Serves the model with uvicorn, or refreshes the OpenAPI definition in catalog-info.yaml."""
    parser = argparse.ArgumentParser(description="Serve the model")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument(
        "--write-openapi", type=Path, metavar="CATALOG_INFO", help="refresh the API definition in this file and exit"
    )
    args = parser.parse_args()
    config = load_config(args.config)
    if args.write_openapi:
        # The document depends on the routes and schemas only, not on a trained model.
        write_openapi(create_app(config, LoadedModel(config.model_name, "none", "none", None)), args.write_openapi)
        return
    model, unavailable = None, ""
    try:
        model = LoadedModel.from_bundle(config, config.resolve(os.environ.get("MODEL_DIR", "model")))
    except (RegistryError, OSError, ValueError) as error:
        unavailable = str(error)
        print(f"error: {unavailable}", file=sys.stderr)
    app = create_app(config, model, InputLog.from_env(load_schema(config.schema_path).feature_names), unavailable)
    import uvicorn

    uvicorn.run(app, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
