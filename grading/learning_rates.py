"""Exercise "learning rates": a sweep that shows slow, fast and diverging training."""

import math
from itertools import pairwise

import numpy as onp

from d2l_mini.argument_validation import is_positive_number
from grading._student_input import to_numpy

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


def check_learning_rate_losses(losses_by_rate) -> bool:
    """Does a learning-rate sweep show slow, fast and diverging training?

    losses_by_rate: {learning rate: losses}, where losses is a (k,) sequence, k >= 2,
    holding the training loss before training and then after each epoch (or more often);
    NaN and infinity are allowed. Asks for at least six rates spanning two orders of
    magnitude, one starting loss for all runs (the same initial parameters), a final loss
    that falls as the rate grows up to SLOW_RATE_LIMIT, and a largest rate that diverges.
    None means no answer yet. Prints a verdict and returns True or False.
    """
    if losses_by_rate is None:
        print("No answer yet: set losses_by_rate to {learning rate: [loss per epoch, ...]}.")
        return False
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
        print(f"Not yet: {len(rates)} learning rates; try at least six.")
        return False
    if rates[-1] / rates[0] < 100:
        print("Not yet: spread the rates over at least two orders of magnitude.")
        return False
    starts = onp.array([histories[rate][0] for rate in rates])
    if not onp.all(onp.isfinite(starts)) or not onp.allclose(starts, starts[0], rtol=1e-5):
        print(
            "Not yet: the runs start from different losses, so from different parameters.\n"
            "Give every rate its own copy of the same initial w and b."
        )
        return False
    slow = [rate for rate in rates if rate <= SLOW_RATE_LIMIT]
    if len(slow) < 2:
        print(f"Not yet: include at least two rates of {SLOW_RATE_LIMIT} or less.")
        return False
    finals = [histories[rate][-1] for rate in slow]
    falls = all(later <= earlier + LOSS_FLOOR_TOLERANCE for earlier, later in pairwise(finals))
    if not (falls and finals[-1] < finals[0]):
        print(
            f"Not yet: up to a rate of {SLOW_RATE_LIMIT}, the loss after training should fall\n"
            "as the rate grows. Train for a few epochs only, each run on the same minibatches."
        )
        return False
    if not diverged(histories[rates[-1]]):
        print(
            "Not yet: your largest rate still converges.\n"
            "Add larger rates until the loss grows or becomes inf or nan."
        )
        return False
    print(
        f"Right: {len(rates)} rates from one starting point; the loss falls faster as\n"
        "small rates grow, and the largest rate diverges."
    )
    return True
