"""Each function a chapter page defines, run from the page itself, against the copy kept in
d2l_mini: the same outputs on the same inputs, over several seeds and shapes, a ragged last
batch, and labels of shape (n,) and (n, 1).

The page's defining cell is read with jupytext and executed after the page's imports cell,
so the test runs exactly the code a reader sees.
"""

import functools
import random
from pathlib import Path

import jupytext
import numpy as onp
import pytest
from mxnet import autograd, np, npx
from numbered_data import numbered_data

import d2l_mini

npx.set_np()

CHAPTERS = Path(__file__).resolve().parents[2] / "chapters"
SEEDS = [0, 7, 2024]


@functools.cache
def chapter_function(page: str, name: str):
    """The function `name` as defined on chapters/<page>.md, run in a namespace of its own.

    Executes the page's first code cell (its imports), then the one code cell that holds
    `def name(`; fails if the page defines it in no cell or in several.
    """
    notebook = jupytext.read(CHAPTERS / f"{page}.md")
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    defining = [source for source in code if f"def {name}(" in source]
    assert len(defining) == 1, f"{page}.md defines {name} in {len(defining)} cells, expected 1"
    namespace = {}
    for source in (code[0], defining[0]):
        exec(compile(source, f"{page}.md", "exec"), namespace)
    return namespace[name]


def as_numpy(batches):
    """A pass of (X, y) minibatches as a list of NumPy pairs, so passes compare exactly."""
    return [(X.asnumpy(), y.asnumpy()) for X, y in batches]


def assert_same_batches(ours, kept):
    assert len(ours) == len(kept), f"{len(ours)} batches on the page, {len(kept)} in d2l_mini"
    for i, ((X_a, y_a), (X_b, y_b)) in enumerate(zip(ours, kept, strict=True)):
        assert X_a.shape == X_b.shape and y_a.shape == y_b.shape, f"batch {i}: shapes differ"
        onp.testing.assert_array_equal(X_a, X_b, err_msg=f"batch {i}: features differ")
        onp.testing.assert_array_equal(y_a, y_b, err_msg=f"batch {i}: labels differ")


COLUMN_LABELS = [False, True]
LABEL_IDS = ["labels (n,)", "labels (n, 1)"]
# 103 is prime: batches of 10 leave a ragged last batch of 3; 1 and 103 divide it.
BATCHINGS = [(103, 10), (103, 1), (103, 103), (103, 200), (1, 4)]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("true_w, num_examples", [([2, -3.4], 50), ([0.5], 1), ([1, 2, 3, 4], 7)])
def test_synthetic_data(seed, true_w, num_examples):
    synthetic_data = chapter_function("01_generating-the-dataset", "synthetic_data")
    true_w = np.array(true_w)
    npx.random.seed(seed)
    X_ours, y_ours = synthetic_data(true_w, 4.2, num_examples)
    npx.random.seed(seed)
    X_kept, y_kept = d2l_mini.synthetic_data(true_w, 4.2, num_examples)
    assert X_ours.shape == X_kept.shape == (num_examples, len(true_w))
    assert y_ours.shape == y_kept.shape == (num_examples,)
    onp.testing.assert_array_equal(X_ours.asnumpy(), X_kept.asnumpy())
    onp.testing.assert_array_equal(y_ours.asnumpy(), y_kept.asnumpy())


def test_synthetic_data_comparison_sees_the_seed():
    # Unseeded draws differ, so equal outputs above come from the seed, not from constants.
    X_first, _ = d2l_mini.synthetic_data(np.array([2, -3.4]), 4.2, 50)
    X_second, _ = d2l_mini.synthetic_data(np.array([2, -3.4]), 4.2, 50)
    assert not onp.array_equal(X_first.asnumpy(), X_second.asnumpy())


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("column", COLUMN_LABELS, ids=LABEL_IDS)
@pytest.mark.parametrize("num_examples, batch_size", BATCHINGS)
def test_data_iter(seed, column, num_examples, batch_size):
    data_iter = chapter_function("02_reading-the-dataset", "data_iter")
    features, labels = numbered_data(num_examples, column=column)
    random.seed(seed)
    ours = as_numpy(data_iter(batch_size, features, labels))
    random.seed(seed)
    kept = as_numpy(d2l_mini.data_iter(batch_size, features, labels))
    assert_same_batches(ours, kept)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("column", COLUMN_LABELS, ids=LABEL_IDS)
