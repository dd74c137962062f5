"""squared_loss for random sizes, values and label shapes, against NumPy."""

import numpy as onp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from mxnet import np, npx

from d2l_mini import squared_loss

npx.set_np()

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
def test_one_half_squared_error_per_example(pair):
    y_hat, y = pair
    loss = squared_loss(np.array(y_hat), np.array(y))
    assert loss.shape == (len(y_hat), 1), "one loss per example, as a column"
    expected = (y_hat.astype("float64") - y.reshape(-1, 1)) ** 2 / 2
    onp.testing.assert_allclose(loss.asnumpy(), expected, rtol=1e-5, atol=1e-6)
