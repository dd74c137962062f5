"""Exercise "zero initialization": were w and b trained close to the parameters that made
the data?"""

import numpy as onp

from d2l_mini.argument_validation import check_positive_number
from grading._student_input import float_array, float_number
from grading.verdict import Verdict, announce, no_answer, not_yet, right

# The variables the notebook's "Your turn" cell sets; the grader reads them out of the kernel.
ANSWERS = ("my_w", "my_b")
# The parameters the exercise's data are made from.
TRUE_W, TRUE_B = (2.0, -3.4), 4.2


def judge_trained_parameters(w, b, true_w, true_b, tolerance: float = 0.01) -> Verdict:
    """Are the trained w and b within `tolerance` of the true parameters?

    w: (d, 1) or (d,) trained weights; b: (1,) or a number, the trained bias;
    true_w: (d,) the weights that generated the data; true_b: a number;
    tolerance: a positive number. None for w or b means no answer yet.
    Returns a Verdict.
    """
    if w is None or b is None:
        return no_answer("set my_w and my_b to your parameters trained from zero.")
    true_w = float_array(true_w, "true_w", ndims=(1,))
    true_b = float_number(true_b, "true_b")
    check_positive_number(tolerance, "tolerance")
    w_array = float_array(w, "w", ndims=(1, 2))
    if w_array.shape not in ((true_w.size,), (true_w.size, 1)):
        raise ValueError(
            f"w must have shape ({true_w.size}, 1) or ({true_w.size},), got {w_array.shape}"
        )
    b_value = float_number(b, "b")
    w_error = float(onp.abs(w_array.reshape(-1) - true_w).max())
    b_error = abs(b_value - true_b)
    if w_error < tolerance and b_error < tolerance:
        return right(f"w and b are both within {tolerance} of the true parameters.")
    return not_yet(
        f"the largest error is {w_error:.3g} in w and {b_error:.3g} in b;\n"
        f"both should be below {tolerance}. Did every minibatch update w and b?"
    )


def check_trained_parameters(w, b, true_w, true_b, tolerance: float = 0.01) -> bool:
    """The self-check: prints judge_trained_parameters's verdict, returns True if it passed."""
    return announce(judge_trained_parameters(w, b, true_w, true_b, tolerance))


def grade(answers) -> Verdict:
    """The grader's verdict on {name in ANSWERS: value}."""
    return judge_trained_parameters(answers["my_w"], answers["my_b"], TRUE_W, TRUE_B)
