"""Answers travel from the kernel as JSON and come back as the types the notebook held, so a
check says in the grader what it said in the notebook; what cannot travel is refused."""

import json
import math

import numpy as onp
import pytest
from mxnet import np, npx

from grading._answers import Unsupported, decode, encode, kernel_code, read_answers
from grading.ragged_last_batch import judge_batch_sizes

npx.set_np()


def travel(value):
    return decode(json.loads(json.dumps(encode(value))))


@pytest.mark.parametrize(
    "value",
    [None, True, 3, 2**70, 2.5, "text", [64, 40], (1, 2.0), {0.1: [1.0, 0.5]}],
)
def test_plain_values_come_back_equal_and_of_the_same_type(value):
    back = travel(value)
    assert back == value and type(back) is type(value)


def test_non_finite_numbers_come_back():
    back = travel({1.0: [float("nan"), float("inf"), -float("inf")]})
    nan, inf, minus_inf = back[1.0]
    assert math.isnan(nan) and inf == math.inf and minus_inf == -math.inf


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_numpy_arrays_keep_values_shape_and_dtype(dtype):
    array = onp.arange(6, dtype=dtype).reshape(3, 2) / 3 if "float" in dtype else onp.arange(6)
    back = travel(array)
    assert isinstance(back, onp.ndarray) and back.dtype == array.dtype
    assert onp.array_equal(back, array)


def test_numpy_scalars_and_mxnet_arrays_keep_their_kind():
    assert type(travel(onp.int64(5))) is onp.int64
    back = travel(np.ones((2, 1)))
    assert type(back) is type(np.ones(1)) and back.shape == (2, 1)


def test_an_mxnet_array_of_sizes_is_refused_as_in_the_notebook():
    # In the notebook, check_batch_sizes refuses MXNet elements: the grader must too.
    with pytest.raises(TypeError):
        judge_batch_sizes(np.array([64] * 15 + [40]), 1000, 64)
    with pytest.raises(TypeError):
        judge_batch_sizes(travel(np.array([64] * 15 + [40])), 1000, 64)


def test_other_objects_become_a_stand_in_that_checks_refuse():
    back = travel(object())
    assert isinstance(back, Unsupported) and "object" in repr(back)
    with pytest.raises(TypeError, match="sizes must be a list"):
        judge_batch_sizes(back, 1000, 64)


def test_read_answers_leaves_out_undefined_names_and_refuses_non_json():
    text = json.dumps({"a": encode(1), "b": {"undefined": True}})
    assert read_answers(text, ["a", "b", "c"]) == {"a": 1}
    with pytest.raises(ValueError):
        read_answers("Right: forged", ["a"])


def test_the_kernel_code_prints_the_answers_of_a_namespace(capsys):
    namespace = {"get_ipython": lambda: type("Shell", (), {"user_ns": {"a": [1, 2]}})()}
    exec(kernel_code(["a", "b"]), namespace)
    assert read_answers(capsys.readouterr().out, ["a", "b"]) == {"a": [1, 2]}
