"""Self-checks for the exercises, one module per exercise: each takes a student's answer and
the data, and prints a short verdict without giving the expected value away."""

from d2l_mini.checks.batch_sizes import check_batch_sizes
from d2l_mini.checks.hessian import check_hessian
from d2l_mini.checks.learning_rates import check_learning_rate_losses
from d2l_mini.checks.loss_shape import check_loss_shape
from d2l_mini.checks.ohms_law import check_resistance
from d2l_mini.checks.plancks_law import check_temperature
from d2l_mini.checks.trained_parameters import check_trained_parameters

__all__ = [
    "check_batch_sizes",
    "check_hessian",
    "check_learning_rate_losses",
    "check_loss_shape",
    "check_resistance",
    "check_temperature",
    "check_trained_parameters",
]
