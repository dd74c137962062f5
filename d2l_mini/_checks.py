"""Input checks shared by the d2l_mini modules: a wrong argument fails here, by name."""

import math
from numbers import Integral, Real


def check_positive_int(value, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")


def check_positive_number(value, name: str) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, Real)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")


def check_same_length(features, labels) -> None:
    if len(features) == 0:
        raise ValueError("features must hold at least one example, got an empty array")
    if len(features) != len(labels):
        raise ValueError(
            f"features and labels must have the same length, got {len(features)} and {len(labels)}"
        )
