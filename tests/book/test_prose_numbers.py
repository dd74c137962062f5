"""Numbers that a page computes reach its prose through myst-nb's glue, not by hand.

A number of three or more significant digits in a page's prose (its Markdown, captions and
alt text included, math too) is either glued from the computation, `{glue:text}` or
`{glue}`, or a given of a problem listed in tests/book/prose_givens.py with its reason. A number
typed by hand drifts from the output it describes the first time the computation changes.
"""

import re
from pathlib import Path

import jupytext
import pytest

from tests.book.prose_givens import GIVENS

REPOSITORY = Path(__file__).resolve().parents[2]
PAGES = sorted(
    path for folder in ("chapters", "exercises") for path in (REPOSITORY / folder).glob("*.md")
) + [REPOSITORY / "intro.md"]

# Where a number is not a statement: glue roles, MyST targets and labels, link targets,
# equation labels, and the targets of roles such as {doc} and {eq}.
NOT_PROSE = [
    re.compile(r"\{glue(?::\w+)?\}`[^`]*`"),
    re.compile(r"\{(?:doc|ref|numref|eq|download)\}`[^`]*`"),
    re.compile(r"^\([\w-]+\)=\s*$", re.MULTILINE),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"https?://\S+"),
    re.compile(r"\$\$[ \t]*\([\w-]+\)"),
    re.compile(r"^:(?:label|name):.*$", re.MULTILINE),
]
# A number as a reader reads it: digits grouped with LaTeX thin spaces (299\,792\,458) or
# commas (1,000), a decimal part, an exponent; not digits inside a word such as float32.
NUMBER = re.compile(
    r"(?<![\w.])(?P<digits>\d{1,3}(?:(?:\\,|,)\d{3})+|\d+)(?P<decimals>\.\d+)?"
    r"(?:[eE][-+]?\d+)?(?![\w])"
)


def significant_digits(digits, decimals):
    """Significant digits of a written number: 4.670 has 4, 1000 has 1, 0.00050 has 2."""
    whole = re.sub(r"\\,|,", "", digits)
    fraction = (decimals or "")[1:]
    if fraction:
        return len((whole + fraction).lstrip("0"))
    return len(whole.lstrip("0").rstrip("0"))


def prose(notebook_or_text):
    """The text a reader reads: Markdown cells, and each code cell's figure caption and alt."""
    if isinstance(notebook_or_text, str):
        return notebook_or_text
    parts = []
    for cell in notebook_or_text.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        else:
            figure = cell.metadata.get("mystnb", {})
            parts.append(str(figure.get("figure", {}).get("caption", "")))
            parts.append(str(figure.get("image", {}).get("alt", "")))
    return "\n".join(parts)


def stated_numbers(text):
    """Each number of three or more significant digits that the text states."""
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return [
        re.sub(r"\\,|,", "", match[0])
        for match in NUMBER.finditer(text)
        if significant_digits(match["digits"], match["decimals"]) >= 3
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            r"by hand: $2 \times 2.2122 - 3.4 \times 1.1631 + 4.2 \approx 4.669$",
            ["2.2122", "1.1631", "4.669"],
        ),
        ("1000 examples, 0.01 noise, 0.00005 floor, lr 0.03, 220 Ω", []),
        (r"$c = 299\,792\,458$ m/s, 1,380 pages", ["299792458", "1380"]),
        ("float32 and tab10 and ex3-planck", []),
        (
            "within 0.258 of {glue:text}`w_end:.3f` and {doc}`/exercises/06_learning-rates`",
            ["0.258"],
        ),
        ("a loss of 1.04e-4, twice 5.1e-5", ["1.04e-4"]),
    ],
)
def test_numbers_are_found_as_a_reader_reads_them(text, expected):
    assert stated_numbers(text) == expected


@pytest.mark.parametrize("page", PAGES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_prose_states_no_computed_number_by_hand(page):
    text = page.read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="md:myst") if "kernelspec:" in text else text
    docname = page.relative_to(REPOSITORY).with_suffix("").as_posix()
    given = GIVENS.get(docname, {})
    typed = [number for number in stated_numbers(prose(notebook)) if number not in given]
    assert not typed, (
        f"{docname} states {typed} by hand: glue them from the cell that computes them "
        "({glue:text}), or, if a number is a given of the problem, list it with its reason "
        "in tests/book/prose_givens.py"
    )
