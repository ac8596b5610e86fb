import pandas as pd
import pytest

from mlapp.schema import SchemaError, parse_schema, validate_frame


def test_bundled_samples_satisfy_the_contract(schema, sample_path, degraded_path):
    for path in (sample_path, degraded_path):
        report = validate_frame(pd.read_csv(path), schema, dataset=path.name)
        assert report.passed, report.to_markdown()


def test_report_names_each_broken_rule(schema, sample_path):
    frame = pd.read_csv(sample_path)
    frame.loc[0, "amount"] = -5
    frame.loc[1, "channel"] = "fax"
    frame.loc[2, "tenure_months"] = None
    frame = frame.drop(columns=["region"])
    report = validate_frame(frame, schema, dataset="broken")
    failed = {(c["column"], c["check"]) for c in report.errors}
    assert failed == {("amount", "min"), ("channel", "allowed"), ("tenure_months", "nulls"), ("region", "present")}
    assert not report.passed
    assert "FAIL" in report.to_markdown()


def test_scoring_data_may_omit_the_label(schema, sample_path):
    frame = pd.read_csv(sample_path).drop(columns=["label"])
    assert not validate_frame(frame, schema).passed
    assert validate_frame(frame, schema, require_target=False).passed


def test_too_few_rows_and_unexpected_columns(schema, sample_path):
    frame = pd.read_csv(sample_path).head(10).assign(extra=1)
    report = validate_frame(frame, schema)
    assert [c["check"] for c in report.errors] == ["min_rows"]
    assert [c["check"] for c in report.warnings] == ["unexpected_columns"]


def test_report_is_written_as_json_and_markdown(schema, sample_path, tmp_path):
    report = validate_frame(pd.read_csv(sample_path), schema, dataset="train.csv")
    path = report.write(tmp_path)
    assert path.name == "data-quality.json" and (tmp_path / "data-quality.md").exists()
    assert '"passed": true' in path.read_text()


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"columns": {"a": {"type": "decimal", "role": "target"}}}, "columns.a.type"),
        ({"columns": {"a": {"type": "int", "role": "label"}}}, "columns.a.role"),
        ({"columns": {"a": {"type": "int"}}}, "role: target"),
        ({"cols": {}}, "columns"),
    ],
)
def test_malformed_schema_is_rejected(raw, message):
    with pytest.raises(SchemaError, match=message):
        parse_schema(raw)
