"""The current data for drift: a window of the logs, in bounded memory.

The files (one CSV, or every CSV of a directory, oldest first) are read in
chunks. Rows older than `window_days` are dropped (by the `logged_at` column
where the file has one, else by the file's modification time); of the rest only
the last `window_rows` count. A uniform reservoir sample of at most
`sample_rows` rows is kept, so memory is bounded by the sample and one chunk,
however many rows the window holds.
"""

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

import numpy as np
import pandas as pd

from .config import DriftConfig

SECONDS_PER_DAY = 86400.0


@dataclass
class Window:
    """A uniform sample of the rows in the window and how many rows the window held."""

    sample: pd.DataFrame
    rows_in_window: int
    files: int

    def describe(self, limits: DriftConfig) -> dict:
        """The window's settings and size, for the drift report."""
        return {
            "window_days": limits.window_days,
            "window_rows": limits.window_rows,
            "rows_in_window": self.rows_in_window,
            "rows_sampled": int(len(self.sample)),
            "files": self.files,
        }


def input_files(path: Path) -> List[Path]:
    """One CSV, or the CSVs of a directory oldest first."""
    path = Path(path)
    if not path.is_dir():
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found")
        return [path]
    files = sorted(path.glob("*.csv"), key=lambda file: (file.stat().st_mtime, file.name))
    if not files:
        raise FileNotFoundError(f"no CSV files in {path}")
    return files


def _in_window_chunks(files: List[Path], limits: DriftConfig, now: float) -> Iterator[pd.DataFrame]:
    cutoff = now - limits.window_days * SECONDS_PER_DAY if limits.window_days else None
    for file in files:
        for chunk in pd.read_csv(file, chunksize=limits.chunk_rows):
            if cutoff is not None:
                if limits.timestamp_column in chunk.columns:
                    stamps = pd.to_datetime(chunk[limits.timestamp_column], utc=True, errors="coerce")
                    seconds = stamps.astype("int64").to_numpy() / 1e9
                    chunk = chunk[stamps.notna().to_numpy() & (seconds >= cutoff)]
                elif file.stat().st_mtime < cutoff:
                    break
            if len(chunk):
                yield chunk


class Reservoir:
    """Algorithm R over chunks: every row seen has the same chance to be in the sample."""

    def __init__(self, size: int, seed: int = 0):
        self.size = size
        self.seen = 0
        self.sample: Optional[pd.DataFrame] = None
        self.rng = np.random.default_rng(seed)

    def add(self, chunk: pd.DataFrame) -> None:
        chunk = chunk.reset_index(drop=True)
        room = max(0, self.size - (0 if self.sample is None else len(self.sample)))
        head, rest = chunk.iloc[:room], chunk.iloc[room:]
        if len(head):
            self.sample = head.copy() if self.sample is None else pd.concat([self.sample, head], ignore_index=True)
        self.seen += len(head)
        if len(rest):
            positions = self.seen + np.arange(len(rest))
            slots = (self.rng.random(len(rest)) * (positions + 1)).astype(np.int64)
            chosen = np.flatnonzero(slots < self.size)
            # A slot chosen twice keeps the later row, as the sequential algorithm would.
            reversed_slots = slots[chosen][::-1]
            _, first = np.unique(reversed_slots, return_index=True)
            keep = chosen[::-1][first]
            for column in self.sample.columns.intersection(rest.columns):
                position = self.sample.columns.get_loc(column)
                self.sample.iloc[slots[keep], position] = rest[column].to_numpy()[keep]
            self.seen += len(rest)


def read_window(path: Path, limits: DriftConfig, now: Optional[float] = None, seed: int = 0) -> Window:
    """The window of `path` as a bounded uniform sample (see the module docstring)."""
    now = time.time() if now is None else now
    files = input_files(path)
    skip = 0
    if limits.window_rows:
        total = sum(len(chunk) for chunk in _in_window_chunks(files, limits, now))
        skip = max(0, total - limits.window_rows)
    reservoir = Reservoir(limits.sample_rows, seed)
    rows = 0
    for chunk in _in_window_chunks(files, limits, now):
        if skip >= len(chunk):
            skip -= len(chunk)
            continue
        chunk = chunk.iloc[skip:]
        skip = 0
        reservoir.add(chunk)
        rows += len(chunk)
    if reservoir.sample is None:
        raise FileNotFoundError(f"no rows of {path} in the drift window ({limits.window_days} days)")
    return Window(sample=reservoir.sample, rows_in_window=rows, files=len(files))
