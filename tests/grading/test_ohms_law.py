"""check_resistance (exercise "Ohm's law") against noise-free and noisy measurements of a known
resistor, whose least-squares slope and its standard error are known exactly or computed here
with numpy.polyfit."""

import math

import numpy as onp
import pytest
from bisection import bisect_to_a_pass
from mxnet import np, npx

from grading.ohms_law import check_resistance

npx.set_np()


CURRENTS = onp.linspace(0.001, 0.020, 20)
# Exactly on a line with a 0.1 V offset: the least-squares fit is R = 220 Ω, with no error.
VOLTAGES = 220.0 * CURRENTS + 0.1


def exercise_measurements():
    """The exercise's 50 measurements of a 220 Ω resistor, drawn as its page draws them."""
    npx.random.seed(0)
    currents = np.random.uniform(0.001, 0.020, (50,))
    noise = np.random.normal(0, 0.02, (50,))
    return 220.0 * currents + noise, currents


def polyfit_slope_and_standard_error(voltages, currents):
    """numpy.polyfit's slope, and its standard error from polyfit's residual-scaled covariance."""
    (slope, _), covariance = onp.polyfit(
        onp.asarray(currents, dtype=onp.float64),
        onp.asarray(voltages, dtype=onp.float64),
        1,
        cov=True,
    )
    return slope, math.sqrt(covariance[0, 0])


def test_resistance_of_the_line_passes():
    assert check_resistance(220.0, VOLTAGES, CURRENTS) is True
    # float32 holds 220 to about 1e-5 Ω; an answer computed in it must still pass.
    float32_answer = np.array([220.0], dtype="float32") * (1 + 1e-6)
    assert check_resistance(float32_answer, np.array(VOLTAGES), CURRENTS) is True


def test_resistance_off_the_noise_free_line_fails(capsys):
    assert check_resistance(220.0 * 1.01, VOLTAGES, CURRENTS) is False
    assert "Not yet: R is too high" in capsys.readouterr().out
    assert check_resistance(220.0 * 0.99, VOLTAGES, CURRENTS) is False
    out = capsys.readouterr().out
    assert "Not yet: R is too low" in out
    assert "220" not in out, "the verdict must not give the expected value away"


@pytest.mark.parametrize("factor", [1.0001, 0.9999])
def test_resistance_near_the_fit_gets_no_direction(factor, capsys):
    # 1e-4 off is ten tolerances (1e-5 of the fit) away, inside the near zone of 3 to 8.
    assert check_resistance(220.0 * factor, VOLTAGES, CURRENTS) is False
    out = capsys.readouterr().out
    assert "Not yet: R is close" in out
    assert "high" not in out and "low" not in out


def test_resistance_in_kilohms_fails(capsys):
    assert check_resistance(0.22, VOLTAGES, CURRENTS) is False
    assert "Not yet: R is too low" in capsys.readouterr().out


def test_exercise_nominal_resistance_fails_and_its_fit_passes(capsys):
    voltages, currents = exercise_measurements()
    slope, standard_error = polyfit_slope_and_standard_error(voltages.asnumpy(), currents.asnumpy())
    assert abs(220.0 - slope) > standard_error, "the noise should move the fit off 220 Ω"
    assert check_resistance(220.0, voltages, currents) is False
    out = capsys.readouterr().out
    # 220 Ω lies about 1.2 standard errors from the fit: close, but no direction there.
    assert "Not yet: R is close" in out and "high" not in out and "low" not in out
    assert "219" not in out and "220" not in out, "the verdict must not give a value away"
    assert check_resistance(slope, voltages, currents) is True


@pytest.mark.parametrize(
    "standard_errors_off, passes",
    [(0.09, True), (-0.09, True), (0.11, False), (-0.11, False)],
)
def test_exercise_tolerance_is_a_tenth_of_the_standard_error(standard_errors_off, passes):
    voltages, currents = exercise_measurements()
    slope, standard_error = polyfit_slope_and_standard_error(voltages.asnumpy(), currents.asnumpy())
    answer = slope + standard_errors_off * standard_error
    assert check_resistance(answer, voltages, currents) is passes


def test_resistance_against_a_noisy_line_uses_the_least_squares_fit():
    rng = onp.random.default_rng(0)
    voltages = 220.0 * CURRENTS + rng.normal(0, 0.05, CURRENTS.shape)
    slope, standard_error = polyfit_slope_and_standard_error(voltages, CURRENTS)
    assert abs(slope - 220.0) > 0.5 * standard_error, "the noise should move the fit off 220 Ω"
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


def test_a_fit_without_the_offset_is_told_to_learn_it(capsys):
    voltages, currents = exercise_measurements()
    I64, V64 = currents.asnumpy().astype(onp.float64), voltages.asnumpy().astype(onp.float64)
    # The least-squares slope of V = R I alone, from NumPy's lstsq on one column.
    (through_origin,), *_ = onp.linalg.lstsq(I64[:, None], V64, rcond=None)
    assert round(through_origin, 3) == 219.659
    assert check_resistance(through_origin, voltages, currents) is False
    out = capsys.readouterr().out
    assert "through the origin" in out and "V0" in out


def test_bisecting_on_the_messages_does_not_pass_within_40_calls():
    voltages, currents = exercise_measurements()
    assert not bisect_to_a_pass(lambda R: check_resistance(R, voltages, currents), 1.0, 1000.0)
