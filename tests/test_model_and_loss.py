"""d2l_mini.model and d2l_mini.loss against NumPy."""

import numpy as onp
import pytest
from mxnet import np, npx

from d2l_mini import linreg, squared_loss

npx.set_np()

rng = onp.random.default_rng(0)
X_np = rng.normal(size=(6, 3))
w_np = rng.normal(size=(3, 1))
b_np = onp.array([0.5])


def test_linreg_matches_numpy_and_broadcasts_the_bias():
    y_hat = linreg(np.array(X_np), np.array(w_np), np.array(b_np))
    assert y_hat.shape == (6, 1)
    onp.testing.assert_allclose(y_hat.asnumpy(), X_np @ w_np + 0.5, rtol=1e-5)


def test_squared_loss_is_half_the_squared_error_per_example():
    y_hat = rng.normal(size=(6, 1))
    y = rng.normal(size=6)
    loss = squared_loss(np.array(y_hat), np.array(y))
    assert loss.shape == (6, 1)
    onp.testing.assert_allclose(loss.asnumpy()[:, 0], (y_hat[:, 0] - y) ** 2 / 2, rtol=1e-5)


def test_squared_loss_does_not_broadcast_labels_of_shape_n():
    # Without the reshape, (6, 1) - (6,) would be a (6, 6) matrix.
    loss = squared_loss(np.zeros((6, 1)), np.arange(6))
    assert loss.shape == (6, 1)


def test_squared_loss_rejects_mismatched_sizes():
    with pytest.raises(ValueError, match="y_hat and y must hold the same number of values"):
        squared_loss(np.zeros((6, 1)), np.zeros(5))
