"""check_batch_sizes (exercise "ragged last batch") against sizes worked out by arithmetic and
read off a pass written in plain Python."""

import random

import numpy as onp
import pytest

from grading.ragged_last_batch import check_batch_sizes


def sizes_by_arithmetic(num_examples, batch_size):
    """Full batches while enough examples remain, then the rest: what a pass must read."""
    full, rest = divmod(num_examples, batch_size)
    return [batch_size] * full + ([rest] if rest else [])


def test_batch_sizes_accepts_the_ragged_pass(capsys):
    assert sizes_by_arithmetic(1000, 64) == [64] * 15 + [40]
    assert check_batch_sizes([64] * 15 + [40], 1000, 64) is True
    assert capsys.readouterr().out.startswith("Right")


@pytest.mark.parametrize("num_examples, batch_size", [(1000, 10), (7, 3), (5, 8), (1, 1)])
def test_batch_sizes_accepts_other_passes(num_examples, batch_size):
    sizes = sizes_by_arithmetic(num_examples, batch_size)
    assert check_batch_sizes(tuple(sizes), num_examples, batch_size) is True
    assert check_batch_sizes(onp.array(sizes), num_examples, batch_size) is True


def test_batch_sizes_accepts_sizes_read_from_a_shuffled_pass():
    # Any shuffle gives the same sizes; read them off a pass written here in plain Python.
    order = list(range(1000))
    random.Random(3).shuffle(order)
    sizes = [len(order[start : start + 64]) for start in range(0, 1000, 64)]
    assert check_batch_sizes(sizes, 1000, 64) is True


TOTAL_RULE = "which is not the number of"
SIZE_RULE = "every batch but the last should hold"


@pytest.mark.parametrize(
    "sizes, rule",
    [
        ([64] * 15, TOTAL_RULE),  # the last batch dropped
        ([40] + [64] * 15, SIZE_RULE),  # the small batch first
        ([64] * 14 + [104], SIZE_RULE),  # the rest folded into an oversized last batch
        ([64] * 16, TOTAL_RULE),  # a last batch padded to full size
        ([], TOTAL_RULE),
    ],
)
def test_batch_sizes_rejects_wrong_passes(sizes, rule, capsys):
    assert check_batch_sizes(sizes, 1000, 64) is False
    verdict = capsys.readouterr().out
    assert verdict.startswith("Not yet") and rule in verdict
    assert "1000" not in verdict, "the verdict must not hand over how many examples a pass reads"


def test_batch_sizes_without_an_answer(capsys):
    assert check_batch_sizes(None, 1000, 64) is False
    assert capsys.readouterr().out.startswith("No answer yet")


@pytest.mark.parametrize(
    "sizes, num_examples, batch_size, error, name",
    [
        ([64], 0, 64, ValueError, "num_examples"),
        ([64], 1000.0, 64, ValueError, "num_examples"),
        ([64], 1000, 6.4, ValueError, "batch_size"),
        ([64], 1000, True, ValueError, "batch_size"),
        (None, 1000, -1, ValueError, "batch_size"),
        ("64", 1000, 64, TypeError, "sizes"),
        (64, 1000, 64, TypeError, "sizes"),
        ([64.0] * 15 + [40.0], 1000, 64, TypeError, "sizes"),
    ],
)
def test_batch_sizes_names_a_bad_input(sizes, num_examples, batch_size, error, name):
    with pytest.raises(error, match=name):
        check_batch_sizes(sizes, num_examples, batch_size)
