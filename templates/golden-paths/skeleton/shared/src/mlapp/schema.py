"""The data contract in data/schema.yaml and its validator.

`validate_frame` checks a table against the contract and returns a
data-quality report: one entry per check with its status, plus per-column
statistics. Errors make the data unusable; warnings are reported only.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import pandas as pd
import yaml

COLUMN_TYPES = ("int", "float", "category", "string")
ROLES = ("feature", "target", "id")


class SchemaError(ValueError):
    """Raised when the schema file itself is malformed."""


@dataclass(frozen=True)
class ColumnSpec:
    """Contract of one column."""

    name: str
    role: str
    type: str
    nullable: bool = False
    max_null_fraction: float = 0.0
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    allowed: Optional[List[Any]] = None


@dataclass(frozen=True)
class DataSchema:
    """Contract of a whole table."""

    columns: List[ColumnSpec]
    min_rows: int = 1
    max_duplicate_fraction: float = 1.0

    def by_role(self, role: str) -> List[ColumnSpec]:
        """Columns with the given role, in schema order."""
        return [column for column in self.columns if column.role == role]

    @property
    def feature_names(self) -> List[str]:
        """Names of the model's input features."""
        return [column.name for column in self.by_role("feature")]

    @property
    def numeric_features(self) -> List[str]:
        """Features of type int or float."""
        return [c.name for c in self.by_role("feature") if c.type in ("int", "float")]

    @property
    def categorical_features(self) -> List[str]:
        """Features of type category or string."""
        return [c.name for c in self.by_role("feature") if c.type in ("category", "string")]

    @property
    def target(self) -> str:
        """Name of the label column."""
        targets = self.by_role("target")
        if len(targets) != 1:
            raise SchemaError("schema: exactly one column must have role: target")
        return targets[0].name

    @property
    def id_columns(self) -> List[str]:
        """Record identifiers, carried through scoring but never used as features."""
        return [column.name for column in self.by_role("id")]


def parse_schema(raw: Dict[str, Any]) -> DataSchema:
    """Validates a parsed schema document."""
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
        raise SchemaError("schema: expected a mapping with a 'columns' mapping")
    columns = []
    for name, spec in raw["columns"].items():
        spec = spec or {}
        role = spec.get("role", "feature")
        kind = spec.get("type")
        if role not in ROLES:
            raise SchemaError(f"schema: columns.{name}.role must be one of {ROLES}")
        if kind not in COLUMN_TYPES:
            raise SchemaError(f"schema: columns.{name}.type must be one of {COLUMN_TYPES}")
        allowed = spec.get("allowed")
        if allowed is not None and not isinstance(allowed, list):
            raise SchemaError(f"schema: columns.{name}.allowed must be a list")
        columns.append(
            ColumnSpec(
                name=str(name),
                role=role,
                type=kind,
                nullable=bool(spec.get("nullable", False)),
                max_null_fraction=float(spec.get("max_null_fraction", 0.0)),
                minimum=spec.get("min"),
                maximum=spec.get("max"),
                allowed=allowed,
            )
        )
    schema = DataSchema(
        columns=columns,
        min_rows=int(raw.get("min_rows", 1)),
        max_duplicate_fraction=float(raw.get("max_duplicate_fraction", 1.0)),
    )
    schema.target  # noqa: B018 - fails early when the target is not unique
    return schema


def load_schema(path: Path) -> DataSchema:
    """Reads data/schema.yaml."""
    with Path(path).open(encoding="utf-8") as handle:
        return parse_schema(yaml.safe_load(handle))


