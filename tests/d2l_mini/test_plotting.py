"""d2l_mini.plotting: what a notebook shows, rendered by the formatter the notebook uses.

IPython turns a figure into SVG with the printer that use_svg_display registers, so the
tests render through that printer, starting from the inline backend's own settings, and
read the SVG it writes; nothing the test sets itself is read back.
"""

import re

import matplotlib
import pytest
from IPython.core.interactiveshell import InteractiveShell
from matplotlib.figure import Figure

import d2l_mini

# The inline backend's default: a transparent figure, unreadable on a dark theme.
INLINE_FACECOLOR = (1, 1, 1, 0)


@pytest.fixture(autouse=True)
def notebook_defaults():
    """Matplotlib's defaults with the inline backend's facecolor, and no SVG printer."""
    svg = InteractiveShell.instance().display_formatter.formatters["image/svg+xml"]
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams["figure.facecolor"] = INLINE_FACECOLOR
        svg.type_printers.pop(Figure, None)
        yield
        svg.type_printers.pop(Figure, None)


def shown_svg():
    """The SVG a notebook would show for a small line plot, drawn on a new figure."""
    fig, ax = d2l_mini.plt.subplots()
    ax.plot([0, 1], [1, 0])
    ax.set_title("a line")
    svg = InteractiveShell.instance().display_formatter.formatters["image/svg+xml"](fig)
    d2l_mini.plt.close(fig)
    assert svg is not None, "no SVG printer for figures: use_svg_display registered none"
    return svg


def test_svg_is_the_same_bytes_on_every_render():
    d2l_mini.use_svg_display()
    first = shown_svg()
    assert "<dc:date>" not in first, "the SVG carries the date it was drawn"
    assert shown_svg() == first


def test_figure_background_is_opaque_white_for_dark_themes():
    d2l_mini.use_svg_display()
    background = re.search(r'<g id="patch_1">\s*<path d="[^"]*"\s*style="([^"]*)"', shown_svg())
    assert background, "the figure's background patch is missing"
    style = background.group(1)
    assert "fill: #ffffff" in style and "opacity" not in style, style


@pytest.mark.parametrize("size", [(4, 3), (2, 1.5)])
def test_set_figsize_sizes_new_figures_and_shows_svg(size):
    d2l_mini.set_figsize(size)
    fig = d2l_mini.plt.figure()
    assert tuple(fig.get_size_inches()) == size
    d2l_mini.plt.close(fig)
    assert shown_svg().startswith("<?xml")


def test_set_figsize_default_is_the_books_size():
    d2l_mini.set_figsize()
    fig = d2l_mini.plt.figure()
    assert tuple(fig.get_size_inches()) == (3.5, 2.5)
    d2l_mini.plt.close(fig)
