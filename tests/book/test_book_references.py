"""The table of contents and the pages it lists agree, and every page or page file the book's
text and code name exists: a page that is renamed or moved must take its references along.
The book build finds most of these too, but only after executing every notebook."""

import re
from pathlib import Path

import pytest
import yaml

REPOSITORY = Path(__file__).resolve().parents[2]
PAGES = sorted(
    path for folder in ("chapters", "exercises") for path in (REPOSITORY / folder).glob("*.md")
)
TEXTS = [
    *PAGES,
    REPOSITORY / "intro.md",
    REPOSITORY / "README.md",
    REPOSITORY / "Makefile",
    REPOSITORY / "_config.yml",
    *sorted(
        path
        for folder in ("d2l_mini", "grading", "tests", "benchmarks", "tools", "_ext")
        for path in (REPOSITORY / folder).rglob("*.py")
        # It writes small made-up pages, some deliberately missing, to test the conversion.
        if path.name != "test_student_edition.py"
    ),
]
DOC_ROLE = re.compile(r"\{doc\}`([^`]+)`")
# A page named by its path from the repository root, as a source, built page or notebook.
PAGE_PATH = re.compile(r"\b((?:chapters|exercises)/[\w-]+)\.(?:md|html|ipynb)\b")


def table_of_contents():
    return yaml.safe_load((REPOSITORY / "_toc.yml").read_text(encoding="utf-8"))


def numbered_sections():
    """For each chapter of the table of contents that has sections, their files in order
    (a page of its own, such as the instructors' page or the accessibility statement, has none
    to number)."""
    return [
        [section["file"] for section in chapter["sections"]]
        for part in table_of_contents()["parts"]
        for chapter in part["chapters"]
        if chapter.get("sections")
    ]


def listed_files():
    toc = table_of_contents()
    chapters = [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    return [toc["root"], *chapters, *(file for files in numbered_sections() for file in files)]


def test_every_listed_page_exists():
    missing = [file for file in listed_files() if not (REPOSITORY / f"{file}.md").is_file()]
    assert not missing, f"_toc.yml lists pages that do not exist: {missing}"


def test_every_page_is_listed():
    listed = set(listed_files())
    unlisted = [
        str(path.relative_to(REPOSITORY))
        for path in PAGES
        if str(path.relative_to(REPOSITORY).with_suffix("")) not in listed
    ]
    assert not unlisted, f"pages missing from _toc.yml: {unlisted}"


@pytest.mark.parametrize("files", numbered_sections(), ids=lambda files: files[0].split("/")[0])
def test_file_names_carry_the_number_of_their_place(files):
    numbers = [int(file.split("/")[-1].split("_")[0]) for file in files]
    assert numbers == list(range(1, len(files) + 1)), files


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: str(path.relative_to(REPOSITORY)))
def test_named_pages_exist(path):
    text = path.read_text(encoding="utf-8")
    missing = []
    for reference in DOC_ROLE.findall(text):
        # The target alone, or a title and the target in angle brackets; a target is relative
        # to the page, or to the repository's root when it starts with "/".
        target = reference.rsplit("<", 1)[-1].rstrip(">").strip()
        base = REPOSITORY if target.startswith("/") else path.parent
        if not (base / f"{target.lstrip('/')}.md").is_file():
            missing.append(reference)
    missing += [
        name for name in PAGE_PATH.findall(text) if not (REPOSITORY / f"{name}.md").is_file()
    ]
    assert not missing, f"{path.name} names pages that do not exist: {missing}"
