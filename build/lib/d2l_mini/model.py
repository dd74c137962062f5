"""The linear regression model."""

from mxnet import np


def linreg(X, w, b):
    """Predict X w + b.

    X: (n, d); w: (d, 1); b: (1,), broadcast to every example. Returns (n, 1).
    """
    return np.dot(X, w) + b
