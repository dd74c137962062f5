"""Argument validation shared by the d2l_mini modules: a wrong argument fails here, by name."""

import math
from numbers import Integral, Real


def is_positive_int(value) -> bool:
    """True for an int (Python or NumPy) of at least 1; False for bools and everything else."""
    return not isinstance(value, bool) and isinstance(value, Integral) and value >= 1


def is_positive_number(value) -> bool:
    """True for a finite real number above 0; False for bools, NaN and infinities."""
    return (
        not isinstance(value, bool)
        and isinstance(value, Real)
        and math.isfinite(value)
        and value > 0
    )


def check_positive_int(value, name: str) -> None:
    if not is_positive_int(value):
        raise ValueError(f"{name} must be a positive int, got {value!r}")


def check_positive_number(value, name: str) -> None:
    if not is_positive_number(value):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")


def check_same_length(features, labels) -> None:
    if len(features) == 0:
        raise ValueError("features must hold at least one example, got an empty array")
    if len(features) != len(labels):
        raise ValueError(
            f"features and labels must have the same length, got {len(features)} and {len(labels)}"
        )
