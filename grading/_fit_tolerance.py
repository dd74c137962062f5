"""How close to a least-squares fit an answer must be: a tenth of the fit's standard error."""

# The value the data were simulated from typically lies about one standard error from the
# fit, so a tenth of one passes the fit itself and, on most data, not that value.
STANDARD_ERRORS_ALLOWED = 0.1
# On noise-free data the standard error is 0: allow a hundred times the resolution of float32,
# MXNet's default, which holds a number to about 1e-7 of itself.
SMALLEST_RELATIVE_TOLERANCE = 1e-5


def agrees_with_fit(answer: float, fit: float, standard_error: float) -> bool:
    """Is answer within a tenth of standard_error of fit (never less than 1e-5 of the fit)?

    answer, fit, standard_error: floats in the same unit. Returns True or False.
    """
    tolerance = max(
        STANDARD_ERRORS_ALLOWED * standard_error, SMALLEST_RELATIVE_TOLERANCE * abs(fit)
    )
    return abs(answer - fit) <= tolerance
