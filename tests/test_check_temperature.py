"""check_temperature (exercise "Planck's law") against noise-free spectra of a known
temperature, from Planck's law written out here."""

import numpy as onp
import pytest
from mxnet import np, npx

from d2l_mini.checks import check_temperature

npx.set_np()


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
    assert "Not yet: T is too high" in capsys.readouterr().out
    assert check_temperature(5778.0 * 0.988, WAVELENGTHS, SUN) is False
    assert "Not yet: T is too low" in capsys.readouterr().out
    # The temperature from Wien's law with a coarse peak misses by more than 1%.
    peak = WAVELENGTHS[onp.argmax(SUN)]
    assert check_temperature(2.897771955e-3 / peak, WAVELENGTHS, SUN) is False
    out = capsys.readouterr().out
    assert "Not yet: T is too" in out
    assert "5778" not in out and "577" not in out, "the verdict must not give T away"


def test_temperature_in_celsius_fails(capsys):
    assert check_temperature(5778.0 - 273.15, WAVELENGTHS, SUN) is False
    assert "Not yet: T is too low" in capsys.readouterr().out


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
