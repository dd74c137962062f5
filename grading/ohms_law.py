"""Exercise "Ohm's law": is the learned resistance the least-squares slope of V against I?"""

import numpy as onp

from grading._fit_tolerance import agrees_with_fit, compare_with_fit
from grading._student_input import float_number, paired_vectors
from grading.verdict import Verdict, announce, no_answer, not_yet, right

# The variable the notebook's "Your turn" cell sets; the grader reads it out of the kernel.
ANSWERS = ("my_resistance",)


def resistance_fit(voltages, currents) -> tuple[float, float]:
    """Least-squares slope R of V = R I + V0 (an offset is allowed), and its standard error.

    voltages: (n,) in volts; currents: (n,) in amperes, not all equal. Returns (R, standard
    error of R), both in ohms; the error is that of ordinary least squares, from the residuals.
    """
    design = onp.stack([currents, onp.ones_like(currents)], axis=1)
    (resistance, offset), *_ = onp.linalg.lstsq(design, voltages, rcond=None)
    residuals = voltages - design @ onp.array([resistance, offset])
    # Two points leave no residual to estimate the noise from; then the error is 0.
    noise_variance = float(residuals @ residuals) / max(len(voltages) - 2, 1)
    covariance = noise_variance * onp.linalg.inv(design.T @ design)
    return float(resistance), float(onp.sqrt(covariance[0, 0]))


def slope_through_origin(voltages, currents) -> float:
    """The least-squares slope of V = R I without an offset, in ohms."""
    return float(currents @ voltages / (currents @ currents))


def judge_resistance(R, voltages, currents) -> Verdict:
    """Is R the least-squares fit of V = R I + V0 to the data, to a tenth of its standard error?

    The standard error of the fitted R is the spread the noise of the voltages leaves in it,
    estimated from the residuals. R passes when it differs from the fit by at most a tenth of
    that (never less than 1e-5 of the fit, the resolution of float32 arithmetic). The nominal
    resistance of the simulation therefore fails unless the noise happens to leave the fit on it.
    Far from the fit the verdict says whether R is too high or too low; near it, only that it
    is close (see _fit_tolerance).

    R: a number (or a one-element array), the learned resistance in ohms;
    voltages: (n,) in volts; currents: (n,) in amperes, not all equal.
    None for R means no answer yet. Returns a Verdict.
    """
    if R is None:
        return no_answer("set my_resistance to the resistance you learned, in ohms.")
    voltages, currents = paired_vectors(voltages, "voltages", currents, "currents")
    if len(currents) < 2 or onp.ptp(currents) == 0:
        raise ValueError("currents must hold at least two different values to fit a line")
    resistance = float_number(R, "R")
    reference, standard_error = resistance_fit(voltages, currents)
    where = compare_with_fit(resistance, reference, standard_error, voltages, currents)
    if where == "right":
        return right(
            "R agrees with the least-squares fit of these measurements\n"
            "to within a tenth of the uncertainty their noise leaves in it."
        )
    if agrees_with_fit(resistance, slope_through_origin(voltages, currents), standard_error):
        return not_yet(
            "R is the slope of a line through the origin, V = R I. The model has an offset\n"
            "as well, V = R I + V0: learn V0 (the bias) together with R."
        )
    if where == "close":
        return not_yet(
            "R is close to the least-squares fit of these measurements, but not yet\n"
            "within a tenth of the uncertainty their noise leaves in it. Did gradient\n"
            "descent run until R stopped changing?"
        )
    return not_yet(
        f"R is too {where}, by more than a few times the uncertainty the noise leaves in\n"
        "the fit. The check wants the least-squares fit of these measurements (not the\n"
        "resistor's nominal value). Is the current in amperes, and did gradient descent run\n"
        "until R stopped changing?"
    )


def check_resistance(R, voltages, currents) -> bool:
    """The self-check: prints judge_resistance's verdict, returns True if R passed."""
    return announce(judge_resistance(R, voltages, currents))


def exercise_measurements():
    """(voltages, currents): the exercise's 50 measurements, drawn as its page draws them."""
    from mxnet import np, npx

    npx.random.seed(0)
    currents = np.random.uniform(0.001, 0.020, (50,))
    noise = np.random.normal(0, 0.02, (50,))
    return 220.0 * currents + noise, currents


def grade(answers) -> Verdict:
    """The grader's verdict on {name in ANSWERS: value}, judged on data made here."""
    return judge_resistance(answers["my_resistance"], *exercise_measurements())
