"""What a student passes to a check (MXNet array, NumPy array, list, number), as NumPy."""

import math
from numbers import Real

import numpy as onp


def to_numpy(value, name: str):
    """value as a float64 NumPy array of any shape.

    value: an MXNet or NumPy array, a (nested) list or tuple of numbers, or a number.
    None, bools and strings are refused, although NumPy would read them as nan, 1.0 or a
    parsed number. Raises TypeError naming `name` when value does not hold numbers.
    """
    if value is None or isinstance(value, (bool, str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    if hasattr(value, "asnumpy"):
        value = value.asnumpy()
    try:
        return onp.asarray(value, dtype=onp.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be an array of numbers, got {type(value).__name__}"
        ) from error


def float_array(value, name: str, ndims=(1,)):
    """value as a non-empty, finite float64 array whose number of axes is in ndims."""
    array = to_numpy(value, name)
    if array.ndim not in ndims:
        axes = " or ".join(str(ndim) for ndim in ndims)
        raise ValueError(f"{name} must have {axes} axes, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not onp.all(onp.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers only, got a NaN or an infinity")
    return array


def paired_vectors(first, first_name: str, second, second_name: str):
    """Two (n,) float64 arrays of the same length n, or an error naming them."""
    first = float_array(first, first_name, ndims=(1,))
    second = float_array(second, second_name, ndims=(1,))
    if len(first) != len(second):
        raise ValueError(
            f"{first_name} and {second_name} must have the same length, "
            f"got {len(first)} and {len(second)}"
        )
    return first, second


def float_number(value, name: str) -> float:
    """value as a finite float: a Python or NumPy number, or an array holding one number."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got a bool")
    if isinstance(value, (list, tuple)):
        value = float_array(value, name, ndims=(0, 1, 2))
    elif hasattr(value, "asnumpy") or isinstance(value, onp.ndarray):
        value = to_numpy(value, name)
    if isinstance(value, onp.ndarray):
        if value.size != 1:
            raise ValueError(f"{name} must be a single number, got an array of shape {value.shape}")
        value = value.reshape(()).item()
    if not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)
