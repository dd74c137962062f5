"""How close to a least-squares fit an answer must be (a tenth of the fit's standard error),
and what a check may say about an answer that is not: a direction only while it is far."""

import hashlib

import numpy as onp

# The value the data were simulated from typically lies about one standard error from the
# fit, so a tenth of one passes the fit itself and, on most data, not that value.
STANDARD_ERRORS_ALLOWED = 0.1
# On noise-free data the standard error is 0: allow a hundred times the resolution of float32,
# MXNet's default, which holds a number to about 1e-7 of itself.
SMALLEST_RELATIVE_TOLERANCE = 1e-5
# Beyond this many standard errors a check says "too high" or "too low", which catches a
# wrong unit or a run that stopped early. Nearer, it says only "close": a direction there
# would let a student bisect to a pass without fitting anything. The near zone reaches a short
# distance on one side of the fit and a long one on the other, which side and how far drawn
# from the data, so that the midpoint of its edges is always at least 1.25 standard errors
# from the fit: more than a student who bisects on the messages can scan in 40 calls.
NEAR_ZONE_SHORT = (3.0, 4.0)
NEAR_ZONE_LONG = (6.5, 8.0)


def tolerance(fit: float, standard_error: float) -> float:
    return max(STANDARD_ERRORS_ALLOWED * standard_error, SMALLEST_RELATIVE_TOLERANCE * abs(fit))


def agrees_with_fit(answer: float, fit: float, standard_error: float) -> bool:
    """Is answer within a tenth of standard_error of fit (never less than 1e-5 of the fit)?

    answer, fit, standard_error: floats in the same unit. Returns True or False.
    """
    return abs(answer - fit) <= tolerance(fit, standard_error)


def near_zone_edges(*data) -> tuple[float, float]:
    """How many standard errors below and above the fit the near zone reaches: one side in
    NEAR_ZONE_SHORT, the other in NEAR_ZONE_LONG. A fixed function of the data arrays, so
    that the notebook and the grader say the same, and unknown to a student who has not
    fitted them."""
    digest = hashlib.sha256()
    for array in data:
        digest.update(onp.ascontiguousarray(array, dtype=onp.float64).tobytes())
    first, second, side = digest.digest()[:3]
    short = NEAR_ZONE_SHORT[0] + first / 255 * (NEAR_ZONE_SHORT[1] - NEAR_ZONE_SHORT[0])
    long = NEAR_ZONE_LONG[0] + second / 255 * (NEAR_ZONE_LONG[1] - NEAR_ZONE_LONG[0])
    return (short, long) if side % 2 else (long, short)


def compare_with_fit(answer: float, fit: float, standard_error: float, *data) -> str:
    """ "right", "close", "high" or "low": answer against the fit of data.

    "close" covers the near zone, where no direction is given (see near_zone_edges).
    """
    if agrees_with_fit(answer, fit, standard_error):
        return "right"
    below, above = near_zone_edges(*data)
    margin = tolerance(fit, standard_error) / STANDARD_ERRORS_ALLOWED
    if fit - below * margin <= answer <= fit + above * margin:
        return "close"
    return "high" if answer > fit else "low"
