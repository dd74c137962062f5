"""Data whose every example names itself, for the tests of the minibatch iterators."""

import numpy as onp
from mxnet import np


def numbered_data(num_examples, num_features=2, column=False):
    """features (n, d) whose row i is i + [0, 0.25, 0.5, ...][:d]; labels i, (n,) or (n, 1).

    Which examples a batch holds is read off the batch itself (its labels, or its first
    feature column), and a row that lost its label shows as a first column != label.
    """
    rows = onp.arange(num_examples)[:, None] + onp.arange(num_features) / 4
    labels = onp.arange(num_examples, dtype="float32")
    labels = labels.reshape(-1, 1) if column else labels
    return np.array(rows, dtype="float32"), np.array(labels)
