"""Exercise "second derivatives": is H the Hessian of the mean squared loss in (w, b)?"""

import numpy as onp

from grading._student_input import float_array
from grading.verdict import Verdict, announce, no_answer, not_yet, right

# The variable the notebook's "Your turn" cell sets; the grader reads it out of the kernel.
ANSWERS = ("my_hessian",)


def judge_hessian(H, X) -> Verdict:
    """Is H the Hessian of ½·mean((X w + b - y)²) with respect to (w, b)?

    H: (d + 1, d + 1), rows and columns ordered w_1, ..., w_d, then b; X: (n, d).
    The Hessian depends on X alone, not on y, w or b. Entries may be off by at most
    0.1% of the largest entry (finite differences in float32 are that accurate).
    None for H means no answer yet. Returns a Verdict.
    """
    if H is None:
        return no_answer("set my_hessian to the (d + 1, d + 1) Hessian, b last.")
    X = float_array(X, "X", ndims=(2,))
    H = float_array(H, "H", ndims=(2,))
    size = X.shape[1] + 1
    if H.shape != (size, size):
        raise ValueError(
            f"H must have shape ({size}, {size}) for X with {size - 1} features "
            f"(w_1, ..., w_{size - 1}, then b), got {H.shape}"
        )
    with_ones = onp.hstack([X, onp.ones((len(X), 1))])
    reference = with_ones.T @ with_ones / len(X)
    if onp.abs(H - reference).max() <= 1e-3 * max(1.0, onp.abs(reference).max()):
        return right("H is the Hessian of the mean squared loss, bias included.")
    return not_yet(
        "H differs from the Hessian of ½·mean((X w + b - y)²). Check the\n"
        "1/n of the mean, the order (w first, b last) and the bias row and column."
    )


def check_hessian(H, X) -> bool:
    """The self-check: prints judge_hessian's verdict, returns True if it passed."""
    return announce(judge_hessian(H, X))


def exercise_features():
    """The exercise's (1000, 2) features, drawn as its page draws them."""
    from mxnet import np, npx

    from d2l_mini import synthetic_data

    npx.random.seed(0)
    features, _ = synthetic_data(np.array([2, -3.4]), 4.2, 1000)
    return features


def grade(answers) -> Verdict:
    """The grader's verdict on {name in ANSWERS: value}, judged on data made here."""
    return judge_hessian(answers["my_hessian"], exercise_features())