@dataclass
class QualityReport:
    """Result of validating one table."""

    dataset: str
    rows: int
    checks: List[Dict[str, Any]] = field(default_factory=list)
    column_stats: Dict[str, Dict[str, Any]] = field(default_factory=dict)

    def add(self, column: str, check: str, passed: bool, detail: str, severity: str = "error") -> None:
        """Records one check; a failed check has the given severity."""
        status = "pass" if passed else severity
        self.checks.append({"column": column, "check": check, "status": status, "detail": detail})

    @property
    def errors(self) -> List[Dict[str, Any]]:
        """Failed checks that make the data unusable."""
        return [c for c in self.checks if c["status"] == "error"]

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        """Failed checks that are reported only."""
        return [c for c in self.checks if c["status"] == "warning"]

    @property
    def passed(self) -> bool:
        """True when no check failed with severity error."""
        return not self.errors

    def to_dict(self) -> Dict[str, Any]:
        """JSON-serialisable form of the report."""
        return {
            "dataset": self.dataset,
            "rows": self.rows,
            "passed": self.passed,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "checks": self.checks,
            "column_stats": self.column_stats,
        }

    def to_markdown(self) -> str:
        """Human-readable form of the report."""
        lines = [
            f"# Data-quality report: {self.dataset}",
            "",
            f"Rows: {self.rows} | result: {'PASS' if self.passed else 'FAIL'} | "
            f"errors: {len(self.errors)} | warnings: {len(self.warnings)}",
            "",
            "| column | check | status | detail |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {c['column']} | {c['check']} | {c['status']} | {c['detail']} |" for c in self.checks
        ]
        return "\n".join(lines) + "\n"

    def write(self, directory: Path, stem: str = "data-quality") -> Path:
        """Writes `<stem>.json` and `<stem>.md` into `directory`; returns the JSON path."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        json_path = directory / f"{stem}.json"
        json_path.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        (directory / f"{stem}.md").write_text(self.to_markdown(), encoding="utf-8")
        return json_path


def _as_text(value: Any, kind: str) -> str:
    return str(int(value)) if kind == "int" else str(value)


def _check_column(frame: pd.DataFrame, spec: ColumnSpec, report: QualityReport) -> None:
    series = frame[spec.name]
    null_fraction = float(series.isna().mean()) if len(series) else 0.0
    limit = 1.0 if spec.nullable else spec.max_null_fraction
    report.add(
        spec.name,
        "nulls",
        null_fraction <= limit,
        f"null fraction {null_fraction:.3f} (limit {limit:.3f})",
    )
    values = series.dropna()
    stats: Dict[str, Any] = {"null_fraction": round(null_fraction, 4), "distinct": int(values.nunique())}
    if spec.type in ("int", "float"):
        numeric = pd.to_numeric(values, errors="coerce")
        bad = int(numeric.isna().sum())
        report.add(spec.name, "type", bad == 0, f"{bad} value(s) not numeric")
        if spec.type == "int" and bad == 0 and len(numeric):
            fractional = int((numeric != numeric.round()).sum())
            report.add(spec.name, "integer", fractional == 0, f"{fractional} value(s) not whole numbers")
        numeric = numeric.dropna()
        if len(numeric):
            stats.update(
                {
                    "min": float(numeric.min()),
                    "max": float(numeric.max()),
                    "mean": round(float(numeric.mean()), 4),
                }
            )
        if spec.minimum is not None:
            below = int((numeric < spec.minimum).sum())
            report.add(spec.name, "min", below == 0, f"{below} value(s) below {spec.minimum}")
        if spec.maximum is not None:
            above = int((numeric > spec.maximum).sum())
            report.add(spec.name, "max", above == 0, f"{above} value(s) above {spec.maximum}")
        values = numeric
    if spec.allowed is not None:
        allowed = {str(value) for value in spec.allowed}
        unexpected = sorted({_as_text(v, spec.type) for v in values.tolist()} - allowed)
        report.add(
            spec.name,
            "allowed",
            not unexpected,
            "unexpected: " + ", ".join(unexpected[:5]) if unexpected else "all values allowed",
        )
    report.column_stats[spec.name] = stats


def validate_frame(
    frame: pd.DataFrame, schema: DataSchema, dataset: str = "data", require_target: bool = True
) -> QualityReport:
    """Checks a table against the contract and returns the data-quality report."""
    report = QualityReport(dataset=dataset, rows=int(len(frame)))
    report.add("*", "min_rows", len(frame) >= schema.min_rows, f"{len(frame)} rows (minimum {schema.min_rows})")
    expected = [c for c in schema.columns if require_target or c.role != "target"]
    for spec in expected:
        present = spec.name in frame.columns
        report.add(spec.name, "present", present, "column present" if present else "column missing")
        if present:
            _check_column(frame, spec, report)
    known = {c.name for c in schema.columns}
    extra = [name for name in frame.columns if name not in known]
    report.add("*", "unexpected_columns", not extra, ", ".join(extra) or "none", severity="warning")
    if len(frame):
        duplicates = float(frame.duplicated().mean())
        report.add(
            "*",
            "duplicates",
            duplicates <= schema.max_duplicate_fraction,
            f"duplicate row fraction {duplicates:.3f} (limit {schema.max_duplicate_fraction:.3f})",
        )
    return report
