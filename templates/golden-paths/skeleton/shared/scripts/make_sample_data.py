"""Regenerate the bundled sample data deterministically.

The sample is synthetic: a customer-level binary classification problem whose
label depends on the features through a known logistic function, so a sound
model reaches a high ROC AUC while a model trained on shuffled labels does not.

Usage: python3 scripts/make_sample_data.py [--out data/sample]
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

CHANNELS = ["web", "mobile", "store"]
REGIONS = ["north", "south", "east", "west"]


def make_frame(rows: int, seed: int, id_offset: int = 0) -> pd.DataFrame:
    """Draws `rows` synthetic records with a `label` column."""
    rng = np.random.RandomState(seed)
    amount = np.round(rng.lognormal(mean=4.0, sigma=0.8, size=rows), 2)
    tenure = rng.randint(0, 121, size=rows)
    transactions = rng.poisson(lam=25, size=rows)
    channel = rng.choice(CHANNELS, size=rows, p=[0.5, 0.35, 0.15])
    region = rng.choice(REGIONS, size=rows)
    logit = (
        -0.5
        + 0.9 * (np.log(amount) - 4.0) * 2
        - 0.03 * (tenure - 60)
        + 0.04 * (transactions - 25)
        + np.where(channel == "web", 0.8, 0.0)
        - np.where(region == "south", 0.6, 0.0)
    )
    probability = 1.0 / (1.0 + np.exp(-logit))
    label = (rng.uniform(size=rows) < probability).astype(int)
    return pd.DataFrame(
        {
            "record_id": [f"r{id_offset + i:05d}" for i in range(rows)],
            "amount": amount,
            "tenure_months": tenure,
            "num_transactions_30d": transactions,
            "channel": channel,
            "region": region,
            "label": label,
        }
    )


def degrade(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Returns a copy whose labels are shuffled: schema-valid, but unlearnable."""
    rng = np.random.RandomState(seed)
    degraded = frame.copy()
    degraded["label"] = rng.permutation(degraded["label"].to_numpy())
    return degraded


def write_samples(out: Path) -> None:
    """Writes train.csv, degraded.csv and score.csv into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    train = make_frame(400, seed=7)
    train.to_csv(out / "train.csv", index=False)
    degrade(train, seed=11).to_csv(out / "degraded.csv", index=False)
    score = make_frame(200, seed=13, id_offset=400).drop(columns=["label"])
    score.to_csv(out / "score.csv", index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="data/sample")
    write_samples(Path(parser.parse_args().out))


if __name__ == "__main__":
    main()
