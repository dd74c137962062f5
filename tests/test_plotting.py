"""d2l_mini.plotting: SVG figures that are the same bytes on every run."""

import io

import d2l_mini


def render_svg():
    d2l_mini.set_figsize((2, 1.5))
    fig, ax = d2l_mini.plt.subplots()
    ax.plot([0, 1], [1, 0])
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    d2l_mini.plt.close(fig)
    return buffer.getvalue()


def test_set_figsize_sets_the_default_size():
    d2l_mini.set_figsize((4, 3))
    assert list(d2l_mini.plt.rcParams["figure.figsize"]) == [4, 3]


def test_svg_is_identical_on_every_render():
    assert render_svg() == render_svg()


def test_figure_background_is_opaque_white_for_dark_themes():
    d2l_mini.use_svg_display()
    assert d2l_mini.plt.rcParams["figure.facecolor"] == "white"
