"""Pushing job metrics to a Prometheus Pushgateway.

Scheduled jobs (drift checks, scoring, retraining) are gone before Prometheus
could scrape them, so they push their final metrics instead. Nothing is pushed
unless PUSHGATEWAY_URL is set.
"""

import os
import urllib.request
from typing import Optional


def push_metrics(gateway_url: str, job: str, text: str, timeout: float = 10.0) -> None:
    """Replaces the job's metric group on the gateway (HTTP PUT of the text format)."""
    request = urllib.request.Request(
        f"{gateway_url.rstrip('/')}/metrics/job/{job}",
        data=text.encode("utf-8"),
        method="PUT",
        headers={"Content-Type": "text/plain; version=0.0.4"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - operator-configured URL
        response.read()


def push_if_configured(job: str, text: str) -> Optional[str]:
    """Pushes when PUSHGATEWAY_URL is set; returns the gateway URL used, if any."""
    gateway = os.environ.get("PUSHGATEWAY_URL")
    if gateway:
        push_metrics(gateway, job, text)
    return gateway
