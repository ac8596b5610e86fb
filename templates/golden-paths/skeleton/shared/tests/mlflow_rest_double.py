"""A stand-in for an MLflow tracking server, for the registry client's tests.

MLflow itself is not installed where these tests run, so this in-process HTTP
server answers the part of MLflow 2.x's REST API the client uses, with MLflow's
request and response shapes and error codes (RESOURCE_DOES_NOT_EXIST,
RESOURCE_ALREADY_EXISTS) and proxied artifacts under /api/2.0/mlflow-artifacts/.
"""

import json
import threading
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class MlflowState:
    def __init__(self):
        self.experiments, self.runs, self.models, self.versions, self.artifacts = {}, {}, set(), [], {}
        self.authorizations = []


def _error(code, message):
    raise LookupError(json.dumps({"error_code": code, "message": message}))


def handle(state, method, path, query, body):  # noqa: C901 - one table of endpoints
    api = "/api/2.0/mlflow/"
    if path.startswith("/api/2.0/mlflow-artifacts/artifacts/"):
        key = path[len("/api/2.0/mlflow-artifacts/artifacts/") :]
        if method == "PUT":
            state.artifacts[key] = body
            return {}
        if key not in state.artifacts:
            _error("RESOURCE_DOES_NOT_EXIST", f"no artifact {key}")
        return state.artifacts[key]
    endpoint = path[len(api) :]
    data = json.loads(body or b"{}")
    if endpoint == "experiments/get-by-name":
        name = query["experiment_name"][0]
        if name not in state.experiments:
            _error("RESOURCE_DOES_NOT_EXIST", f"no experiment {name}")
        return {"experiment": {"experiment_id": state.experiments[name], "name": name}}
    if endpoint == "experiments/create":
        state.experiments[data["name"]] = str(len(state.experiments) + 1)
        return {"experiment_id": state.experiments[data["name"]]}
    if endpoint == "runs/create":
        run_id = uuid.uuid4().hex
        uri = f"mlflow-artifacts:/{data['experiment_id']}/{run_id}/artifacts"
        state.runs[run_id] = {"info": {"run_id": run_id, "artifact_uri": uri, "status": "RUNNING"},
                              "data": {"metrics": [], "params": [], "tags": list(data.get("tags", []))}}
        return {"run": state.runs[run_id]}
    if endpoint == "runs/get":
        run = state.runs.get(query["run_id"][0]) or _error("RESOURCE_DOES_NOT_EXIST", "no such run")
        return {"run": run}
    if endpoint == "runs/log-batch":
        run = state.runs[data["run_id"]]["data"]
        run["metrics"] += [{"key": m["key"], "value": m["value"]} for m in data.get("metrics", [])]
        run["params"] += data.get("params", [])
        return {}
    if endpoint == "runs/update":
        state.runs[data["run_id"]]["info"]["status"] = data["status"]
        return {}
    if endpoint == "registered-models/create":
        if data["name"] in state.models:
            _error("RESOURCE_ALREADY_EXISTS", f"model {data['name']} exists")
        state.models.add(data["name"])
        return {"registered_model": {"name": data["name"]}}
    if endpoint == "model-versions/create":
        number = 1 + sum(1 for v in state.versions if v["name"] == data["name"])
        version = {"name": data["name"], "version": str(number), "current_stage": "None", "run_id": data["run_id"],
                   "source": data["source"], "creation_timestamp": 1, "tags": data.get("tags", [])}
        state.versions.append(version)
        return {"model_version": version}
    if endpoint == "model-versions/search":
        name = query["filter"][0].split("'")[1]
        return {"model_versions": [v for v in state.versions if v["name"] == name]}
    if endpoint == "model-versions/transition-stage":
        version = next(v for v in state.versions if v["name"] == data["name"] and v["version"] == data["version"])
        version["current_stage"] = data["stage"]
        return {"model_version": version}
    _error("ENDPOINT_NOT_FOUND", f"{method} {path}")


def start(state):
    class Handler(BaseHTTPRequestHandler):
        def _serve(self, method):
            parsed = urllib.parse.urlparse(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.authorizations.append(self.headers.get("Authorization"))
            try:
                query = urllib.parse.parse_qs(parsed.query)
                answer = handle(state, method, urllib.parse.unquote(parsed.path), query, body)
                status, payload = 200, answer if isinstance(answer, bytes) else json.dumps(answer).encode()
            except LookupError as error:
                code = json.loads(str(error))["error_code"]
                status, payload = (404 if code != "RESOURCE_ALREADY_EXISTS" else 400), str(error).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self):
            self._serve("GET")

        def do_POST(self):
            self._serve("POST")

        def do_PUT(self):
            self._serve("PUT")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server
