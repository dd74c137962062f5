"""Exercise "Ohm's law": is the learned resistance the least-squares slope of V against I?"""

import numpy as onp

from grading._fit_tolerance import agrees_with_fit
from grading._student_input import float_number, paired_vectors


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


def check_resistance(R, voltages, currents) -> bool:
    """Is R the least-squares fit of V = R I + V0 to the data, to a tenth of its standard error?

    The standard error of the fitted R is the spread the noise of the voltages leaves in it,
    estimated from the residuals. R passes when it differs from the fit by at most a tenth of
    that (never less than 1e-5 of the fit, the resolution of float32 arithmetic). The nominal
    resistance of the simulation therefore fails unless the noise happens to leave the fit on it.

    R: a number (or a one-element array), the learned resistance in ohms;
    voltages: (n,) in volts; currents: (n,) in amperes, not all equal.
    None for R means no answer yet. Prints a verdict and returns True or False.
    """
    if R is None:
        print("No answer yet: set my_resistance to the resistance you learned, in ohms.")
        return False
    voltages, currents = paired_vectors(voltages, "voltages", currents, "currents")
    if len(currents) < 2 or onp.ptp(currents) == 0:
        raise ValueError("currents must hold at least two different values to fit a line")
    resistance = float_number(R, "R")
    reference, standard_error = resistance_fit(voltages, currents)
    if agrees_with_fit(resistance, reference, standard_error):
        print(
            "Right: R agrees with the least-squares fit of these measurements\n"
            "to within a tenth of the uncertainty their noise leaves in it."
        )
        return True
    direction = "high" if resistance > reference else "low"
    print(
        f"Not yet: R is too {direction}. The check wants the least-squares fit of these\n"
        "measurements (not the resistor's nominal value), to within a tenth of the\n"
        "uncertainty their noise leaves in it. Is the current in amperes, and did gradient\n"
        "descent run until R stopped changing?"
    )
    return False
