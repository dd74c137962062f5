"""The self-checks of exercises 5 to 7: each accepts a right answer, rejects a wrong one,
treats None as "no answer yet", and names the argument of a bad input.

Right answers come from computations that share no code with d2l_mini: plain loops,
arithmetic, and minibatch SGD written in NumPy.
"""

import math
import random

import numpy as onp
import pytest
from mxnet import np, npx

from d2l_mini.checks import check_batch_sizes, check_learning_rate_losses, check_loss_shape

npx.set_np()


# Exercise 5: check_loss_shape.


@pytest.fixture
def predictions_and_labels():
    """y_hat: (5, 1) and y: (5,), with no two losses alike."""
    y_hat = onp.array([[0.37], [1.21], [-2.05], [3.3], [0.02]])
    y = onp.array([1.13, 0.98, 0.07, 2.52, -1.4])
    return y_hat, y


def losses_by_loop(y_hat, y):
    """(ŷ_i - y_i)²/2 for each example, one at a time."""
    return [(float(y_hat[i, 0]) - float(y[i])) ** 2 / 2 for i in range(len(y))]


def test_loss_shape_accepts_one_loss_per_example(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    column = onp.array(losses_by_loop(y_hat, y)).reshape(-1, 1)
    assert check_loss_shape(column, y_hat, y) is True
    assert check_loss_shape(column.reshape(-1), y_hat, y) is True
    assert capsys.readouterr().out.startswith("Right")


def test_loss_shape_accepts_mxnet_arrays(predictions_and_labels):
    y_hat, y = predictions_and_labels
    column = np.array(losses_by_loop(y_hat, y)).reshape(-1, 1)
    assert check_loss_shape(column, np.array(y_hat), np.array(y)) is True


def test_loss_shape_rejects_the_broadcast_matrix(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    pairs = onp.array([[(y_hat[i, 0] - y[j]) ** 2 / 2 for j in range(5)] for i in range(5)])
    assert check_loss_shape(pairs, y_hat, y) is False
    assert "(5, 5)" in capsys.readouterr().out


def test_loss_shape_rejects_wrong_values_without_giving_them_away(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    expected = losses_by_loop(y_hat, y)
    without_half = onp.array(expected).reshape(-1, 1) * 2
    assert check_loss_shape(without_half, y_hat, y) is False
    verdict = capsys.readouterr().out
    assert verdict.startswith("Not yet")
    assert all(f"{value:.3g}" not in verdict for value in expected)


def test_loss_shape_rejects_a_wrong_number_of_losses(predictions_and_labels):
    y_hat, y = predictions_and_labels
    assert check_loss_shape(onp.array([0.5]), y_hat, y) is False


def test_loss_shape_without_an_answer(predictions_and_labels, capsys):
    y_hat, y = predictions_and_labels
    assert check_loss_shape(None, y_hat, y) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "y_hat, y, loss_values, error, name",
    [
        (onp.zeros(5), onp.zeros(5), onp.zeros((5, 1)), ValueError, "y_hat"),
        (onp.zeros((5, 2)), onp.zeros(5), onp.zeros((5, 1)), ValueError, "y_hat"),
        (onp.zeros((5, 1)), onp.zeros(4), onp.zeros((5, 1)), ValueError, "y_hat and y"),
        (onp.zeros((5, 1)), onp.zeros((5, 1)), onp.zeros((5, 1)), ValueError, "y must"),
        (onp.zeros((5, 1)), onp.zeros(5), "0.5", TypeError, "loss_values"),
        (onp.zeros((5, 1)), onp.zeros(5), onp.full((5, 1), math.nan), ValueError, "loss_values"),
    ],
)
def test_loss_shape_names_a_bad_input(y_hat, y, loss_values, error, name):
    with pytest.raises(error, match=name):
        check_loss_shape(loss_values, y_hat, y)


# Exercise 6: check_learning_rate_losses.

RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3]


def numpy_sweep(rates, num_epochs=3, reinitialise=True):
    """Minibatch SGD (batch 10) on y = X [2, -3.4] + 4.2 + noise, in NumPy alone.

    Returns {rate: [mean squared loss / 2 before training, then after each epoch]}.
    Every run replays the same minibatch order; with reinitialise=False each run goes on
    from where the previous one stopped, the mistake the check must catch.
    """
    rng = onp.random.default_rng(0)
    X = rng.normal(size=(1000, 2))
    y = X @ onp.array([2.0, -3.4]) + 4.2 + rng.normal(scale=0.01, size=1000)
    order = [rng.permutation(1000) for _ in range(num_epochs)]
    w_start, b_start = rng.normal(scale=0.01, size=2), 0.0
    w, b = w_start, b_start
    sweep = {}
    # The diverging runs overflow to inf and nan on purpose.
    with onp.errstate(over="ignore", invalid="ignore"):
        for rate in rates:
            if reinitialise:
                w, b = w_start.copy(), b_start
            history = [float(((X @ w + b - y) ** 2).mean() / 2)]
            for permutation in order:
                for start in range(0, 1000, 10):
                    batch = permutation[start : start + 10]
                    residual = X[batch] @ w + b - y[batch]
                    w = w - rate * X[batch].T @ residual / 10
                    b = b - rate * residual.sum() / 10
                history.append(float(((X @ w + b - y) ** 2).mean() / 2))
            sweep[rate] = history
    return sweep


@pytest.fixture(scope="module")
def sweep():
    return numpy_sweep(RATES)


def test_numpy_sweep_behaves_as_the_exercise_says(sweep):
    # The reference itself: slow small rates, converging middle rates, a diverging largest.
    finals = [sweep[rate][-1] for rate in RATES]
    assert finals[0] > finals[1] > finals[2] > finals[3]
    assert finals[4] < 1e-3
    assert not math.isfinite(finals[-1]) or finals[-1] > sweep[3][0]


def test_learning_rates_accepts_a_right_sweep(sweep, capsys):
    assert check_learning_rate_losses(sweep) is True
    assert capsys.readouterr().out.startswith("Right")


def test_learning_rates_accepts_mxnet_histories(sweep):
    as_mxnet = {rate: np.array(history) for rate, history in sweep.items()}
    assert check_learning_rate_losses(as_mxnet) is True


def test_learning_rates_rejects_runs_that_were_not_reinitialised(capsys):
    carried_over = numpy_sweep(RATES, reinitialise=False)
    assert check_learning_rate_losses(carried_over) is False
    assert "same initial w and b" in capsys.readouterr().out


def test_learning_rates_rejects_too_few_rates(sweep):
    assert check_learning_rate_losses({rate: sweep[rate] for rate in RATES[:3] + [3]}) is False


def test_learning_rates_rejects_a_narrow_range(sweep):
    narrow = {rate: sweep[0.03] for rate in [0.01, 0.02, 0.03, 0.05, 0.07, 0.09]}
    assert check_learning_rate_losses(narrow) is False


def test_learning_rates_rejects_a_sweep_without_divergence(sweep, capsys):
    assert check_learning_rate_losses({rate: sweep[rate] for rate in RATES[:-1]}) is False
    assert "still converges" in capsys.readouterr().out


def test_learning_rates_rejects_losses_that_do_not_fall_with_the_rate(sweep, capsys):
    swapped = dict(sweep)
    swapped[0.001], swapped[0.03] = sweep[0.03], sweep[0.001]
    assert check_learning_rate_losses(swapped) is False
    assert "should fall" in capsys.readouterr().out


def test_learning_rates_without_an_answer(capsys):
    assert check_learning_rate_losses(None) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "answer, error, name",
    [
        ([[1.0, 0.5]], TypeError, "losses_by_rate must be a dict"),
        ({-0.1: [1.0, 0.5]}, ValueError, "losses_by_rate keys"),
        ({"0.1": [1.0, 0.5]}, ValueError, "losses_by_rate keys"),
        ({True: [1.0, 0.5]}, ValueError, "losses_by_rate keys"),
        ({0.1: [1.0]}, ValueError, r"losses_by_rate\[0.1\]"),
        ({0.1: 1.0}, TypeError, r"losses_by_rate\[0.1\]"),
        ({0.1: "1.0 0.5"}, TypeError, r"losses_by_rate\[0.1\]"),
        ({0.1: ["a", "b"]}, TypeError, r"losses_by_rate\[0.1\]"),
    ],
)
def test_learning_rates_names_a_bad_input(answer, error, name):
    with pytest.raises(error, match=name):
        check_learning_rate_losses(answer)


