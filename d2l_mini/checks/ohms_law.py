"""Exercise "Ohm's law": is the learned resistance the least-squares slope of V against I?"""

import numpy as onp

from d2l_mini.checks.student_input import float_number, paired_vectors


def resistance_fit(voltages, currents) -> float:
    """Least-squares slope R of V = R I + V0 (an offset is allowed), in ohms.

    voltages: (n,) in volts; currents: (n,) in amperes. Returns R, a float.
    """
    design = onp.stack([currents, onp.ones_like(currents)], axis=1)
    (resistance, _offset), *_ = onp.linalg.lstsq(design, voltages, rcond=None)
    return float(resistance)


def check_resistance(R, voltages, currents) -> bool:
    """Is R within 0.5% of the least-squares fit of V = R I + V0 to the data?

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
    reference = resistance_fit(voltages, currents)
    relative_error = abs(resistance - reference) / abs(reference)
    if relative_error <= 0.005:
        print("Right: R is within 0.5% of the least-squares fit of these measurements.")
        return True
    direction = "high" if resistance > reference else "low"
    print(
        f"Not yet: R is too {direction} by more than 0.5% of the least-squares fit.\n"
        "Is the current in amperes, and did gradient descent run long enough?"
    )
    return False
