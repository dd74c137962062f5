"""Making and reading the chapter's data set."""

import random

from mxnet import gluon, np, npx

from d2l_mini.argument_validation import check_positive_int, check_same_length

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

    Unlike data_iter, this shuffles and gathers once per pass and then hands out
    contiguous slices (views, not copies). The order is drawn from MXNet's generator, so
    npx.random.seed makes it reproducible, not random.seed. The arguments are checked when
    the iterator is created; the order is drawn when the first batch is requested.
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
    Returns a gluon.data.DataLoader; iterating over it yields, for each minibatch, one
    array per input array with batch_size rows, such as X: (batch_size, d) and
    y: (batch_size,); the last batch holds the rest. The shuffle draws from NumPy's global
    generator, so numpy.random.seed makes the order reproducible. Build the loader once and
    iterate over it on every pass: each pass reshuffles, and building one is slow
    (chapters/09_how-fast-is-our-data-pipeline.md measures it).
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
