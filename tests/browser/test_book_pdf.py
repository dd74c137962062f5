"""The printed book (make pdf): both PDFs, read back with poppler, against the HTML book.

What the PDFs must hold is found here without tools/print_book.py: the page titles, figure
captions and worked answers from the HTML pages of _build/html, the hidden checks and TeX
commands from the MyST sources. Without poppler (pdftotext) the module is skipped, except in
CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from book_browser import in_ci
from book_pdf import html_page, sheets, words, written_pages
from book_site import REPO_ROOT

POPPLER_MISSING = (
    None
    if shutil.which("pdftotext")
    else "poppler-utils is not installed: apt-get install poppler-utils"
)
if POPPLER_MISSING and not in_ci():
    pytest.skip(POPPLER_MISSING, allow_module_level=True)

spec = importlib.util.spec_from_file_location("print_book", REPO_ROOT / "tools" / "print_book.py")
print_book = importlib.util.module_from_spec(spec)
spec.loader.exec_module(print_book)
EDITIONS = [print_book.BOOK_PDF, print_book.STUDENT_PDF]
SOURCES = sorted(REPO_ROOT.glob("chapters/*.md")) + sorted(REPO_ROOT.glob("exercises/*.md"))
# Worked answers are compared in runs of this many words: specific enough to be found in one
# place only, short enough to sit on one line of one page.
RUN = 6
# What a TeX command looks like once MathJax has typeset it.
GLYPHS = {"sum": "∑", "partial": "∂", "eta": "η", "top": "⊤", "lambda": "λ", "sigma": "σ"}


@pytest.fixture(scope="module")
def pdfs(book) -> dict[str, Path]:
    if POPPLER_MISSING:
        pytest.fail(POPPLER_MISSING, pytrace=False)
    folder = book.parent / "pdf"
    found = {name: folder / name for name in EDITIONS}
    missing = [str(path) for path in found.values() if not path.is_file()]
    if missing:
        pytest.fail(f"No PDF at {', '.join(missing)}: run `make pdf` first", pytrace=False)
    # make book touches this stamp when it has built the book: a PDF older than it was
    # printed from an earlier book, and every check below would report the change as a fault.
    stamp = book / ".book-built"
    stale = [
        str(path)
        for path in found.values()
        if stamp.is_file() and path.stat().st_mtime < stamp.stat().st_mtime
    ]
    if stale:
        pytest.fail(
            f"{', '.join(stale)} printed before the book was last built: run `make pdf` again",
            pytrace=False,
        )
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_starts_a_sheet_under_its_title(pdfs, edition):
    starts = [sheet[:200] for sheet in sheets(pdfs[edition])]
    titles = [html_page(page).title for page in written_pages()]
    assert len(titles) > 10, f"only {titles} found in the HTML book"
    missing = [title for title in titles if not any(start.startswith(title) for start in starts)]
    assert not missing, f"{edition}: no sheet starts with {missing}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_unrendered_output_reference_or_tex(pdfs, edition):
    text = " ".join(sheets(pdfs[edition]) + sheets(pdfs[edition], "-layout"))
    commands = set()
    for source in SOURCES:
        for maths in re.findall(r"\$\$(.+?)\$\$|\$([^$\n]+)\$", source.read_text(), re.DOTALL):
            commands.update(re.findall(r"\\([A-Za-z]{2,})", "".join(maths)))
    assert len(commands) > 10, f"the sources' equations use only {commands}"
    raw = sorted(f"\\{name}" for name in commands if f"\\{name}" in text)
    assert not raw, f"{edition}: TeX left as text: {raw}"
    for unwanted in ("<Figure size", "??", "$$"):
        assert unwanted not in text, f"{edition}: {unwanted!r} in the text"
    glyphs = " ".join(sheets(pdfs[edition], "-layout"))
    typeset = [name for name in GLYPHS if name in commands]
    assert len(typeset) >= 3, f"the sources use too few of {sorted(GLYPHS)}"
    untypeset = [f"\\{name}" for name in typeset if GLYPHS[name] not in glyphs]
    assert not untypeset, f"{edition}: no glyph for {untypeset}: are the equations typeset?"


@pytest.mark.parametrize("edition", EDITIONS)
def test_figures_print_as_vectors_with_their_captions(pdfs, edition):
    text = " ".join(sheets(pdfs[edition]))
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdfs[edition])], capture_output=True, text=True, check=True
    )
    bitmaps = listing.stdout.splitlines()[2:]
    assert not bitmaps, f"{edition}: bitmaps where the book has vector figures:\n" + "\n".join(
        bitmaps
    )
    captions = [caption for page in written_pages() for caption in html_page(page).captions]
    in_answers = [c for page in written_pages() for c in html_page(page).answer_captions]
    assert len(captions) >= 3 and in_answers, f"only {captions} and {in_answers} in the book"
    if edition == print_book.BOOK_PDF:
        captions += in_answers
    else:  # a figure of a worked answer is left out with it
        printed = [caption for caption in in_answers if caption in text]
        assert not printed, f"{edition}: figures of worked answers printed: {printed}"
    missing = [caption for caption in captions if caption not in text]
    assert not missing, f"{edition}: captions missing: {missing}"


def test_every_line_of_code_is_printed_whole(pdfs):
    # Code that ran off the page would be cut at the margin; wrapped code keeps every
    # character, with line breaks where the HTML has none: compare without any spaces.
    printed = re.sub(r"\s", "", "".join(sheets(pdfs[print_book.BOOK_PDF])))
    lines = [
        re.sub(r"\s", "", line)
        for page in written_pages()
        for block in html_page(page).code
        for line in block.splitlines()
        if line.strip()
    ]
    assert len(lines) > 500, f"only {len(lines)} lines of code in the HTML book"
    cut = [line for line in lines if line not in printed]
    assert not cut, f"{len(cut)} lines of code not printed whole, such as {cut[:5]}"


def test_the_student_edition_has_no_worked_answer(pdfs):
    book = " ".join(sheets(pdfs[print_book.BOOK_PDF]))
    student = " ".join(sheets(pdfs[print_book.STUDENT_PDF]))
    exercise_pages = [page for page in written_pages() if html_page(page).answers]
    assert len(exercise_pages) == 7, f"worked answers found on {exercise_pages}"
    for page in exercise_pages:
        runs = []
        for paragraph in html_page(page).answers:
            found = paragraph.split()
            runs += [" ".join(found[i : i + RUN]) for i in range(0, len(found) - RUN + 1, RUN)]
        runs = [run for run in runs if "\N{REPLACEMENT CHARACTER}" not in run]
        assert len(runs) > 20, f"{page}: only {len(runs)} runs of words in its worked answer"
        unprinted = [run for run in runs if run not in book]
        # A run that a sheet break cuts is read back apart: pdftotext draws the rest of that
        # sheet (its code, its equations' glyphs, its footer) between the two halves.
        assert len(unprinted) <= len(runs) // 20, (
            f"{page}: the book PDF lacks its worked answer: {unprinted[:3]}"
        )
        # A run the book prints once is the answer's own, not a phrase also said elsewhere.
        own = [run for run in runs if book.count(run) == 1]
        assert len(own) > 20, f"{page}: only {len(own)} runs of words are its answer's own"
        leaked = [run for run in own if run in student]
        assert not leaked, f"{page}: the student edition prints its worked answer: {leaked[:3]}"
    assert student.count(print_book.LEFT_OUT) == len(exercise_pages)
    assert print_book.LEFT_OUT not in book


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_hidden_check_is_printed(pdfs, edition):
    text = " ".join(sheets(pdfs[edition]))
    hidden, shown = [], []
    for source in SOURCES:
        # Each code cell; a hidden one names remove-cell on its first line.
        for cell in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", source.read_text(), re.DOTALL):
            lines = [words(line) for line in cell.splitlines() if len(line.strip()) > 30]
            (hidden if "remove-cell" in cell.split("\n", 1)[0] else shown).extend(lines)
    # Lines a visible cell shows too are not the hidden checks' own.
    hidden = [line for line in hidden if line not in shown]
    assert len(hidden) > 50, f"only {len(hidden)} lines of hidden checks in the sources"
    printed = [line for line in hidden if line in text]
    assert not printed, f"{edition}: hidden checks printed: {printed[:3]}"


def test_the_site_serves_the_pdfs_and_no_link_leaves_for_local_files(book, pdfs):
    landing = (book / "intro.html").read_text(encoding="utf-8")
    for name, path in pdfs.items():
        assert f'href="pdf/{name}"' in landing, f"the landing page does not link pdf/{name}"
        served = book / "pdf" / name
        assert served.is_file() and served.read_bytes() == path.read_bytes(), (
            f"{served} is not the PDF that make pdf printed"
        )
        data = path.read_bytes()
        assert b"/URI (https://" in data, f"{name}: no web link found: the check below is blind"
        assert b"/URI (file:" not in data, f"{name}: a link points into the files of its printer"
