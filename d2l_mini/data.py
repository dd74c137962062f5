"""Making and reading the chapter's data set."""

import random
import time

from mxnet import gluon, np, npx

from d2l_mini._checks import check_positive_int, check_positive_number, check_same_length

npx.set_np()


def synthetic_data(w, b, num_examples: int):
    """Draw examples of the linear model y = X w + b + noise, noise ~ N(0, 0.01²).

    w: (d,) true weights; b: scalar true bias; num_examples: n >= 1.
    Returns X: (n, d) with standard normal entries, and y: (n,).
    """
    check_positive_int(num_examples, "num_examples")
    if getattr(w, "ndim", None) != 1:
        raise ValueError(
            "w must be a one-dimensional array of shape (d,), "
            f"got {getattr(w, 'shape', type(w).__name__)}"
        )
    X = np.random.normal(0, 1, (num_examples, len(w)))
    y = np.dot(X, w) + b
    y += np.random.normal(0, 0.01, y.shape)
    return X, y


def data_iter(batch_size: int, features, labels):
    """Yield (X, y) minibatches in a random order, each example once per pass.

    features: (n, d); labels: (n,) or (n, 1); batch_size: a positive int.
    Every batch has batch_size examples except the last, which holds the rest
    when batch_size does not divide n.
    """
    check_positive_int(batch_size, "batch_size")
    check_same_length(features, labels)
    num_examples = len(features)
    indices = list(range(num_examples))
    random.shuffle(indices)
    for start in range(0, num_examples, batch_size):
        batch = np.array(indices[start : start + batch_size])
        yield features[batch], labels[batch]


def fast_data_iter(batch_size: int, features, labels, drop_last: bool = False):
    """Yield (X, y) minibatches in a random order, each example once per pass, cheaply.

    features: (n, d); labels: (n,) or (n, 1); batch_size: a positive int; drop_last: a bool.
    Yields X: (batch_size, d) and y: (batch_size,) or (batch_size, 1). Every batch has
    batch_size examples except the last, which holds the rest when batch_size does not
    divide n; with drop_last=True that smaller batch is left out.

    Unlike data_iter, which builds an index array and gathers rows for every batch, this
    shuffles and gathers once per pass and then hands out contiguous slices, which MXNet
    returns as views without copying. The order is drawn from MXNet's generator
    (mxnet.np.random.shuffle), not Python's random module: it is seeded with
    npx.random.seed, and shuffling 100,000 indices there takes about a millisecond, a
    Python list about a hundred times longer. The arguments are checked when the
    iterator is created; the order is drawn when the first batch is requested.
    """
    check_positive_int(batch_size, "batch_size")
    check_same_length(features, labels)
    if not isinstance(drop_last, bool):
        raise ValueError(f"drop_last must be a bool, got {drop_last!r}")
    return _shuffled_slices(batch_size, features, labels, drop_last)


def _shuffled_slices(batch_size: int, features, labels, drop_last: bool):
    num_examples = len(features)
    # int64, because float32 (arange's default) cannot count past 2**24 exactly.
    order = np.arange(num_examples, dtype="int64")
    np.random.shuffle(order)
    features, labels = features[order], labels[order]
    stop = num_examples - num_examples % batch_size if drop_last else num_examples
    for start in range(0, stop, batch_size):
        yield features[start : start + batch_size], labels[start : start + batch_size]


def load_array(data_arrays, batch_size: int, is_train: bool = True):
    """Gluon's built-in reader over arrays held in memory: ArrayDataset + DataLoader.

    data_arrays: a tuple of arrays with the same first dimension n, such as
    (features (n, d), labels (n,)); batch_size: a positive int; is_train: shuffle the
    examples on every pass when True, keep their order when False.
    Iterating over the result yields, for each minibatch, one array per input array, with
    batch_size rows (the last batch holds the rest). The DataLoader fetches every example
    on its own and stacks them into a batch. Its shuffling draws from NumPy's global
    generator, so numpy.random.seed makes the order reproducible. Build the loader once and
    iterate over it on every pass: each pass reshuffles, while building one runs Python's
    garbage collector, which can take a tenth of a second.
    """
    check_positive_int(batch_size, "batch_size")
    if not isinstance(is_train, bool):
        raise ValueError(f"is_train must be a bool, got {is_train!r}")
    lengths = [len(array) for array in data_arrays]
    if not lengths or lengths[0] == 0:
        raise ValueError(f"data_arrays must hold non-empty arrays, got lengths {lengths}")
    if len(set(lengths)) > 1:
        raise ValueError(f"data_arrays must all have the same length, got lengths {lengths}")
    dataset = gluon.data.ArrayDataset(*data_arrays)
    return gluon.data.DataLoader(dataset, batch_size, shuffle=is_train)


def examples_per_second(make_batches, num_examples: int, budget_seconds: float = 0.5) -> float:
    """How many examples per second a data iterator delivers: the best of several passes.

    make_batches: a function of no arguments that returns a fresh iterable of (X, y)
    minibatches covering num_examples examples once, such as
    lambda: fast_data_iter(10, features, labels).
    Passes are read until budget_seconds have been spent, and at least three of them; the
    fastest counts, because other programs on the machine can only slow a pass down. Every
    batch is waited for (wait_to_read): MXNet computes lazily, so without the wait the
    timer would stop before the work is done. A pass longer than a third of the budget is
    cut short and its time estimated from the batches read: the time to the first batch,
    which includes any shuffling, plus the average time per example after it.
    """
    check_positive_int(num_examples, "num_examples")
    check_positive_number(budget_seconds, "budget_seconds")
    cutoff = budget_seconds / 3
    spent, passes, fastest = 0.0, 0, float("inf")
    while passes < 3 or spent < budget_seconds:
        seconds = _time_one_pass(make_batches(), num_examples, cutoff)
        spent, passes, fastest = spent + seconds, passes + 1, min(fastest, seconds)
    return num_examples / fastest


def _time_one_pass(batches, num_examples: int, cutoff: float) -> float:
    start = time.perf_counter()
    read = first_read = 0
    to_first = 0.0
    for X, y in batches:
        X.wait_to_read()
        y.wait_to_read()
        read += X.shape[0]  # as len(X), without its second call into MXNet
        elapsed = time.perf_counter() - start
        if first_read == 0:
            to_first, first_read = elapsed, read
        elif elapsed > cutoff and read < num_examples:
            per_example = (elapsed - to_first) / (read - first_read)
            return to_first + per_example * (num_examples - first_read)
    if read != num_examples:
        raise ValueError(f"make_batches() yielded {read} examples, expected {num_examples}")
    return time.perf_counter() - start
