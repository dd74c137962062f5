"""The self-checks of exercises 1 to 4 accept right answers, reject wrong ones, say when there
is no answer yet, and name the argument at fault for bad input.

Expected values come from data whose answer is known exactly: noise-free measurements of a
known resistor or temperature, and a Hessian worked out by hand.
"""

import math

import numpy as onp
import pytest
from mxnet import np, npx

from d2l_mini.checks import (
    check_hessian,
    check_resistance,
    check_temperature,
    check_trained_parameters,
)

npx.set_np()

TRUE_W = [2.0, -3.4]
TRUE_B = 4.2


# Exercise 1.


def test_trained_parameters_close_to_the_truth_pass(capsys):
    w = np.array([[2.004], [-3.395]])
    assert check_trained_parameters(w, np.array([4.193]), np.array(TRUE_W), TRUE_B) is True
    assert capsys.readouterr().out.startswith("Right")


def test_trained_parameters_accept_a_flat_w_and_a_float_b():
    assert check_trained_parameters([2.0, -3.4], 4.2, TRUE_W, TRUE_B) is True


def test_trained_parameters_off_by_more_than_the_tolerance_fail(capsys):
    assert check_trained_parameters([[2.02], [-3.4]], [4.2], TRUE_W, TRUE_B) is False
    assert check_trained_parameters([[2.0], [-3.4]], [4.22], TRUE_W, TRUE_B) is False
    assert "Not yet" in capsys.readouterr().out


def test_untrained_zero_parameters_fail():
    assert check_trained_parameters(onp.zeros((2, 1)), onp.zeros(1), TRUE_W, TRUE_B) is False


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


# Exercise 2.

CURRENTS = onp.linspace(0.001, 0.020, 20)
# Exactly on a line with a 0.1 V offset: the least-squares fit is R = 220 Ω.
VOLTAGES = 220.0 * CURRENTS + 0.1


def test_resistance_of_the_line_passes():
    assert check_resistance(220.0, VOLTAGES, CURRENTS) is True
    assert check_resistance(np.array([220.0 * 1.004]), np.array(VOLTAGES), CURRENTS) is True


def test_resistance_off_by_more_than_half_a_percent_fails(capsys):
    assert check_resistance(220.0 * 1.006, VOLTAGES, CURRENTS) is False
    assert check_resistance(220.0 * 0.994, VOLTAGES, CURRENTS) is False
    out = capsys.readouterr().out
    assert "Not yet" in out
    assert "220" not in out, "the verdict must not give the expected value away"


def test_resistance_in_kilohms_fails():
    assert check_resistance(0.22, VOLTAGES, CURRENTS) is False


def test_resistance_against_a_noisy_line_uses_the_least_squares_fit():
    rng = onp.random.default_rng(0)
    voltages = 220.0 * CURRENTS + rng.normal(0, 0.05, CURRENTS.shape)
    slope, _ = onp.polyfit(CURRENTS, voltages, 1)
    assert abs(slope - 220.0) > 0.006 * 220.0, "the noise should move the fit off 220 Ω"
    assert check_resistance(slope, voltages, CURRENTS) is True
    assert check_resistance(220.0, voltages, CURRENTS) is False


def test_resistance_none_means_no_answer_yet(capsys):
    assert check_resistance(None, VOLTAGES, CURRENTS) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "R, voltages, currents, error, name",
    [
        ("220", VOLTAGES, CURRENTS, TypeError, "R must be a number"),
        (math.inf, VOLTAGES, CURRENTS, ValueError, "R must be a finite"),
        (220.0, VOLTAGES[:5], CURRENTS, ValueError, "same length"),
        (220.0, VOLTAGES.reshape(4, 5), CURRENTS, ValueError, "voltages must have 1 axes"),
        (220.0, VOLTAGES, onp.full(20, 0.01), ValueError, "currents must hold at least two"),
        (220.0, VOLTAGES, "currents", TypeError, "currents must be an array"),
    ],
)
def test_resistance_bad_input_names_the_argument(R, voltages, currents, error, name):
    with pytest.raises(error, match=name):
        check_resistance(R, voltages, currents)


# Exercise 3.

WAVELENGTHS = onp.linspace(0.2e-6, 3.0e-6, 60)


def planck(wavelengths, temperature):
    """Planck's law written out here from the CODATA constants, apart from the module's."""
    h, c, k = 6.62607015e-34, 299792458.0, 1.380649e-23
    return 2 * h * c**2 / wavelengths**5 / (onp.exp(h * c / (wavelengths * k * temperature)) - 1)


SUN = planck(WAVELENGTHS, 5778.0)


def test_temperature_of_noise_free_radiances_passes():
    assert check_temperature(5778.0, WAVELENGTHS, SUN) is True
    assert check_temperature(np.array([5778.0 * 1.008]), np.array(WAVELENGTHS), SUN) is True
    lamp = planck(WAVELENGTHS, 2700.0)
    assert check_temperature(2700.0 * 0.992, WAVELENGTHS, lamp) is True


def test_temperature_off_by_more_than_one_percent_fails(capsys):
    assert check_temperature(5778.0 * 1.012, WAVELENGTHS, SUN) is False
    assert check_temperature(5778.0 * 0.988, WAVELENGTHS, SUN) is False
    # The temperature from Wien's law with a coarse peak misses by more than 1%.
    peak = WAVELENGTHS[onp.argmax(SUN)]
    assert check_temperature(2.897771955e-3 / peak, WAVELENGTHS, SUN) is False
    out = capsys.readouterr().out
    assert "Not yet" in out
    assert "5778" not in out and "577" not in out, "the verdict must not give T away"


def test_temperature_in_celsius_fails():
    assert check_temperature(5778.0 - 273.15, WAVELENGTHS, SUN) is False


def test_temperature_none_means_no_answer_yet(capsys):
    assert check_temperature(None, WAVELENGTHS, SUN) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "T, wavelengths, radiances, error, name",
    [
        (-5778.0, WAVELENGTHS, SUN, ValueError, "T must be a positive"),
        ([5778.0, 1.0], WAVELENGTHS, SUN, ValueError, "T must be a single number"),
        (5778.0, WAVELENGTHS * 1e9, SUN, ValueError, "wavelengths must be in metres"),
        (5778.0, -WAVELENGTHS, SUN, ValueError, "wavelengths must all be positive"),
        (5778.0, WAVELENGTHS, SUN[:10], ValueError, "same length"),
        (5778.0, WAVELENGTHS, -SUN, ValueError, "radiances must hold some positive"),
        (5778.0, WAVELENGTHS, None, TypeError, "radiances must be an array"),
    ],
)
def test_temperature_bad_input_names_the_argument(T, wavelengths, radiances, error, name):
    with pytest.raises(error, match=name):
        check_temperature(T, wavelengths, radiances)


# Exercise 4.

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
    assert "Not yet" in capsys.readouterr().out


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
