"""Model code generated from an ML golden path: data contract, training,
evaluation gate, file-based model registry, drift monitoring."""

__version__ = "0.1.0"
