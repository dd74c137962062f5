"""What a class handed in: one folder per student, notebooks named as the student edition
names them, read and cleaned before anything runs."""

import hashlib
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

# A browser saves a second download of 02_ohms-law.ipynb as "02_ohms-law (1).ipynb";
# Jupyter's "Duplicate" makes "02_ohms-law-Copy1.ipynb".
COPY_SUFFIX = r"(?:\s*\(\d+\)|-Copy\d+)?"


class NotANotebook(Exception):
    """The file is not a Jupyter notebook; the message says why."""


@dataclass
class Submission:
    """One student's folder: the chosen file per exercise stem, and why, and the rest."""

    student: str
    files: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    others: list = field(default_factory=list)


def students(submissions: Path, skip: Path | None = None):
    """The student folders in submissions, by name; hidden folders and skip excluded."""
    return sorted(
        path
        for path in submissions.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.resolve() != skip
    )


def find(folder: Path, stems) -> Submission:
    """Which file of folder is each exercise's notebook. Of several copies, the one modified
    last counts, as the copy a student downloaded last."""
    submission = Submission(folder.name)
    patterns = {stem: re.compile(re.escape(stem) + COPY_SUFFIX + r"\.ipynb") for stem in stems}
    matches = {stem: [] for stem in stems}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or ".ipynb_checkpoints" in path.parts:
            continue
        stem = next((s for s, p in patterns.items() if p.fullmatch(path.name)), None)
        if stem is None:
            submission.others.append(str(path.relative_to(folder)))
        else:
            matches[stem].append(path)
    for stem, paths in matches.items():
        if paths:
            chosen = max(paths, key=lambda path: (path.stat().st_mtime, path.name))
            submission.files[stem] = chosen
            if len(paths) > 1:
                submission.notes[stem] = (
                    f"{len(paths)} copies handed in; {chosen.name}, modified last, was graded."
                )
    return submission


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def clean(raw: bytes) -> str:
    """The notebook as JSON text without outputs, with unique cell ids; NotANotebook if raw is
    not a notebook. Outputs are never trusted: the notebook runs again."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise NotANotebook(f"not a notebook: the file is not JSON ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotANotebook("not a notebook: JSON without a list of cells")
    if data.get("nbformat") != 4:
        # Jupyter, Colab and VS Code all write version 4; guessing older formats accepts junk.
        raise NotANotebook("not a notebook: no nbformat version 4 in its JSON")
    try:
        with warnings.catch_warnings():
            # Duplicate cell ids are repaired below; nbformat's warning would only be noise.
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(json.dumps(data), as_version=4)
        for index, cell in enumerate(notebook.cells):
            # Duplicate or missing ids (copied cells, old tools) would stop the kernel client.
            cell["id"] = f"cell-{index}"
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cell.pop("attachments", None)
        notebook.nbformat, notebook.nbformat_minor = 4, 5
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises many kinds for a malformed notebook.
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise NotANotebook(f"not a notebook: {reason[:200]}") from None
    return nbformat.writes(notebook)


def answer_cell_notes(text: str, names) -> str:
    """What the grader notices about the cells that set the answers: none, or several."""
    notebook = nbformat.reads(text, as_version=4)
    notes = []
    for name in names:
        assigns = re.compile(rf"^{re.escape(name)}\s*(?::[^=]*)?=(?!=)", re.MULTILINE)
        count = sum(
            1 for cell in notebook.cells if cell.cell_type == "code" and assigns.search(cell.source)
        )
        if count == 0:
            notes.append(f'No cell sets {name}: was the "Your turn" cell deleted?')
        elif count > 1:
            notes.append(f"{count} cells set {name}; the value it held at the end was graded.")
    return " ".join(notes)
