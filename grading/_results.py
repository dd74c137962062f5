"""What the grader writes into RESULTS: grades.csv, row by row as notebooks finish;
report.html, a table of students and exercises; feedback/STUDENT.md for each student."""

import csv
import html
import os
import time
from pathlib import Path

COLUMNS = ["student", "exercise", "verdict", "message", "file", "sha256", "seconds"]
VERDICTS = [
    "passed",
    "not yet",
    "no answer",
    "error",
    "timeout",
    "out of memory",
    "not submitted",
    "not a notebook",
]
# Light backgrounds under near-black text (contrast above 12:1, WCAG AA asks 4.5:1); the
# verdict is written in every cell, so colour is never the only sign.
COLOURS = {
    "passed": "#c8f0d0",
    "not yet": "#fff0b3",
    "no answer": "#e8e8e8",
    "error": "#ffd0d0",
    "timeout": "#ffd9b3",
    "out of memory": "#ffd9b3",
    "not submitted": "#ffffff",
    "not a notebook": "#ffd0d0",
}


class ResultsError(Exception):
    """RESULTS cannot be used; the message says why."""


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


class Results:
    """The rows graded so far, in RESULTS/grades.csv, keyed by (student, exercise)."""

    def __init__(self, folder: Path, force: bool):
        self.folder = folder
        self.csv = folder / "grades.csv"
        self.rows = {}
        folder.mkdir(parents=True, exist_ok=True)
        if self.csv.exists():
            with open(self.csv, newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                if reader.fieldnames != COLUMNS:
                    raise ResultsError(
                        f"{self.csv} was not written by this grader (its columns are "
                        f"{reader.fieldnames}); name another RESULTS folder"
                    )
                # A row cut short by an interrupted run has empty fields: graded again.
                for row in reader:
                    if all(row.get(column) is not None for column in COLUMNS):
                        self.rows[row["student"], row["exercise"]] = row
            if force:
                # --force grades everything again; the earlier grades stay, renamed.
                stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
                self.csv.rename(folder / f"grades-before-{stamp}.csv")
                self.rows = {}
        self.compact()

    def done(self, student: str, exercise: str, sha: str) -> bool:
        row = self.rows.get((student, exercise))
        return row is not None and row["sha256"] == sha

    def add(self, **row) -> None:
        """Append one row to grades.csv at once, so that an interrupted run loses nothing."""
        row = {column: str(row.get(column, "")) for column in COLUMNS}
        row["message"] = " ".join(row["message"].split())
        self.rows[row["student"], row["exercise"]] = row
        with open(self.csv, "a", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writerow(row | {"message": spreadsheet_safe(row["message"])})
            handle.flush()
            os.fsync(handle.fileno())

    def compact(self) -> None:
        """Rewrite grades.csv with one row per student and exercise, the latest."""
        partial = self.csv.with_suffix(".csv.partial")
        with open(partial, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writeheader()
            for key in sorted(self.rows):
                row = self.rows[key]
                writer.writerow(row | {"message": spreadsheet_safe(row["message"])})
        partial.replace(self.csv)

    def write_report(self, students, exercises, others) -> None:
        self.compact()
        (self.folder / "feedback").mkdir(exist_ok=True)
        for student in students:
            text = feedback(student, exercises, self.rows, others.get(student, []))
            (self.folder / "feedback" / f"{student}.md").write_text(text, encoding="utf-8")
        page = report(students, exercises, self.rows)
        (self.folder / "report.html").write_text(page, encoding="utf-8")


def feedback(student, exercises, rows, others) -> str:
    """A student's verdicts and the checks' words: never an expected value or a solution."""
    lines = [f"# Feedback for {student}", ""]
    for exercise in exercises:
        row = rows.get((student, exercise), {"verdict": "not graded", "message": ""})
        lines += [f"## {exercise}: {row['verdict']}", "", row["message"] or "-", ""]
    if others:
        lines += ["## Other files, not graded", ""] + [f"- {name}" for name in others] + [""]
    return "\n".join(lines)


def report(students, exercises, rows) -> str:
    """report.html: a row per student, a column per exercise, each cell its verdict."""
    e = html.escape
    head = "".join(f'<th scope="col">{e(exercise)}</th>' for exercise in exercises)
    body = []
    for student in students:
        cells = []
        for exercise in exercises:
            verdict = rows.get((student, exercise), {}).get("verdict", "not graded")
            colour = COLOURS.get(verdict, "#ffffff")
            cells.append(f'<td style="background:{colour}">{e(verdict)}</td>')
        passed = sum(rows.get((student, x), {}).get("verdict") == "passed" for x in exercises)
        link = f'<a href="feedback/{e(student)}.md">{e(student)}</a>'
        body.append(f'<tr><th scope="row">{link}</th>{"".join(cells)}<td>{passed}</td></tr>')
    counts = {v: sum(row["verdict"] == v for row in rows.values()) for v in VERDICTS}
    legend = "".join(
        f'<li><span class="swatch" style="background:{COLOURS[v]}"></span>{e(v)}: {n}</li>'
        for v, n in counts.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Grades</title>
<style>
body {{ font-family: system-ui, sans-serif; color: #111; background: #fff; margin: 1.5rem; }}
table {{ border-collapse: collapse; }}
caption {{ text-align: left; font-weight: bold; margin-bottom: 0.5rem; position: sticky;
  left: 0; width: max-content; max-width: calc(100vw - 3rem); }}
td {{ white-space: nowrap; }}
tbody th {{ position: sticky; left: 0; background: #fff; }}
th, td {{ border: 1px solid #555; padding: 0.3rem 0.5rem; text-align: left; color: #111; }}
thead th {{ background: #f2f2f2; }}
a {{ color: #0645ad; }}
.scroll {{ overflow-x: auto; }}
.swatch {{ display: inline-block; width: 1em; height: 1em; border: 1px solid #555;
  margin-right: 0.4em; vertical-align: middle; }}
</style>
</head>
<body>
<main>
<h1>Grades</h1>
<p>Each notebook was run again in a fresh kernel and its answers judged by the course's
checks. A student's name links to their feedback: each verdict with the check's words.</p>
<h2>Verdicts</h2>
<ul>{legend}</ul>
<div class="scroll" tabindex="0" role="region" aria-label="Grades, scrolls sideways">
<table>
<caption>Verdict of each student (rows) on each exercise (columns)</caption>
<thead><tr><th scope="col">Student</th>{head}<th scope="col">Passed</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
</div>
</main>
</body>
</html>
"""
