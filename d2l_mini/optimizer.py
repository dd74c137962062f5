"""Minibatch stochastic gradient descent."""

from d2l_mini.argument_validation import check_positive_int, check_positive_number


def sgd(params, lr: float, batch_size: int) -> None:
    """Take one SGD step in place: param <- param - lr * param.grad / batch_size.

    params: arrays with gradients attached (attach_grad) and computed (backward);
    lr: learning rate, a positive finite number; batch_size: the number of examples
    whose losses were summed into the gradient.
    """
    check_positive_number(lr, "lr")
    check_positive_int(batch_size, "batch_size")
    for index, param in enumerate(params):
        if param.grad is None:
            raise ValueError(
                f"params[{index}] has no gradient: call attach_grad() on it before recording"
            )
    for param in params:
        param[:] = param - lr * param.grad / batch_size
