"""check_hessian (exercise "second derivatives") against a Hessian worked out by hand."""

import math

import numpy as onp
import pytest
from mxnet import np, npx

from grading.second_derivatives import check_hessian

npx.set_np()


X_SMALL = [[1.0, 2.0], [3.0, 4.0]]
# By hand: X^T X / 2 = [[10, 14], [14, 20]] / 2; the bias entries are the column means
# (2, 3); the corner is mean(1) = 1.
HESSIAN_SMALL = [[5.0, 7.0, 2.0], [7.0, 10.0, 3.0], [2.0, 3.0, 1.0]]


def test_hessian_worked_out_by_hand_passes():
    assert check_hessian(HESSIAN_SMALL, X_SMALL) is True
    assert check_hessian(np.array(HESSIAN_SMALL), np.array(X_SMALL)) is True


def test_hessian_within_float32_finite_difference_error_passes():
    nudged = onp.array(HESSIAN_SMALL) + 0.005
    assert check_hessian(nudged, X_SMALL) is True


@pytest.mark.parametrize(
    "wrong",
    [
        onp.array(HESSIAN_SMALL) * 2,  # the loss summed instead of averaged
        onp.array(HESSIAN_SMALL) * [[1, 1, 0], [1, 1, 0], [0, 0, 1]],  # bias entries left out
        onp.array(HESSIAN_SMALL)[[2, 0, 1]][:, [2, 0, 1]],  # b first instead of last
        onp.eye(3),
    ],
)
def test_wrong_hessians_fail(wrong, capsys):
    assert check_hessian(wrong, X_SMALL) is False
    assert capsys.readouterr().out.startswith("Not yet: H differs from the Hessian")


def test_hessian_none_means_no_answer_yet(capsys):
    assert check_hessian(None, X_SMALL) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "H, X, error, name",
    [
        (onp.eye(2), X_SMALL, ValueError, r"H must have shape \(3, 3\)"),
        (onp.ones(9), X_SMALL, ValueError, "H must have 2 axes"),
        (HESSIAN_SMALL, [1.0, 2.0], ValueError, "X must have 2 axes"),
        ("H", X_SMALL, TypeError, "H must be an array"),
        (onp.full((3, 3), math.nan), X_SMALL, ValueError, "H must hold finite"),
    ],
)
def test_hessian_bad_input_names_the_argument(H, X, error, name):
    with pytest.raises(error, match=name):
        check_hessian(H, X)
