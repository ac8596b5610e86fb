"""The drift window: last N days or rows of the logs, read in bounded memory."""

import os
import time
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from mlapp.config import DriftConfig, ConfigError, parse_config
from mlapp.window import Reservoir, read_window

NOW = 1_800_000_000.0  # a fixed "now" (2027-01-15)


def limits(**window):
    return DriftConfig(psi_warn=0.1, psi_alert=0.25, ks_pvalue=0.01, bins=10, **window)


def stamp(seconds_ago):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW - seconds_ago))


def test_window_days_keeps_only_recent_logged_rows(tmp_path):
    rows = [{"x": i, "logged_at": stamp(days * 86400)} for i, days in enumerate([10, 9, 3, 1, 0.5])]
    pd.DataFrame(rows).to_csv(tmp_path / "inputs-a.csv", index=False)
    window = read_window(tmp_path, limits(window_days=7), now=NOW)
    assert sorted(window.sample["x"]) == [2, 3, 4] and window.rows_in_window == 3


def test_files_without_a_timestamp_count_by_their_modification_time(tmp_path):
    pd.DataFrame({"x": [1, 2]}).to_csv(tmp_path / "old.csv", index=False)
    pd.DataFrame({"x": [3]}).to_csv(tmp_path / "new.csv", index=False)
    os.utime(tmp_path / "old.csv", (NOW - 30 * 86400, NOW - 30 * 86400))
    os.utime(tmp_path / "new.csv", (NOW - 3600, NOW - 3600))
    assert list(read_window(tmp_path, limits(window_days=7), now=NOW).sample["x"]) == [3]
    with pytest.raises(FileNotFoundError, match="no rows"):
        read_window(tmp_path / "old.csv", limits(window_days=7), now=NOW)


def test_window_rows_keeps_the_last_rows_across_files_oldest_first(tmp_path):
    pd.DataFrame({"x": range(0, 100)}).to_csv(tmp_path / "b.csv", index=False)
    pd.DataFrame({"x": range(100, 150)}).to_csv(tmp_path / "a.csv", index=False)
    os.utime(tmp_path / "b.csv", (NOW - 7200, NOW - 7200))
    os.utime(tmp_path / "a.csv", (NOW - 60, NOW - 60))
    window = read_window(tmp_path, limits(window_rows=70, chunk_rows=16), now=NOW)
    assert sorted(window.sample["x"]) == list(range(80, 150)) and window.rows_in_window == 70


def test_the_reservoir_is_a_uniform_sample():
    counts = np.zeros(1000)
    for seed in range(200):
        reservoir = Reservoir(100, seed=seed)
        for start in range(0, 1000, 64):
            reservoir.add(pd.DataFrame({"x": np.arange(start, min(start + 64, 1000))}))
        assert len(reservoir.sample) == 100 and reservoir.sample["x"].is_unique
        counts[reservoir.sample["x"].to_numpy()] += 1
    # Every row is kept with probability 0.1: 20 times in 200 draws on average.
    halves = counts[:500].sum(), counts[500:].sum()
    assert abs(halves[0] - halves[1]) < 0.1 * sum(halves)
    assert counts.min() > 2 and counts.max() < 50


def test_memory_stays_bounded_by_the_sample_not_the_window(tmp_path):
    rng = np.random.default_rng(0)
    rows = 400_000
    frame = pd.DataFrame({"x": rng.normal(size=rows), "channel": rng.choice(["web", "store"], rows)})
    frame.to_csv(tmp_path / "inputs.csv", index=False)
    whole = frame.memory_usage(deep=True).sum()
    del frame
    tracemalloc.start()
    window = read_window(tmp_path / "inputs.csv", limits(sample_rows=5_000, chunk_rows=20_000), now=NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert window.rows_in_window == rows and len(window.sample) == 5_000
    assert peak < whole / 3, (peak, whole)


def test_window_settings_are_validated(raw_config, tmp_path):
    raw = {**raw_config, "registry": {"uri": str(tmp_path / "registry")}}
    raw["drift"] = {**raw_config["drift"], "window_rows": 2.5}
    with pytest.raises(ConfigError, match="drift.window_rows must be a positive whole number"):
        parse_config(raw, tmp_path / "repo")
    raw["drift"] = {**raw_config["drift"], "window_days": -1}
    with pytest.raises(ConfigError, match="drift.window_days must be a positive number"):
        parse_config(raw, tmp_path / "repo")
