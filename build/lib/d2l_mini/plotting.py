"""Figures: SVG output and a default size for the book's plots."""

import matplotlib
from matplotlib import pyplot as plt
from matplotlib_inline import backend_inline

__all__ = ["plt", "set_figsize", "use_svg_display"]


def use_svg_display() -> None:
    """Show figures as SVG, the same bytes on every run (no date, fixed element ids).

    The background is opaque white, so that black axes stay readable on a dark theme.
    """
    matplotlib.rcParams["svg.hashsalt"] = "d2l_mini"
    matplotlib.rcParams["figure.facecolor"] = "white"
    backend_inline.set_matplotlib_formats("svg", metadata={"Date": None}, facecolor="white")


def set_figsize(figsize=(3.5, 2.5)) -> None:
    """Draw figures as SVG at figsize = (width, height) in inches."""
    use_svg_display()
    plt.rcParams["figure.figsize"] = figsize
