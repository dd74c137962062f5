"""The functions of "Linear Regression from Scratch", saved for later pages."""

from d2l_mini.data import data_iter, fast_data_iter, load_array, synthetic_data
from d2l_mini.loss import squared_loss
from d2l_mini.model import linreg
from d2l_mini.optimizer import sgd
from d2l_mini.plotting import plt, set_figsize, use_svg_display
from d2l_mini.timing import examples_per_second

__all__ = [
    "data_iter",
    "examples_per_second",
    "fast_data_iter",
    "linreg",
    "load_array",
    "plt",
    "set_figsize",
    "sgd",
    "squared_loss",
    "synthetic_data",
    "use_svg_display",
]
