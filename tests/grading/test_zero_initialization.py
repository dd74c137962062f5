"""check_trained_parameters (exercise "zero initialization") accepts parameters close to the
truth, rejects others, says when there is no answer yet, and names the argument at fault."""

import math

import numpy as onp
import pytest
from mxnet import np, npx

from grading.zero_initialization import check_trained_parameters

npx.set_np()

TRUE_W = [2.0, -3.4]
TRUE_B = 4.2


def test_trained_parameters_close_to_the_truth_pass(capsys):
    w = np.array([[2.004], [-3.395]])
    assert check_trained_parameters(w, np.array([4.193]), np.array(TRUE_W), TRUE_B) is True
    assert capsys.readouterr().out.startswith("Right")


def test_trained_parameters_accept_a_flat_w_and_a_float_b():
    assert check_trained_parameters([2.0, -3.4], 4.2, TRUE_W, TRUE_B) is True


def test_trained_parameters_off_by_more_than_the_tolerance_fail(capsys):
    assert check_trained_parameters([[2.02], [-3.4]], [4.2], TRUE_W, TRUE_B) is False
    assert check_trained_parameters([[2.0], [-3.4]], [4.22], TRUE_W, TRUE_B) is False
    out = capsys.readouterr().out
    assert out.count("Not yet: the largest error") == 2
    assert "0.02 in w and 0 in b" in out and "0 in w and 0.02 in b" in out


def test_untrained_zero_parameters_fail(capsys):
    assert check_trained_parameters(onp.zeros((2, 1)), onp.zeros(1), TRUE_W, TRUE_B) is False
    assert "the largest error is 3.4 in w and 4.2 in b" in capsys.readouterr().out


def test_trained_parameters_none_means_no_answer_yet(capsys):
    assert check_trained_parameters(None, None, TRUE_W, TRUE_B) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "w, b, error, name",
    [
        ([[2.0], [-3.4], [1.0]], 4.2, ValueError, "w must have shape"),
        ([[2.0, -3.4]], 4.2, ValueError, "w must have shape"),
        ("2, -3.4", 4.2, TypeError, "w must be an array"),
        ([[2.0], [math.nan]], 4.2, ValueError, "w must hold finite"),
        ([[2.0], [-3.4]], [4.2, 0.0], ValueError, "b must be a single number"),
        ([[2.0], [-3.4]], True, TypeError, "b must be a number"),
        ([[2.0], [-3.4]], "4.2", TypeError, "b must be a number"),
    ],
)
def test_trained_parameters_bad_input_names_the_argument(w, b, error, name):
    with pytest.raises(error, match=name):
        check_trained_parameters(w, b, TRUE_W, TRUE_B)
