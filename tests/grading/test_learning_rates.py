"""check_learning_rate_losses (exercise "learning rates") against a sweep of minibatch SGD
written here in NumPy alone."""

import math

import numpy as onp
import pytest
from mxnet import np, npx

from grading.learning_rates import check_learning_rate_losses

npx.set_np()


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
    # MXNet keeps float32: a diverged run's losses past its range become inf, as they do
    # in a run with MXNet itself (NumPy 1.24 and later warn about that cast).
    with onp.errstate(over="ignore"):
        as_mxnet = {rate: np.array(history) for rate, history in sweep.items()}
    assert any(onp.isinf(history.asnumpy()).any() for history in as_mxnet.values())
    assert check_learning_rate_losses(as_mxnet) is True


def test_learning_rates_rejects_runs_that_were_not_reinitialised(capsys):
    carried_over = numpy_sweep(RATES, reinitialise=False)
    assert check_learning_rate_losses(carried_over) is False
    out = capsys.readouterr().out
    assert "where the run before it stopped" in out and "own copy of w0 and b0" in out


def test_learning_rates_without_the_loss_before_training_asks_for_it(sweep, capsys):
    from_epoch_one = {rate: history[1:] for rate, history in sweep.items()}
    assert check_learning_rate_losses(from_epoch_one) is False
    out = capsys.readouterr().out
    assert "must be the loss before training" in out
    assert "own copy" not in out, "the runs did start from one point: not that diagnosis"


def test_learning_rates_rejects_too_few_rates(sweep, capsys):
    assert check_learning_rate_losses({rate: sweep[rate] for rate in RATES[:3] + [3]}) is False
    assert "4 learning rates; try at least six" in capsys.readouterr().out


def test_learning_rates_rejects_a_narrow_range(sweep, capsys):
    narrow = {rate: sweep[0.03] for rate in [0.01, 0.02, 0.03, 0.05, 0.07, 0.09]}
    assert check_learning_rate_losses(narrow) is False
    assert "two orders of magnitude" in capsys.readouterr().out


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
    out = capsys.readouterr().out
    assert out.startswith("No answer yet") and "loss before training" in out


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
