"""_ext/sidebar_toggle_names.py names each sidebar toggle after the entry it opens, and
leaves alone the toggles that already have a name. (The browser tests check the built book
with axe-core; this checks the function on the theme's markup, written out by hand.)"""

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "_ext"))
from sidebar_toggle_names import name_toggles  # noqa: E402

# As pydata-sphinx-theme 0.17.1 writes an entry with pages under it.
ENTRY = (
    '<li class="toctree-l1 has-children"><a class="reference internal" href="index.html">'
    '2. Exercises</a><details><summary><span class="toctree-toggle" role="presentation">'
    '<i class="fa-solid fa-chevron-down"></i></span></summary><ul><li>'
    '<a href="01.html">2.1. Zero</a></li></ul></details></li>'
)
# A part whose caption is the summary's own text: named already.
CAPTION = (
    '<li class="has-children"><details><summary><p class="caption">Exercises</p>'
    '<span class="toctree-toggle" role="presentation"></span></summary><ul></ul></details></li>'
)


def summaries(html) -> list:
    return BeautifulSoup(str(html), "html.parser").select("summary")


def test_an_entry_toggle_is_named_after_its_entry():
    (summary,) = summaries(name_toggles(f"<ul>{ENTRY}</ul>"))
    assert summary["aria-label"] == "Pages in 2. Exercises"


def test_the_parsed_sidebar_is_named_in_place():
    soup = BeautifulSoup(f"<ul>{ENTRY}</ul>", "html.parser")
    assert name_toggles(soup) is soup
    assert soup.select_one("summary")["aria-label"] == "Pages in 2. Exercises"


@pytest.mark.parametrize(
    "html",
    [CAPTION, ENTRY.replace("<summary>", '<summary aria-label="Chapter pages">')],
    ids=["caption", "aria-label"],
)
def test_a_toggle_with_a_name_keeps_it(html):
    before = [summary.get("aria-label") for summary in summaries(html)]
    after = [summary.get("aria-label") for summary in summaries(name_toggles(f"<ul>{html}</ul>"))]
    assert after == before


def test_a_toggle_without_an_entry_beside_it_is_an_error():
    html = ENTRY.replace('<a class="reference internal" href="index.html">2. Exercises</a>', "")
    with pytest.raises(ValueError, match="no entry link"):
        name_toggles(f"<ul>{html}</ul>")