# Exercise 7: check_batch_sizes.


def sizes_by_arithmetic(num_examples, batch_size):
    """Full batches while enough examples remain, then the rest: what a pass must read."""
    full, rest = divmod(num_examples, batch_size)
    return [batch_size] * full + ([rest] if rest else [])


def test_batch_sizes_accepts_the_ragged_pass(capsys):
    assert sizes_by_arithmetic(1000, 64) == [64] * 15 + [40]
    assert check_batch_sizes([64] * 15 + [40], 1000, 64) is True
    assert capsys.readouterr().out.startswith("Right")


@pytest.mark.parametrize("num_examples, batch_size", [(1000, 10), (7, 3), (5, 8), (1, 1)])
def test_batch_sizes_accepts_other_passes(num_examples, batch_size):
    sizes = sizes_by_arithmetic(num_examples, batch_size)
    assert check_batch_sizes(tuple(sizes), num_examples, batch_size) is True
    assert check_batch_sizes(onp.array(sizes), num_examples, batch_size) is True


def test_batch_sizes_accepts_sizes_read_from_a_shuffled_pass():
    # Any shuffle gives the same sizes; read them off a pass written here in plain Python.
    order = list(range(1000))
    random.Random(3).shuffle(order)
    sizes = [len(order[start : start + 64]) for start in range(0, 1000, 64)]
    assert check_batch_sizes(sizes, 1000, 64) is True


@pytest.mark.parametrize(
    "sizes",
    [
        [64] * 15,  # the last batch dropped
        [40] + [64] * 15,  # the small batch first
        [64] * 14 + [104],  # the rest folded into an oversized last batch
        [64] * 16,  # a last batch padded to full size
        [],
    ],
)
def test_batch_sizes_rejects_wrong_passes(sizes, capsys):
    assert check_batch_sizes(sizes, 1000, 64) is False
    assert capsys.readouterr().out.startswith("Not yet")


def test_batch_sizes_without_an_answer(capsys):
    assert check_batch_sizes(None, 1000, 64) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "sizes, num_examples, batch_size, error, name",
    [
        ([64], 0, 64, ValueError, "num_examples"),
        ([64], 1000.0, 64, ValueError, "num_examples"),
        ([64], 1000, 6.4, ValueError, "batch_size"),
        ([64], 1000, True, ValueError, "batch_size"),
        (None, 1000, -1, ValueError, "batch_size"),
        ("64", 1000, 64, TypeError, "sizes"),
        (64, 1000, 64, TypeError, "sizes"),
        ([64.0] * 15 + [40.0], 1000, 64, TypeError, "sizes"),
    ],
)
def test_batch_sizes_names_a_bad_input(sizes, num_examples, batch_size, error, name):
    with pytest.raises(error, match=name):
        check_batch_sizes(sizes, num_examples, batch_size)
