"""Exercise "Planck's law": is the recovered temperature the least-squares fit of the
spectrum?"""

import math

import numpy as onp

from grading._fit_tolerance import compare_with_fit
from grading._student_input import float_number, paired_vectors
from grading.verdict import Verdict, announce, no_answer, not_yet, right

# The variable the notebook's "Your turn" cell sets; the grader reads it out of the kernel.
ANSWERS = ("my_temperature",)

# CODATA 2018 exact values, in SI units.
PLANCK_CONSTANT = 6.62607015e-34  # J s
SPEED_OF_LIGHT = 299792458.0  # m / s
BOLTZMANN_CONSTANT = 1.380649e-23  # J / K


def spectral_radiance(wavelengths, temperature):
    """Planck's law B(λ, T) in W / (m² sr m).

    wavelengths: (n,) in metres; temperature: T in kelvin. Returns (n,).
    """
    h, c, k = PLANCK_CONSTANT, SPEED_OF_LIGHT, BOLTZMANN_CONSTANT
    with onp.errstate(over="ignore"):
        # expm1 overflows to inf far on the short-wavelength side, where B is 0 anyway.
        return 2 * h * c**2 / wavelengths**5 / onp.expm1(h * c / (wavelengths * k * temperature))


def temperature_fit(wavelengths, radiances) -> float:
    """The T in kelvin minimising the squared error of Planck's law on (n,) data.

    A log-spaced grid from 1 K to 10⁶ K, then a golden-section search between the grid
    neighbours of the best point.
    """

    def sum_of_squares(log_t):
        return float(((spectral_radiance(wavelengths, math.exp(log_t)) - radiances) ** 2).sum())

    grid = onp.linspace(math.log(1.0), math.log(1.0e6), 1201)
    best = int(onp.argmin([sum_of_squares(log_t) for log_t in grid]))
    low, high = grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(60):
        left, right = high - ratio * (high - low), low + ratio * (high - low)
        if sum_of_squares(left) < sum_of_squares(right):
            high = right
        else:
            low = left
    return math.exp((low + high) / 2)


def temperature_standard_error(wavelengths, radiances, temperature) -> float:
    """The standard error, in kelvin, of the least-squares T of Planck's law on (n,) data.

    temperature: the fitted T. Linearises B(λ, T) about it (Gauss-Newton): the variance of the
    residuals divided by the sum of squares of dB/dT.
    """
    h, c, k = PLANCK_CONSTANT, SPEED_OF_LIGHT, BOLTZMANN_CONSTANT
    exponent = h * c / (wavelengths * k * temperature)
    # dB/dT = B x eˣ / ((eˣ - 1) T), written with e⁻ˣ so that a large x cannot overflow.
    slopes = (
        spectral_radiance(wavelengths, temperature) * exponent / -onp.expm1(-exponent) / temperature
    )
    sensitivity = float(slopes @ slopes)
    if sensitivity == 0:
        # So cold a fit that B underflows to 0 at every wavelength: no error can be estimated.
        return 0.0
    residuals = radiances - spectral_radiance(wavelengths, temperature)
    # One point leaves no residual to estimate the noise from; then the error is 0.
    noise_variance = float(residuals @ residuals) / max(len(radiances) - 1, 1)
    return math.sqrt(noise_variance / sensitivity)


def judge_temperature(T, wavelengths, radiances) -> Verdict:
    """Is T the least-squares fit of Planck's law to the data, to a tenth of its standard error?

    The standard error of the fitted T is the spread the noise of the radiances leaves in it,
    estimated from the residuals with Planck's law linearised about the fit. T passes when it
    differs from the fit by at most a tenth of that (never less than 1e-5 of the fit, the
    resolution of float32 arithmetic). The temperature the data were simulated from therefore
    fails unless the noise happens to leave the fit on it. Far from the fit the verdict says
    whether T is too high or too low; near it, only that it is close (see _fit_tolerance).

    T: a number (or a one-element array), the recovered temperature in kelvin;
    wavelengths: (n,) in metres, each in (0, 1 mm]; radiances: (n,) spectral radiances
    in W / (m² sr m). The reference fit is computed with NumPy, without autograd.
    None for T means no answer yet. Returns a Verdict.
    """
    if T is None:
        return no_answer("set my_temperature to your temperature, in kelvin.")
    wavelengths, radiances = paired_vectors(wavelengths, "wavelengths", radiances, "radiances")
    if not onp.all(wavelengths > 0):
        raise ValueError("wavelengths must all be positive, in metres")
    if wavelengths.max() > 1e-3:
        # Anything warmer than 3 K radiates most strongly below 1 mm.
        raise ValueError(
            f"wavelengths must be in metres, got values up to {wavelengths.max():.4g}: "
            "convert nanometres or micrometres to metres first"
        )
    if not radiances.max() > 0:
        raise ValueError("radiances must hold some positive values")
    temperature = float_number(T, "T")
    if temperature <= 0:
        raise ValueError(f"T must be a positive temperature in kelvin, got {temperature!r}")
    reference = temperature_fit(wavelengths, radiances)
    standard_error = temperature_standard_error(wavelengths, radiances, reference)
    where = compare_with_fit(temperature, reference, standard_error, wavelengths, radiances)
    if where == "right":
        return right(
            "T agrees with a least-squares fit of Planck's law to these\n"
            "measurements to within a tenth of the uncertainty their noise\n"
            "leaves in it."
        )
    if where == "close":
        return not_yet(
            "T is close to the least-squares fit of Planck's law to these measurements,\n"
            "but not yet within a tenth of the uncertainty their noise leaves in it.\n"
            "Did gradient descent run until T stopped changing?"
        )
    return not_yet(
        f"T is too {where}, by more than a few times the uncertainty the noise leaves in\n"
        "the fit. The check wants the least-squares fit of Planck's law to these\n"
        "measurements (not the temperature they were simulated from). Did gradient descent\n"
        "converge, and is T in kelvin?"
    )


def check_temperature(T, wavelengths, radiances) -> bool:
    """The self-check: prints judge_temperature's verdict, returns True if T passed."""
    return announce(judge_temperature(T, wavelengths, radiances))


def exercise_spectrum():
    """(wavelengths, radiances): the exercise's 100 noisy measurements of a 5778 K black
    body, drawn as its page draws them."""
    wavelengths = onp.linspace(0.2e-6, 3.0e-6, 100)
    rng = onp.random.default_rng(0)
    clean = spectral_radiance(wavelengths, 5778.0)
    return wavelengths, clean + rng.normal(0, 0.02 * clean.max(), len(wavelengths))


def grade(answers) -> Verdict:
    """The grader's verdict on {name in ANSWERS: value}, judged on data made here."""
    return judge_temperature(answers["my_temperature"], *exercise_spectrum())
