"""grading._student_input: what a student may pass becomes the same float64 array."""

import numpy as onp
import pytest
from mxnet import np, npx

from grading._student_input import float_number, to_numpy

npx.set_np()


@pytest.mark.parametrize(
    "value",
    [np.array([[1.0], [2.5]]), onp.array([[1], [2.5]]), [[1], [2.5]], ((1.0,), (2.5,))],
)
def test_arrays_and_lists_become_the_same_float64_array(value):
    array = to_numpy(value, "answer")
    assert isinstance(array, onp.ndarray) and array.dtype == onp.float64
    onp.testing.assert_array_equal(array, [[1.0], [2.5]])


@pytest.mark.parametrize("value", [None, True, "1.5", b"1.5", [[1.0], ["a"]]])
def test_what_numpy_would_misread_is_refused_by_name(value):
    with pytest.raises(TypeError, match="answer must be an array of numbers"):
        to_numpy(value, "answer")


@pytest.mark.parametrize("value", [2.5, onp.float32(2.5), np.array([2.5]), [[2.5]]])
def test_one_number_in_any_container_is_a_float(value):
    assert float_number(value, "answer") == 2.5
