"""d2l_mini.sgd: one in-place step, checked by hand."""

import math

import numpy as onp
import pytest
from mxnet import autograd, np, npx

from d2l_mini import linreg, sgd, squared_loss

npx.set_np()


def params_with_gradients():
    """w: (2, 1) and b: (1,) with the gradient of the summed squared loss on 4 examples."""
    X = onp.array([[1.0, 2.0], [0.5, -1.0], [-2.0, 0.0], [3.0, 1.0]])
    y = onp.array([1.0, -2.0, 0.5, 4.0])
    w, b = np.array([[0.1], [-0.2]]), np.array([0.3])
    w.attach_grad()
    b.attach_grad()
    with autograd.record():
        loss = squared_loss(
            linreg(np.array(X, dtype="float32"), w, b), np.array(y, dtype="float32")
        )
    loss.backward()
    return X, y, w, b


def test_autograd_gradient_matches_the_analytic_one():
    X, y, w, b = params_with_gradients()
    residual = X @ w.asnumpy() + b.asnumpy() - y[:, None]
    onp.testing.assert_allclose(w.grad.asnumpy(), X.T @ residual, rtol=1e-5)
    onp.testing.assert_allclose(b.grad.asnumpy(), residual.sum(axis=0), rtol=1e-5)


def test_sgd_steps_against_the_gradient_divided_by_batch_size():
    _, _, w, b = params_with_gradients()
    expected_w = w.asnumpy() - 0.1 * w.grad.asnumpy() / 4
    expected_b = b.asnumpy() - 0.1 * b.grad.asnumpy() / 4
    sgd([w, b], 0.1, 4)
    onp.testing.assert_allclose(w.asnumpy(), expected_w, rtol=1e-6)
    onp.testing.assert_allclose(b.asnumpy(), expected_b, rtol=1e-6)


def test_sgd_updates_in_place():
    # The caller's own arrays must change, and stay in the list: a step that rebinds a name or
    # replaces a list entry leaves the caller's w and b, and their gradient buffers, behind.
    _, _, w, b = params_with_gradients()
    expected_w = w.asnumpy() - 0.1 * w.grad.asnumpy() / 4
    params = [w, b]
    sgd(params, 0.1, 4)
    assert params[0] is w and params[1] is b, "sgd replaced the arrays in the list"
    onp.testing.assert_allclose(w.asnumpy(), expected_w, rtol=1e-6)
    assert w.grad is not None, "w lost its gradient buffer"


@pytest.mark.parametrize("lr", [0, -0.1, math.inf, math.nan, "0.1", None])
def test_sgd_rejects_bad_learning_rate(lr):
    _, _, w, b = params_with_gradients()
    with pytest.raises(ValueError, match="lr must be a positive finite number"):
        sgd([w, b], lr, 4)


@pytest.mark.parametrize("batch_size", [0, -4, 4.0])
def test_sgd_rejects_bad_batch_size(batch_size):
    _, _, w, b = params_with_gradients()
    with pytest.raises(ValueError, match="batch_size must be a positive int"):
        sgd([w, b], 0.1, batch_size)


def test_sgd_rejects_parameters_without_gradient_and_changes_nothing():
    _, _, w, _ = params_with_gradients()
    w_before = w.asnumpy().copy()
    plain = np.ones(1)
    with pytest.raises(ValueError, match=r"params\[1\] has no gradient"):
        sgd([w, plain], 0.1, 4)
    onp.testing.assert_array_equal(w.asnumpy(), w_before)
