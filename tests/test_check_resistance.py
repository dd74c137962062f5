"""check_resistance (exercise "Ohm's law") against noise-free and noisy measurements of a known
resistor, whose least-squares slope is known exactly or computed here with numpy.polyfit."""

import math

import numpy as onp
import pytest
from mxnet import np, npx

from d2l_mini.checks import check_resistance

npx.set_np()


CURRENTS = onp.linspace(0.001, 0.020, 20)
# Exactly on a line with a 0.1 V offset: the least-squares fit is R = 220 Ω.
VOLTAGES = 220.0 * CURRENTS + 0.1


def test_resistance_of_the_line_passes():
    assert check_resistance(220.0, VOLTAGES, CURRENTS) is True
    assert check_resistance(np.array([220.0 * 1.004]), np.array(VOLTAGES), CURRENTS) is True


def test_resistance_off_by_more_than_half_a_percent_fails(capsys):
    assert check_resistance(220.0 * 1.006, VOLTAGES, CURRENTS) is False
    assert "Not yet: R is too high" in capsys.readouterr().out
    assert check_resistance(220.0 * 0.994, VOLTAGES, CURRENTS) is False
    out = capsys.readouterr().out
    assert "Not yet: R is too low" in out
    assert "220" not in out, "the verdict must not give the expected value away"


def test_resistance_in_kilohms_fails(capsys):
    assert check_resistance(0.22, VOLTAGES, CURRENTS) is False
    assert "Not yet: R is too low" in capsys.readouterr().out


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
