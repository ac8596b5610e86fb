import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from mlapp.pushgateway import push_if_configured


class FakeGateway:
    """A real HTTP server on 127.0.0.1 that records one PUT."""

    def __init__(self):
        self.received = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_PUT(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((self.path, self.headers["Content-Type"], body.decode()))
                self.send_response(202)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.handle_request, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.thread.join(timeout=10)
        self.server.server_close()


def test_nothing_is_pushed_without_a_gateway(monkeypatch):
    monkeypatch.delenv("PUSHGATEWAY_URL", raising=False)
    assert push_if_configured("job", "m 1\n") is None


def test_metrics_are_put_under_the_job(monkeypatch):
    with FakeGateway() as gateway:
        monkeypatch.setenv("PUSHGATEWAY_URL", gateway.url + "/")
        assert push_if_configured("fraud-drift", "m 1\n") == gateway.url + "/"
    path, content_type, body = gateway.received[0]
    assert path == "/metrics/job/fraud-drift"
    assert content_type.startswith("text/plain") and body == "m 1\n"
