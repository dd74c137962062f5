"""check_temperature (exercise "Planck's law") against noise-free spectra of a known
temperature, from Planck's law written out here, and against the exercise's noisy spectrum,
whose fit and standard error are computed here by Gauss-Newton with numerical derivatives."""

import math

import numpy as onp
import pytest
from bisection import bisect_to_a_pass
from mxnet import np, npx

from grading.plancks_law import check_temperature

npx.set_np()


WAVELENGTHS = onp.linspace(0.2e-6, 3.0e-6, 60)


def planck(wavelengths, temperature):
    """Planck's law written out here from the CODATA constants, apart from the module's."""
    h, c, k = 6.62607015e-34, 299792458.0, 1.380649e-23
    return 2 * h * c**2 / wavelengths**5 / (onp.exp(h * c / (wavelengths * k * temperature)) - 1)


SUN = planck(WAVELENGTHS, 5778.0)


def exercise_spectrum():
    """The exercise's 100 noisy radiances of a 5778 K body, drawn as its page draws them."""
    wavelengths = onp.linspace(0.2e-6, 3.0e-6, 100)
    rng = onp.random.default_rng(0)
    clean = planck(wavelengths, 5778.0)
    return wavelengths, clean + rng.normal(0, 0.02 * clean.max(), len(wavelengths))


def gauss_newton_fit(wavelengths, radiances, start=5000.0):
    """The least-squares T and its standard error, from central-difference derivatives."""
    temperature = start
    for _ in range(30):
        step = 1e-6 * temperature
        slopes = (
            planck(wavelengths, temperature + step) - planck(wavelengths, temperature - step)
        ) / (2 * step)
        residuals = radiances - planck(wavelengths, temperature)
        temperature += slopes @ residuals / (slopes @ slopes)
    residuals = radiances - planck(wavelengths, temperature)
    noise_variance = residuals @ residuals / (len(radiances) - 1)
    return temperature, math.sqrt(noise_variance / (slopes @ slopes))


def test_temperature_of_noise_free_radiances_passes():
    assert check_temperature(5778.0, WAVELENGTHS, SUN) is True
    # float32 holds 5778 to about 4e-4 K; an answer computed in it must still pass.
    float32_answer = np.array([5778.0], dtype="float32") * (1 + 1e-6)
    assert check_temperature(float32_answer, np.array(WAVELENGTHS), SUN) is True
    lamp = planck(WAVELENGTHS, 2700.0)
    assert check_temperature(2700.0 * (1 - 1e-6), WAVELENGTHS, lamp) is True


def test_temperature_off_the_noise_free_spectrum_fails(capsys):
    assert check_temperature(5778.0 * 1.01, WAVELENGTHS, SUN) is False
    assert "Not yet: T is too high" in capsys.readouterr().out
    assert check_temperature(5778.0 * 0.99, WAVELENGTHS, SUN) is False
    assert "Not yet: T is too low" in capsys.readouterr().out
    # 1e-4 off is ten tolerances (1e-5 of the fit) away, inside the near zone of 3 to 8.
    assert check_temperature(5778.0 * 1.0001, WAVELENGTHS, SUN) is False
    out = capsys.readouterr().out
    assert "Not yet: T is close" in out and "high" not in out and "low" not in out
    # The temperature from Wien's law with a coarse peak misses by more than 1%.
    peak = WAVELENGTHS[onp.argmax(SUN)]
    assert check_temperature(2.897771955e-3 / peak, WAVELENGTHS, SUN) is False
    out = capsys.readouterr().out
    assert "Not yet: T is too" in out
    assert "5778" not in out and "577" not in out, "the verdict must not give T away"


def test_temperature_in_celsius_fails(capsys):
    assert check_temperature(5778.0 - 273.15, WAVELENGTHS, SUN) is False
    assert "Not yet: T is too low" in capsys.readouterr().out


def test_exercise_nominal_temperature_fails_and_its_fit_passes(capsys):
    wavelengths, radiances = exercise_spectrum()
    fitted, standard_error = gauss_newton_fit(wavelengths, radiances)
    assert abs(5778.0 - fitted) > 0.5 * standard_error, "the noise should move the fit off 5778 K"
    assert check_temperature(5778.0, wavelengths, radiances) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet: T is")
    assert "577" not in out, "the verdict must not give a value away"
    assert check_temperature(fitted, wavelengths, radiances) is True


@pytest.mark.parametrize(
    "standard_errors_off, passes",
    [(0.09, True), (-0.09, True), (0.11, False), (-0.11, False)],
)
def test_exercise_tolerance_is_a_tenth_of_the_standard_error(standard_errors_off, passes):
    wavelengths, radiances = exercise_spectrum()
    fitted, standard_error = gauss_newton_fit(wavelengths, radiances)
    answer = fitted + standard_errors_off * standard_error
    assert check_temperature(answer, wavelengths, radiances) is passes


def test_radiances_too_faint_for_any_usual_temperature_get_a_verdict(capsys):
    # Planck's law underflows to 0 at every wavelength at the fit, so it has no slope in T.
    faint = onp.full(len(WAVELENGTHS), 1e-300)
    assert check_temperature(5778.0, WAVELENGTHS, faint) is False
    assert "Not yet: T is too high" in capsys.readouterr().out


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


def test_bisecting_on_the_messages_does_not_pass_within_40_calls():
    wavelengths, radiances = exercise_spectrum()
    check = lambda T: check_temperature(T, wavelengths, radiances)  # noqa: E731
    assert not bisect_to_a_pass(check, 1000.0, 20000.0)
