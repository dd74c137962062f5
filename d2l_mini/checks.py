"""Self-checks for the exercises: each takes a student's answer and the data, and prints a
short verdict without giving the expected value away."""

# Exercises 1 to 4.

import math
from numbers import Real

import numpy as onp

# CODATA 2018 exact values, in SI units; check_temperature fits Planck's law with them.
PLANCK_CONSTANT = 6.62607015e-34  # J s
SPEED_OF_LIGHT = 299792458.0  # m / s
BOLTZMANN_CONSTANT = 1.380649e-23  # J / K


def _float_array(value, name: str, ndims=(1,)):
    """value as a float64 NumPy array whose number of axes is in ndims.

    Takes MXNet arrays, NumPy arrays and (nested) lists of numbers.
    """
    if value is None or isinstance(value, (bool, str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    if hasattr(value, "asnumpy"):
        value = value.asnumpy()
    try:
        array = onp.asarray(value, dtype=onp.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be an array of numbers, got {type(value).__name__}"
        ) from error
    if array.ndim not in ndims:
        axes = " or ".join(str(ndim) for ndim in ndims)
        raise ValueError(f"{name} must have {axes} axes, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not onp.all(onp.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers only, got a NaN or an infinity")
    return array


def _paired_vectors(first, first_name: str, second, second_name: str):
    """Two (n,) float arrays of the same length, or an error naming them."""
    first = _float_array(first, first_name, ndims=(1,))
    second = _float_array(second, second_name, ndims=(1,))
    if len(first) != len(second):
        raise ValueError(
            f"{first_name} and {second_name} must have the same length, "
            f"got {len(first)} and {len(second)}"
        )
    return first, second


def _float_number(value, name: str) -> float:
    """value as a finite float: a Python or NumPy number, or an array holding one number."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got a bool")
    if hasattr(value, "asnumpy"):
        value = value.asnumpy()
    if isinstance(value, (list, tuple)):
        value = _float_array(value, name, ndims=(0, 1, 2))
    if isinstance(value, onp.ndarray):
        if value.size != 1:
            raise ValueError(f"{name} must be a single number, got an array of shape {value.shape}")
        value = value.reshape(()).item()
    if not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def check_trained_parameters(w, b, true_w, true_b, tolerance: float = 0.01) -> bool:
    """Exercise 1: are the trained w and b within `tolerance` of the true parameters?

    w: (d, 1) or (d,) trained weights; b: (1,) or a number, the trained bias;
    true_w: (d,) the weights that generated the data; true_b: a number.
    None for w or b means no answer yet. Prints a verdict and returns True or False.
    """
    if w is None or b is None:
        print("No answer yet: set my_w and my_b to your parameters trained from zero.")
        return False
    true_w = _float_array(true_w, "true_w", ndims=(1,))
    true_b = _float_number(true_b, "true_b")
    if isinstance(tolerance, bool) or not isinstance(tolerance, Real) or not tolerance > 0:
        raise ValueError(f"tolerance must be a positive number, got {tolerance!r}")
    w_array = _float_array(w, "w", ndims=(1, 2))
    if w_array.shape not in ((true_w.size,), (true_w.size, 1)):
        raise ValueError(
            f"w must have shape ({true_w.size}, 1) or ({true_w.size},), got {w_array.shape}"
        )
    b_value = _float_number(b, "b")
    w_error = float(onp.abs(w_array.reshape(-1) - true_w).max())
    b_error = abs(b_value - true_b)
    if w_error < tolerance and b_error < tolerance:
        print(f"Right: w and b are both within {tolerance} of the true parameters.")
        return True
    print(
        f"Not yet: the largest error is {w_error:.3g} in w and {b_error:.3g} in b;\n"
        f"both should be below {tolerance}. Did every minibatch update w and b?"
    )
    return False


def _resistance_fit(voltages, currents) -> float:
    """Least-squares slope of V = R I + V0 (an offset is allowed), in ohms."""
    design = onp.stack([currents, onp.ones_like(currents)], axis=1)
    (resistance, _offset), *_ = onp.linalg.lstsq(design, voltages, rcond=None)
    return float(resistance)


def check_resistance(R, voltages, currents) -> bool:
    """Exercise 2: is R within 0.5% of the least-squares fit of V = R I + V0 to the data?

    R: a number (or a one-element array), the learned resistance in ohms;
    voltages: (n,) in volts; currents: (n,) in amperes, not all equal.
    None for R means no answer yet. Prints a verdict and returns True or False.
    """
    if R is None:
        print("No answer yet: set my_resistance to the resistance you learned, in ohms.")
        return False
    voltages, currents = _paired_vectors(voltages, "voltages", currents, "currents")
    if len(currents) < 2 or onp.ptp(currents) == 0:
        raise ValueError("currents must hold at least two different values to fit a line")
    resistance = _float_number(R, "R")
    reference = _resistance_fit(voltages, currents)
    relative_error = abs(resistance - reference) / abs(reference)
    if relative_error <= 0.005:
        print("Right: R is within 0.5% of the least-squares fit of these measurements.")
        return True
    direction = "high" if resistance > reference else "low"
    print(
        f"Not yet: R is too {direction} by more than 0.5% of the least-squares fit.\n"
        "Is the current in amperes, and did gradient descent run long enough?"
    )
    return False


def _planck_si(wavelengths, temperature):
    """Spectral radiance B(λ, T) in W / (m² sr m), for wavelengths in metres."""
    h, c, k = PLANCK_CONSTANT, SPEED_OF_LIGHT, BOLTZMANN_CONSTANT
    with onp.errstate(over="ignore"):
        # expm1 overflows to inf far on the short-wavelength side, where B is 0 anyway.
        return 2 * h * c**2 / wavelengths**5 / onp.expm1(h * c / (wavelengths * k * temperature))


def _temperature_fit(wavelengths, radiances) -> float:
    """The T minimising the squared error of Planck's law: a log-spaced grid, then a
    golden-section search between the grid neighbours of the best point."""

    def sum_of_squares(log_t):
        return float(((_planck_si(wavelengths, math.exp(log_t)) - radiances) ** 2).sum())

    grid = onp.linspace(math.log(1.0), math.log(1.0e6), 1201)
    best = int(onp.argmin([sum_of_squares(log_t) for log_t in grid]))
    low, high = grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(60):
        left, right = high - ratio * (high - low), low + ratio * (high - low)
        if sum_of_squares(left) < sum_of_squares(right):
            high = right
        else:
            low = left
    return math.exp((low + high) / 2)


def check_temperature(T, wavelengths, radiances) -> bool:
    """Exercise 3: is T within 1% of the least-squares fit of Planck's law to the data?

    T: a number (or a one-element array), the recovered temperature in kelvin;
    wavelengths: (n,) in metres, each in (0, 1 mm]; radiances: (n,) spectral radiances
    in W / (m² sr m). The reference fit is computed here with NumPy, without autograd.
    None for T means no answer yet. Prints a verdict and returns True or False.
    """
    if T is None:
        print("No answer yet: set my_temperature to your temperature, in kelvin.")
        return False
    wavelengths, radiances = _paired_vectors(wavelengths, "wavelengths", radiances, "radiances")
    if not onp.all(wavelengths > 0):
        raise ValueError("wavelengths must all be positive, in metres")
    if wavelengths.max() > 1e-3:
        # Anything warmer than 3 K radiates most strongly below 1 mm.
        raise ValueError(
            f"wavelengths must be in metres, got values up to {wavelengths.max():.4g}: "
            "convert nanometres or micrometres to metres first"
        )
    if not radiances.max() > 0:
        raise ValueError("radiances must hold some positive values")
    temperature = _float_number(T, "T")
    if temperature <= 0:
        raise ValueError(f"T must be a positive temperature in kelvin, got {temperature!r}")
    reference = _temperature_fit(wavelengths, radiances)
    if abs(temperature - reference) <= 0.01 * reference:
        print("Right: T agrees with a least-squares fit of Planck's law within 1%.")
        return True
    direction = "high" if temperature > reference else "low"
    print(
        f"Not yet: T is too {direction} by more than 1% of a least-squares fit of\n"
        "Planck's law. Did gradient descent converge, and is T in kelvin?"
    )
    return False


def check_hessian(H, X) -> bool:
    """Exercise 4: is H the Hessian of ½·mean((X w + b - y)²) with respect to (w, b)?

    H: (d + 1, d + 1), rows and columns ordered w_1, ..., w_d, then b; X: (n, d).
    The Hessian depends on X alone, not on y, w or b. Entries may be off by at most
    0.1% of the largest entry (finite differences in float32 are that accurate).
    None for H means no answer yet. Prints a verdict and returns True or False.
    """
    if H is None:
        print("No answer yet: set my_hessian to the (d + 1, d + 1) Hessian, b last.")
        return False
    X = _float_array(X, "X", ndims=(2,))
    H = _float_array(H, "H", ndims=(2,))
    size = X.shape[1] + 1
    if H.shape != (size, size):
        raise ValueError(
            f"H must have shape ({size}, {size}) for X with {size - 1} features "
            f"(w_1, ..., w_{size - 1}, then b), got {H.shape}"
        )
    with_ones = onp.hstack([X, onp.ones((len(X), 1))])
    reference = with_ones.T @ with_ones / len(X)
    if onp.abs(H - reference).max() <= 1e-3 * max(1.0, onp.abs(reference).max()):
        print("Right: H is the Hessian of the mean squared loss, bias entries included.")
        return True
    print(
        "Not yet: H differs from the Hessian of ½·mean((X w + b - y)²). Check the\n"
        "1/n of the mean, the order (w first, b last) and the bias row and column."
    )
    return False


# Exercises 5 to 7.

# Losses this close count as equal: twice the noise floor of the chapter's data, where the
# mean squared loss stops falling (noise variance 0.01² halved).
LOSS_FLOOR_TOLERANCE = 1e-4
# Exercise 6: up to this rate, the loss after a few epochs still falls as the rate grows.
SLOW_RATE_LIMIT = 0.03


def check_loss_shape(loss_values, y_hat, y) -> bool:
    """Exercise 5: does loss_values hold one squared loss (ŷ_i - y_i)²/2 per example?

    loss_values: (n, 1) or (n,), the student's per-example losses; y_hat: (n, 1)
    predictions; y: (n,) labels. An (n, n) answer is the broadcasting mistake.
    None for loss_values means no answer yet. Prints a verdict and returns True or False.
    """
    if loss_values is None:
        print("No answer yet: set loss_values to your per-example losses of y_hat against y.")
        return False
    y_hat = _float_array(y_hat, "y_hat", ndims=(2,))
    y = _float_array(y, "y", ndims=(1,))
    if y_hat.shape[1] != 1:
        raise ValueError(f"y_hat must have shape (n, 1), got {y_hat.shape}")
    if len(y) != len(y_hat):
        raise ValueError(
            f"y_hat and y must hold one value per example each, got {len(y_hat)} and {len(y)}"
        )
    loss_values = _float_array(loss_values, "loss_values", ndims=(1, 2))
    n = len(y)
    if n > 1 and loss_values.shape == (n, n):
        print(
            f"Not yet: your loss has shape {loss_values.shape}, one value for every pair of\n"
            "a prediction and a label: y_hat - y broadcast to a matrix. Reshape y first."
        )
        return False
    if loss_values.shape not in ((n, 1), (n,)):
        print(
            f"Not yet: your loss has shape {loss_values.shape}, but there are {n} examples\n"
            "and each should get one loss, in a column like y_hat."
        )
        return False
    reference = (y_hat[:, 0] - y) ** 2 / 2
    if not onp.allclose(loss_values.reshape(-1), reference, rtol=1e-5, atol=1e-7):
        print(
            "Not yet: one loss per example, but the values are not (ŷ_i - y_i)²/2.\n"
            "Check the square and the factor 1/2."
        )
        return False
    print(f"Right: shape {loss_values.shape}, one loss (ŷ_i - y_i)²/2 per example.")
    return True


def _loss_history(losses, rate):
    """One run's losses as a float64 array; NaN and infinity are allowed (divergence)."""
    name = f"losses_by_rate[{rate!r}]"
    if isinstance(losses, (str, bytes)) or not hasattr(losses, "__len__"):
        raise TypeError(f"{name} must be a sequence of losses, got {type(losses).__name__}")
    if hasattr(losses, "asnumpy"):
        losses = losses.asnumpy()
    try:
        history = onp.asarray(losses, dtype=onp.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must hold numbers, got {losses!r:.60}") from error
    if history.ndim != 1 or len(history) < 2:
        raise ValueError(
            f"{name} must be a flat sequence of at least two losses (before training, then "
            f"after each epoch), got shape {history.shape}"
        )
    return history


def _diverged(history) -> bool:
    """A run diverged if its loss overflowed or ended above where it started."""
    return not math.isfinite(history[-1]) or history[-1] > history[0]


def check_learning_rate_losses(losses_by_rate) -> bool:
    """Exercise 6: does a learning-rate sweep show slow, fast and diverging training?

    losses_by_rate: {learning rate: losses}, where losses is a sequence (at least 2
    numbers) holding the training loss before training and then after each epoch (or more
    often); NaN and infinity are allowed. Asks for at least six rates spanning two orders
    of magnitude, one starting loss for all runs (the same initial parameters), a final
    loss that falls as the rate grows up to 0.03, and a largest rate that diverges.
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
        if (
            isinstance(rate, bool)
            or not isinstance(rate, Real)
            or not math.isfinite(rate)
            or rate <= 0
        ):
            raise ValueError(
                f"losses_by_rate keys must be positive finite learning rates, got {rate!r}"
            )
        histories[float(rate)] = _loss_history(losses, rate)
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
    falls = all(
        later <= earlier + LOSS_FLOOR_TOLERANCE for earlier, later in zip(finals, finals[1:])
    )
    if not (falls and finals[-1] < finals[0]):
        print(
            f"Not yet: up to a rate of {SLOW_RATE_LIMIT}, the loss after training should fall\n"
            "as the rate grows. Train for a few epochs only, each run on the same minibatches."
        )
        return False
    if not _diverged(histories[rates[-1]]):
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


def check_batch_sizes(sizes, num_examples, batch_size) -> bool:
    """Exercise 7: are sizes the batch sizes of one pass of data_iter over the data?

    sizes: a sequence of ints, len(y) of each batch in the order data_iter yields them;
    num_examples: n, a positive int; batch_size: a positive int. The last batch holds
    what is left over when batch_size does not divide n; no example is dropped.
    None for sizes means no answer yet. Prints a verdict and returns True or False.
    """
    for value, name in ((num_examples, "num_examples"), (batch_size, "batch_size")):
        if isinstance(value, bool) or not isinstance(value, (int, onp.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    if sizes is None:
        print("No answer yet: set batch_sizes to the list of len(y) for every batch.")
        return False
    if isinstance(sizes, (str, bytes, dict)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"sizes must be a list of ints, got {type(sizes).__name__}")
    sizes = list(sizes)
    for size in sizes:
        if isinstance(size, bool) or not isinstance(size, (int, onp.integer)):
            raise TypeError(f"sizes must hold ints (len(y) of each batch), got {size!r}")
    if sum(sizes) != num_examples:
        print(
            f"Not yet: your batches hold {sum(sizes)} examples in all, but one pass of\n"
            f"data_iter reads each of the {num_examples} examples exactly once."
        )
        return False
    if any(size != batch_size for size in sizes[:-1]) or not 1 <= sizes[-1] <= batch_size:
        print(
            f"Not yet: every batch but the last should hold batch_size = {batch_size},\n"
            "and the last one what is left over."
        )
        return False
    print(f"Right: {len(sizes) - 1} full batches of {batch_size} and a last batch of {sizes[-1]}.")
    return True
