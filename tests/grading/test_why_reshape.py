"""check_loss_shape (exercise "why reshape") against losses computed one example at a time."""

import math

import numpy as onp
import pytest
from mxnet import np, npx

from grading.why_reshape import check_loss_shape

npx.set_np()


@pytest.fixture
def predictions_and_labels():
    """y_hat: (5, 1) and y: (5,), with no two losses alike."""
    y_hat = onp.array([[0.37], [1.21], [-2.05], [3.3], [0.02]])
    y = onp.array([1.13, 0.98, 0.07, 2.52, -1.4])
    return y_hat, y


def losses_by_loop(y_hat, y):
    """(ŷ_i - y_i)²/2 for each example, one at a time."""
    return [(float(y_hat[i, 0]) - float(y[i])) ** 2 / 2 for i in range(len(y))]


def test_loss_shape_accepts_one_loss_per_example(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    column = onp.array(losses_by_loop(y_hat, y)).reshape(-1, 1)
    assert check_loss_shape(column, y_hat, y) is True
    assert check_loss_shape(column.reshape(-1), y_hat, y) is True
    assert capsys.readouterr().out.startswith("Right")


def test_loss_shape_accepts_mxnet_arrays(predictions_and_labels):
    y_hat, y = predictions_and_labels
    column = np.array(losses_by_loop(y_hat, y)).reshape(-1, 1)
    assert check_loss_shape(column, np.array(y_hat), np.array(y)) is True


def test_loss_shape_rejects_the_broadcast_matrix(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    pairs = onp.array([[(y_hat[i, 0] - y[j]) ** 2 / 2 for j in range(5)] for i in range(5)])
    assert check_loss_shape(pairs, y_hat, y) is False
    out = capsys.readouterr().out
    # The broadcasting rule names the mistake; the shape rule would print (5, 5) as well.
    assert "(5, 5), one value for every pair" in out and "broadcasting rule" in out
    assert "reshape" not in out.lower(), "the verdict must not hand over the fix"


def test_loss_shape_rejects_wrong_values_without_giving_them_away(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    expected = losses_by_loop(y_hat, y)
    without_half = onp.array(expected).reshape(-1, 1) * 2
    assert check_loss_shape(without_half, y_hat, y) is False
    verdict = capsys.readouterr().out
    assert verdict.startswith("Not yet: one loss per example, but the values are not")
    assert all(f"{value:.3g}" not in verdict for value in expected)


def test_loss_shape_rejects_a_wrong_number_of_losses(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    assert check_loss_shape(onp.array([0.5]), y_hat, y) is False
    assert "shape (1,), but there are 5 examples" in capsys.readouterr().out


def test_loss_shape_without_an_answer(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    assert check_loss_shape(None, y_hat, y) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "y_hat, y, loss_values, error, name",
    [
        (onp.zeros(5), onp.zeros(5), onp.zeros((5, 1)), ValueError, "y_hat"),
        (onp.zeros((5, 2)), onp.zeros(5), onp.zeros((5, 1)), ValueError, "y_hat"),
        (onp.zeros((5, 1)), onp.zeros(4), onp.zeros((5, 1)), ValueError, "y_hat and y"),
        (onp.zeros((5, 1)), onp.zeros((5, 1)), onp.zeros((5, 1)), ValueError, "y must"),
        (onp.zeros((5, 1)), onp.zeros(5), "0.5", TypeError, "loss_values"),
        (onp.zeros((5, 1)), onp.zeros(5), onp.full((5, 1), math.nan), ValueError, "loss_values"),
    ],
)
def test_loss_shape_names_a_bad_input(y_hat, y, loss_values, error, name):
    with pytest.raises(error, match=name):
        check_loss_shape(loss_values, y_hat, y)
