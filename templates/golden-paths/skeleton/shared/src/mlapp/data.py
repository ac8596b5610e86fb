"""Reading tables and splitting them into model inputs and labels."""

from pathlib import Path
from typing import Tuple

import pandas as pd

from .schema import DataSchema, QualityReport, validate_frame


class DataQualityError(RuntimeError):
    """Raised when a table fails its data contract; carries the report."""

    def __init__(self, report: QualityReport):
        failed = ", ".join(f"{c['column']}:{c['check']}" for c in report.errors)
        super().__init__(f"{report.dataset} failed data validation ({failed})")
        self.report = report


def read_table(path: Path) -> pd.DataFrame:
    """Reads a CSV file; categorical columns stay strings."""
    return pd.read_csv(path)


def load_validated(
    path: Path, schema: DataSchema, reports_dir: Path, require_target: bool = True, stem: str = "data-quality"
) -> pd.DataFrame:
    """Reads a CSV, writes its data-quality report and raises when it fails."""
    frame = read_table(path)
    report = validate_frame(frame, schema, dataset=Path(path).name, require_target=require_target)
    report.write(reports_dir, stem)
    if not report.passed:
        raise DataQualityError(report)
    return frame


def features(frame: pd.DataFrame, schema: DataSchema) -> pd.DataFrame:
    """The feature columns, in schema order."""
    return frame[schema.feature_names]


def split_xy(frame: pd.DataFrame, schema: DataSchema) -> Tuple[pd.DataFrame, pd.Series]:
    """Features and integer labels."""
    return features(frame, schema), frame[schema.target].astype(int)
