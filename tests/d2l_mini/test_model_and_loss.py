"""d2l_mini.model and d2l_mini.loss against NumPy; the loss for random sizes, values and
label shapes."""

import numpy as onp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from mxnet import np, npx

from d2l_mini import linreg, squared_loss

npx.set_np()


def test_linreg_matches_numpy_and_broadcasts_the_bias():
    rng = onp.random.default_rng(0)
    X_np, w_np = rng.normal(size=(6, 3)), rng.normal(size=(3, 1))
    y_hat = linreg(np.array(X_np), np.array(w_np), np.array([0.5]))
    assert y_hat.shape == (6, 1)
    onp.testing.assert_allclose(y_hat.asnumpy(), X_np @ w_np + 0.5, rtol=1e-5)


values = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, width=32)


@st.composite
def predictions_and_labels(draw):
    """y_hat: (n, 1) and y: (n,) or (n, 1), float32, n from 1 to 50."""
    n = draw(st.integers(min_value=1, max_value=50))
    y_hat = draw(arrays("float32", (n, 1), elements=values))
    y = draw(arrays("float32", draw(st.sampled_from([(n,), (n, 1)])), elements=values))
    return y_hat, y


@settings(max_examples=40, deadline=None, database=None)
@given(predictions_and_labels())
def test_squared_loss_is_half_the_squared_error_per_example(pair):
    y_hat, y = pair
    loss = squared_loss(np.array(y_hat), np.array(y))
    # One loss per example, as a column: labels of shape (n,) are not broadcast to (n, n).
    assert loss.shape == (len(y_hat), 1)
    expected = (y_hat.astype("float64") - y.reshape(-1, 1)) ** 2 / 2
    onp.testing.assert_allclose(loss.asnumpy(), expected, rtol=1e-5, atol=1e-6)


def test_squared_loss_rejects_mismatched_sizes():
    with pytest.raises(ValueError, match="y_hat and y must hold the same number of values"):
        squared_loss(np.zeros((6, 1)), np.zeros(5))
