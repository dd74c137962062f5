"""What the grader writes: grades.csv that resumes and never runs as a formula, an accessible
report.html, feedback without expected values; and which file of a folder is graded."""

import csv
import html.parser
import json
import os

import pytest

from grading._results import COLUMNS, Results, ResultsError, report
from grading._submissions import NotANotebook, answer_cell_notes, clean, find


def test_rows_are_on_disk_at_once_and_a_cut_short_row_is_graded_again(tmp_path):
    results = Results(tmp_path, force=False)
    results.add(student="ada", exercise="02_ohms-law", verdict="passed", sha256="1")
    with open(tmp_path / "grades.csv", "a", encoding="utf-8") as handle:
        handle.write("ada,03_plancks-law,pass")  # a run killed in the middle of a row
    again = Results(tmp_path, force=False)
    assert again.done("ada", "02_ohms-law", "1") and not again.done("ada", "02_ohms-law", "2")
    assert not again.done("ada", "03_plancks-law", "")


def test_a_foreign_grades_csv_is_refused_not_overwritten(tmp_path):
    (tmp_path / "grades.csv").write_text("name,score\nada,10\n")
    with pytest.raises(ResultsError, match="not written by this grader"):
        Results(tmp_path, force=True)
    assert (tmp_path / "grades.csv").read_text() == "name,score\nada,10\n"


def test_a_message_never_runs_as_a_spreadsheet_formula(tmp_path):
    results = Results(tmp_path, force=False)
    results.add(student="ada", exercise="x", verdict="error", message="=HYPERLINK(1)")
    with open(tmp_path / "grades.csv", newline="", encoding="utf-8") as handle:
        (row,) = csv.DictReader(handle)
    assert list(row) == COLUMNS and row["message"] == "'=HYPERLINK(1)"


class Table(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.cells, self.lang = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.lang = dict(attrs).get("lang", self.lang) if tag == "html" else self.lang

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] == "td" and data.strip():
            self.cells.append(data)


def test_the_report_is_a_table_with_headers_caption_and_verdicts_in_words():
    rows = {("<b>", "02"): {"verdict": "not yet"}, ("ada", "02"): {"verdict": "passed"}}
    page = Table()
    page.feed(report(["<b>", "ada"], ["02"], rows))
    tags = [tag for tag, _ in page.tags]
    assert page.lang == "en" and "caption" in tags
    scopes = [attrs.get("scope") for tag, attrs in page.tags if tag == "th"]
    assert scopes == ["col", "col", "col", "row", "row"]
    assert page.cells == ["not yet", "0", "passed", "1"]
    assert "<b>" not in report(["<b>"], ["02"], rows).split("<tbody>")[1], "names are escaped"


def test_the_latest_of_several_copies_is_graded_and_other_files_listed(tmp_path):
    for number, name in enumerate(["02_ohms-law.ipynb", "02_ohms-law (1).ipynb", "notes.txt"]):
        (tmp_path / name).write_text("{}")
        os.utime(tmp_path / name, (1000 + number, 1000 + number))
    (tmp_path / "02_ohms-law (2).ipynb.txt").write_text("{}")
    found = find(tmp_path, ["02_ohms-law", "03_plancks-law"])
    assert found.files == {"02_ohms-law": tmp_path / "02_ohms-law (1).ipynb"}
    assert "2 copies" in found.notes["02_ohms-law"]
    assert sorted(found.others) == ["02_ohms-law (2).ipynb.txt", "notes.txt"]


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2]", "without a list of cells"),
        (b'{"cells": []}', "no nbformat version 4"),
        (b'{"cells": [{"cell_type": "code"}], "nbformat": 4, "metadata": {}}', "not a notebook"),
    ],
)
def test_what_is_not_a_notebook_says_why(raw, words):
    with pytest.raises(NotANotebook, match=words):
        clean(raw)


def test_cleaning_drops_outputs_and_repairs_duplicate_ids():
    cell = {
        "cell_type": "code",
        "id": "same",
        "metadata": {},
        "source": "x = 1",
        "outputs": [{"output_type": "stream", "name": "stdout", "text": "Right"}],
        "execution_count": 3,
    }
    raw = {"cells": [cell, dict(cell)], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = clean(json.dumps(raw).encode())
    assert "Right" not in text and text.count('"id": "cell-') == 2
    assert (
        answer_cell_notes(text, ["x", "y"]).split(". ")[0]
        == "2 cells set x; the value it held at the end was graded"
    )