@pytest.mark.parametrize("num_examples, batch_size", BATCHINGS)
def test_fast_data_iter(seed, column, num_examples, batch_size):
    fast_data_iter = chapter_function("09_how-fast-is-our-data-pipeline", "fast_data_iter")
    features, labels = numbered_data(num_examples, column=column)
    npx.random.seed(seed)
    ours = as_numpy(fast_data_iter(batch_size, features, labels))
    npx.random.seed(seed)
    kept = as_numpy(d2l_mini.fast_data_iter(batch_size, features, labels))
    assert_same_batches(ours, kept)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("num_examples, num_features", [(50, 2), (1, 3), (7, 1)])
def test_linreg(seed, num_examples, num_features):
    linreg = chapter_function("04_defining-the-model", "linreg")
    rng = onp.random.default_rng(seed)
    X = rng.normal(size=(num_examples, num_features))
    w = rng.normal(size=(num_features, 1))
    b = rng.normal(size=(1,))
    ours = linreg(np.array(X), np.array(w), np.array(b))
    kept = d2l_mini.linreg(np.array(X), np.array(w), np.array(b))
    assert ours.shape == kept.shape == (num_examples, 1)
    onp.testing.assert_array_equal(ours.asnumpy(), kept.asnumpy())
    # And both are X w + b, computed by NumPy.
    onp.testing.assert_allclose(ours.asnumpy(), X @ w + b, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("column", COLUMN_LABELS, ids=LABEL_IDS)
@pytest.mark.parametrize("num_examples", [50, 1, 7])
def test_squared_loss(seed, column, num_examples):
    squared_loss = chapter_function("05_defining-the-loss-function", "squared_loss")
    rng = onp.random.default_rng(seed)
    y_hat = rng.normal(size=(num_examples, 1))
    y = rng.normal(size=(num_examples, 1) if column else (num_examples,))
    ours = squared_loss(np.array(y_hat), np.array(y))
    kept = d2l_mini.squared_loss(np.array(y_hat), np.array(y))
    assert ours.shape == kept.shape == (num_examples, 1)
    onp.testing.assert_array_equal(ours.asnumpy(), kept.asnumpy())
    expected = (y_hat - y.reshape(-1, 1)) ** 2 / 2
    onp.testing.assert_allclose(ours.asnumpy(), expected, rtol=1e-5, atol=1e-7)


def params_with_gradients(seed):
    """w: (3, 1) and b: (1,), whose gradients are the chosen g_w and g_b (of sum(p * g))."""
    rng = onp.random.default_rng(seed)
    start = [rng.normal(size=(3, 1)), rng.normal(size=(1,))]
    grads = [rng.normal(size=(3, 1)), rng.normal(size=(1,))]
    params = [np.array(value) for value in start]
    for param in params:
        param.attach_grad()
    with autograd.record():
        total = sum(
            (param * np.array(grad)).sum() for param, grad in zip(params, grads, strict=True)
        )
    total.backward()
    return params, start, grads


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("lr, batch_size", [(0.03, 10), (0.5, 3), (1.0, 1)])
def test_sgd(seed, lr, batch_size):
    sgd = chapter_function("06_defining-the-optimization-algorithm", "sgd")
    ours, start, grads = params_with_gradients(seed)
    kept, _, _ = params_with_gradients(seed)
    arrays = list(ours)
    sgd(ours, lr, batch_size)
    d2l_mini.sgd(kept, lr, batch_size)
    for param, same, other, value, grad in zip(ours, arrays, kept, start, grads, strict=True):
        assert param is same, "the page's sgd must update the arrays in place"
        onp.testing.assert_array_equal(param.asnumpy(), other.asnumpy())
        onp.testing.assert_allclose(
            param.asnumpy(), value - lr * grad / batch_size, rtol=1e-5, atol=1e-6
        )
