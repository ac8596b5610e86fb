"""The built service as a process: it starts with the registered model from its
bundle and answers /predict; without a valid bundle it still starts and says why."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mlapp.bundle import write_bundle
from mlapp.registry import open_registry
from mlapp.train import train

REPO_ROOT = Path(__file__).resolve().parents[1]
RECORD = {"amount": 120.5, "tenure_months": 3, "num_transactions_30d": 40, "channel": "web", "region": "north"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _call(url: str, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def serve(tmp_path):
    processes = []

    def start(model_dir: Path):
        port = _free_port()
        env = {**os.environ, "MODEL_DIR": str(model_dir), "PYTHONPATH": str(REPO_ROOT / "src")}
        process = subprocess.Popen(
            [sys.executable, "-m", "mlapp.service", "--port", str(port)],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 30
        while time.time() < deadline:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                _call(f"{base}/health")
                return base
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        raise AssertionError("the service did not start listening")

    yield start
    for process in processes:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def bundle(config, tmp_path):
    registry = open_registry(config.registry_uri)
    registry.register(config.model_name, train(config).run_id)
    registry.register(config.model_name, train(config).run_id)
    write_bundle(registry, config.model_name, 2, tmp_path / "model")
    return tmp_path / "model"


def test_starts_with_the_registered_version_and_answers_predict(serve, bundle, config):
    base = serve(bundle)
    assert _call(f"{base}/health") == (200, {"status": "ok", "model": config.model_name, "version": "2"})
    status, body = _call(f"{base}/predict", {"instances": [RECORD]})
    assert status == 200 and body["version"] == "2" and 0 <= body["predictions"][0]["score"] <= 1


def test_starts_without_a_valid_bundle_and_reports_why(serve, bundle, tmp_path):
    tampered = tmp_path / "tampered"
    shutil.copytree(bundle, tampered)
    (tampered / "model.pkl").write_bytes(b"x")
    base = serve(tampered)
    status, body = _call(f"{base}/health")
    assert status == 503 and "sha256 does not match" in body["detail"]
    status, body = _call(f"{base}/predict", {"instances": [RECORD]})
    assert status == 503 and "no model loaded" in body["detail"]
    assert _call(f"{serve(tmp_path / 'missing')}/health")[0] == 503
