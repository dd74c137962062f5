"""Making and reading the chapter's data set."""

import random

from mxnet import np, npx

from d2l_mini._checks import check_positive_int, check_same_length

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
