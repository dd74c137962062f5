"""The exercises' self-checks and the grader of a class.

One module per exercise, named after it: its judge_* function takes a student's answer and
the data and returns a Verdict (grading.verdict), never giving the expected value away; its
check_* function, which the notebook calls, prints that verdict. `python -m grading.grade`
grades a folder of submissions with the same judge_* functions. Teaching code lives in
d2l_mini; this package only judges answers."""

from grading.learning_rates import check_learning_rate_losses
from grading.ohms_law import check_resistance
from grading.plancks_law import check_temperature
from grading.ragged_last_batch import check_batch_sizes
from grading.second_derivatives import check_hessian
from grading.why_reshape import check_loss_shape
from grading.zero_initialization import check_trained_parameters

__all__ = [
    "check_batch_sizes",
    "check_hessian",
    "check_learning_rate_losses",
    "check_loss_shape",
    "check_resistance",
    "check_temperature",
    "check_trained_parameters",
]
