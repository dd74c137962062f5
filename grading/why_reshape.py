"""Exercise "why reshape": one squared loss per example, not one per pair of examples."""

import numpy as onp

from grading._student_input import float_array
from grading.verdict import Verdict, announce, no_answer, not_yet, right

# The variable the notebook's "Your turn" cell sets; the grader reads it out of the kernel.
ANSWERS = ("loss_values",)


def judge_loss_shape(loss_values, y_hat, y) -> Verdict:
    """Does loss_values hold one squared loss (ŷ_i - y_i)²/2 per example?

    loss_values: (n, 1) or (n,), the student's per-example losses; y_hat: (n, 1)
    predictions; y: (n,) labels. An (n, n) answer is the broadcasting mistake.
    None for loss_values means no answer yet. Returns a Verdict.
    """
    if loss_values is None:
        return no_answer("set loss_values to your per-example losses of y_hat against y.")
    y_hat = float_array(y_hat, "y_hat", ndims=(2,))
    y = float_array(y, "y", ndims=(1,))
    if y_hat.shape[1] != 1:
        raise ValueError(f"y_hat must have shape (n, 1), got {y_hat.shape}")
    if len(y) != len(y_hat):
        raise ValueError(
            f"y_hat and y must hold one value per example each, got {len(y_hat)} and {len(y)}"
        )
    loss_values = float_array(loss_values, "loss_values", ndims=(1, 2))
    n = len(y)
    if n > 1 and loss_values.shape == (n, n):
        return not_yet(
            f"your loss has shape {loss_values.shape}, one value for every pair\n"
            "of a prediction and a label. Compare the shapes of y_hat and y, and\n"
            "apply the broadcasting rule to their difference."
        )
    if loss_values.shape not in ((n, 1), (n,)):
        return not_yet(
            f"your loss has shape {loss_values.shape}, but there are {n} examples\n"
            "and each should get one loss, in a column like y_hat."
        )
    reference = (y_hat[:, 0] - y) ** 2 / 2
    if not onp.allclose(loss_values.reshape(-1), reference, rtol=1e-5, atol=1e-7):
        return not_yet(
            "one loss per example, but the values are not (ŷ_i - y_i)²/2.\n"
            "Check the square and the factor 1/2."
        )
    return right(f"shape {loss_values.shape}, one loss (ŷ_i - y_i)²/2 per example.")


def check_loss_shape(loss_values, y_hat, y) -> bool:
    """The self-check: prints judge_loss_shape's verdict, returns True if it passed."""
    return announce(judge_loss_shape(loss_values, y_hat, y))


def exercise_minibatch():
    """(y_hat, y) of the exercise's minibatch: the first 10 examples of the chapter's data and
    the true parameters' predictions, made as its page makes them."""
    from mxnet import np, npx

    from d2l_mini import linreg, synthetic_data

    npx.random.seed(0)
    true_w = np.array([2, -3.4])
    features, labels = synthetic_data(true_w, 4.2, 1000)
    return linreg(features[:10], true_w.reshape(2, 1), np.array([4.2])), labels[:10]


def grade(answers) -> Verdict:
    """The grader's verdict on {name in ANSWERS: value}, judged on data made here."""
    return judge_loss_shape(answers["loss_values"], *exercise_minibatch())
