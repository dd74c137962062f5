"""Exercise "learning rates": a sweep that shows slow, fast and diverging training."""

import math
from itertools import pairwise

import numpy as onp

from d2l_mini.argument_validation import is_positive_number
from grading._student_input import to_numpy
from grading.verdict import Verdict, announce, no_answer, not_yet, right

# The variable the notebook's "Your turn" cell sets; the grader reads it out of the kernel.
ANSWERS = ("losses_by_rate",)

# Losses this close count as equal: twice the noise floor of the chapter's data, where the
# mean squared loss stops falling (noise variance 0.01² halved).
LOSS_FLOOR_TOLERANCE = 1e-4
# Up to this rate, the loss after a few epochs still falls as the rate grows.
SLOW_RATE_LIMIT = 0.03


def loss_history(losses, rate):
    """One run's losses as a (k,) float64 array, k >= 2; NaN and infinity are allowed."""
    name = f"losses_by_rate[{rate!r}]"
    if isinstance(losses, (str, bytes)) or not hasattr(losses, "__len__"):
        raise TypeError(f"{name} must be a sequence of losses, got {type(losses).__name__}")
    try:
        history = to_numpy(losses, name)
    except TypeError as error:
        raise TypeError(f"{name} must hold numbers, got {losses!r:.60}") from error
    if history.ndim != 1 or len(history) < 2:
        raise ValueError(
            f"{name} must be a flat sequence of at least two losses (before training, then "
            f"after each epoch), got shape {history.shape}"
        )
    return history


def diverged(history) -> bool:
    """A run diverged if its loss overflowed or ended above where it started."""
    return not math.isfinite(history[-1]) or history[-1] > history[0]


def starts_differ(losses_by_rate, histories) -> str:
    """What to say when the runs' first losses differ: a run that starts where the one
    before it stopped trained the shared w0 and b0 in place; otherwise the first entry is
    not the loss before training."""
    in_order = [histories[float(rate)] for rate in losses_by_rate]
    chained = all(
        math.isclose(later[0], earlier[-1], rel_tol=1e-5) for earlier, later in pairwise(in_order)
    )
    if chained:
        return (
            "each run starts from the loss where the run before it stopped, so every run\n"
            "trained the same w and b further. Give every rate its own copy of w0 and b0."
        )
    return (
        "the first loss of every run must be the loss before training, which is the same\n"
        "for every rate when every run starts from w0 and b0; yours differ. Record the\n"
        "loss before the first epoch, then the loss after each epoch."
    )


def judge_learning_rate_losses(losses_by_rate) -> Verdict:
    """Does a learning-rate sweep show slow, fast and diverging training?

    losses_by_rate: {learning rate: losses}, where losses is a (k,) sequence, k >= 2,
    holding the training loss before training and then after each epoch (or more often);
    NaN and infinity are allowed. Asks for at least six rates spanning two orders of
    magnitude, one starting loss for all runs (the same initial parameters), a final loss
    that falls as the rate grows up to SLOW_RATE_LIMIT, and a largest rate that diverges.
    None means no answer yet. Returns a Verdict.
    """
    if losses_by_rate is None:
        return no_answer(
            "set losses_by_rate to {learning rate: [loss before training,\n"
            "loss after epoch 1, loss after epoch 2, ...]}."
        )
    if not isinstance(losses_by_rate, dict):
        raise TypeError(
            "losses_by_rate must be a dict {learning rate: losses}, "
            f"got {type(losses_by_rate).__name__}"
        )
    histories = {}
    for rate, losses in losses_by_rate.items():
        if not is_positive_number(rate):
            raise ValueError(
                f"losses_by_rate keys must be positive finite learning rates, got {rate!r}"
            )
        histories[float(rate)] = loss_history(losses, rate)
    rates = sorted(histories)
    if len(rates) < 6:
        return not_yet(f"{len(rates)} learning rates; try at least six.")
    if rates[-1] / rates[0] < 100:
        return not_yet("spread the rates over at least two orders of magnitude.")
    starts = onp.array([histories[rate][0] for rate in rates])
    if not onp.all(onp.isfinite(starts)) or not onp.allclose(starts, starts[0], rtol=1e-5):
        return not_yet(starts_differ(losses_by_rate, histories))
    slow = [rate for rate in rates if rate <= SLOW_RATE_LIMIT]
    if len(slow) < 2:
        return not_yet(f"include at least two rates of {SLOW_RATE_LIMIT} or less.")
    finals = [histories[rate][-1] for rate in slow]
    falls = all(later <= earlier + LOSS_FLOOR_TOLERANCE for earlier, later in pairwise(finals))
    if not (falls and finals[-1] < finals[0]):
        return not_yet(
            f"up to a rate of {SLOW_RATE_LIMIT}, the loss after training should fall\n"
            "as the rate grows. Train for a few epochs only, each run on the same minibatches."
        )
    if not diverged(histories[rates[-1]]):
        return not_yet(
            "your largest rate still converges.\n"
            "Add larger rates until the loss grows or becomes inf or nan."
        )
    return right(
        f"{len(rates)} rates from one starting point; the loss falls faster as\n"
        "small rates grow, and the largest rate diverges."
    )


def check_learning_rate_losses(losses_by_rate) -> bool:
    """The self-check: prints judge_learning_rate_losses's verdict, returns True if it passed."""
    return announce(judge_learning_rate_losses(losses_by_rate))


def grade(answers) -> Verdict:
    """The grader's verdict on {name in ANSWERS: value}."""
    return judge_learning_rate_losses(answers["losses_by_rate"])
