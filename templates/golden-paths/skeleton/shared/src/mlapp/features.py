"""The scikit-learn pipeline: preprocessing derived from the data contract plus the estimator."""

from typing import Any, Dict

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from .schema import DataSchema


def build_pipeline(schema: DataSchema, hyperparameters: Dict[str, Any], random_state: int) -> Pipeline:
    """Imputes, scales numeric and one-hot encodes categorical features, then fits a logistic regression."""
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    categorical = Pipeline(
        [
            ("impute", SimpleImputer(strategy="most_frequent")),
            ("encode", OneHotEncoder(handle_unknown="ignore")),
        ]
    )
    preprocess = ColumnTransformer(
        [
            ("numeric", numeric, schema.numeric_features),
            ("categorical", categorical, schema.categorical_features),
        ]
    )
    estimator = LogisticRegression(
        C=float(hyperparameters.get("C", 1.0)),
        max_iter=int(hyperparameters.get("max_iter", 1000)),
        class_weight=hyperparameters.get("class_weight"),
        random_state=random_state,
    )
    return Pipeline([("preprocess", preprocess), ("model", estimator)])
