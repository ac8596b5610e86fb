import numpy as np
import pandas as pd

from mlapp.config import DriftConfig
from mlapp.drift import categorical_psi, compute_drift, numeric_psi, psi, to_prometheus

LIMITS = DriftConfig(psi_warn=0.1, psi_alert=0.25, ks_pvalue=0.01, bins=10)


def test_psi_matches_a_hand_computed_value():
    # (0.6-0.5)ln(0.6/0.5) + (0.4-0.5)ln(0.4/0.5) = 0.0182321557 + 0.0223143551
    assert abs(psi(np.array([0.5, 0.5]), np.array([0.6, 0.4])) - 0.0405465108) < 1e-9
    assert psi(np.array([0.25] * 4), np.array([0.25] * 4)) == 0


def test_numeric_psi_is_small_for_same_distribution_and_large_for_a_shift():
    rng = np.random.RandomState(0)
    reference = pd.Series(rng.normal(0, 1, 2000))
    assert numeric_psi(reference, pd.Series(rng.normal(0, 1, 2000)), 10) < 0.05
    assert numeric_psi(reference, pd.Series(rng.normal(1.5, 1, 2000)), 10) > 0.25


def test_categorical_psi_sees_a_new_mix():
    reference = pd.Series(["a"] * 50 + ["b"] * 50)
    assert categorical_psi(reference, reference.copy()) == 0
    assert categorical_psi(reference, pd.Series(["a"] * 90 + ["c"] * 10)) > 0.25


def test_report_flags_only_the_shifted_feature(schema, sample_path):
    frame = pd.read_csv(sample_path)
    reference = frame.iloc[:200]
    current = frame.iloc[200:].copy()
    assert not compute_drift(reference, current, schema, LIMITS)["drift_detected"]
    current["amount"] = current["amount"] * 5
    report = compute_drift(reference, current, schema, LIMITS)
    assert report["drifted_features"] == ["amount"]
    amount = next(f for f in report["features"] if f["feature"] == "amount")
    assert amount["pvalue"] < 0.01 and amount["psi"] > 0.25
    text = to_prometheus(report, "m")
    assert 'mlapp_feature_psi{model="m",feature="amount"}' in text
    assert 'mlapp_drift_detected{model="m"} 1' in text


def test_missing_feature_is_an_alert(schema, sample_path):
    frame = pd.read_csv(sample_path)
    report = compute_drift(frame, frame.drop(columns=["region"]), schema, LIMITS)
    assert report["drifted_features"] == ["region"]


def test_an_alert_needs_a_large_and_a_significant_shift():
    limits = LIMITS
    rng = np.random.default_rng(1)
    schema = type("Schema", (), {"feature_names": ["x"], "numeric_features": ["x"]})()
    reference = pd.DataFrame({"x": rng.normal(0, 1, 50_000)})
    # A million rows shifted by 0.05 standard deviations: the KS test is certain
    # it is not the same distribution, but the effect is trivial -> no alert.
    trivial = pd.DataFrame({"x": rng.normal(0.05, 1, 1_000_000)})
    report = compute_drift(reference, trivial, schema, limits)
    feature = report["features"][0]
    assert feature["pvalue"] < 1e-6 and feature["psi"] < 0.01
    assert feature["status"] == "ok" and not report["drift_detected"]
    # Sixty rows: PSI is noisy, and the test says it may well be chance -> no alert.
    few = pd.DataFrame({"x": rng.normal(0, 1, 60)})
    feature = compute_drift(reference, few, schema, limits)["features"][0]
    assert feature["status"] == "ok" and feature["pvalue"] > limits.ks_pvalue
    # A real shift is both large and significant.
    real = pd.DataFrame({"x": rng.normal(1.0, 1, 1_000_000)})
    assert compute_drift(reference, real, schema, limits)["drifted_features"] == ["x"]


def test_categorical_shift_is_tested_with_chi_square():
    from mlapp.drift import categorical_pvalue

    reference = pd.Series(["a"] * 500 + ["b"] * 500)
    assert categorical_pvalue(reference, pd.Series(["a"] * 510 + ["b"] * 490)) > 0.5
    assert categorical_pvalue(reference, pd.Series(["a"] * 900 + ["b"] * 100)) < 1e-6
