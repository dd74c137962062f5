"""The squared loss."""


def squared_loss(y_hat, y):
    """Half the squared error of each example.

    y_hat: (n, 1) predictions; y: n labels of any shape, such as (n,).
    Returns (n, 1): y is reshaped to y_hat's shape first, so that (n, 1) minus (n,)
    does not broadcast to an (n, n) matrix.
    """
    if y_hat.size != y.size:
        raise ValueError(
            f"y_hat and y must hold the same number of values, got {y_hat.size} and {y.size}"
        )
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
