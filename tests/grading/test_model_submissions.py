"""The worked answers are model submissions: the book's notebook of every exercise, handed in
as it is, passes; the student edition handed in unchanged has no answer anywhere."""

import csv
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest
from unprivileged_python import needs_a_python_for_kernels

from grading.grade import EXERCISES

pytestmark = needs_a_python_for_kernels

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def grades(tmp_path_factory):
    submissions = tmp_path_factory.mktemp("submissions")
    book, unchanged = submissions / "book", submissions / "unchanged"
    book.mkdir()
    for source in sorted((REPOSITORY / "exercises").glob("[0-9][0-9]_*.md")):
        jupytext.write(jupytext.read(source), book / f"{source.stem}.ipynb")
    script = REPOSITORY / "tools" / "make_student_edition.py"
    subprocess.run([sys.executable, script, "--output", unchanged], check=True, timeout=300)
    results = tmp_path_factory.mktemp("results")
    command = [sys.executable, "-m", "grading.grade", submissions, results, "--jobs", "2"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY, timeout=1800)
    assert done.returncode == 0, done.stderr
    with open(results / "grades.csv", newline="", encoding="utf-8") as handle:
        return {(row["student"], row["exercise"]): row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_books_notebook_passes(grades, exercise):
    row = grades["book", exercise]
    assert row["verdict"] == "passed", row


@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_unchanged_student_edition_has_no_answer(grades, exercise):
    row = grades["unchanged", exercise]
    assert row["verdict"] == "no answer", row


def test_the_grader_knows_every_exercise():
    stems = {path.stem for path in (REPOSITORY / "exercises").glob("[0-9][0-9]_*.md")}
    assert set(EXERCISES) == stems
