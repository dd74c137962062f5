"""python -m grading.grade on a class of hostile notebooks: each gets its verdict, the run goes
on, and nothing outside a notebook's scratch folder changes. The fixtures all answer the
exercise "ragged last batch", whose answer needs no data, so that they start no MXNet.

The notebooks that rewrite the course's files, write into the environment and leave a daemon
behind run only where the tests run as root: there the grader runs each kernel as a user of
its own, and they show that it stops them. Run as any other user, the kernels are that user
(README), so those notebooks would really change the working copy: they are left out.
"""

import csv
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from unprivileged_python import needs_a_python_for_kernels

import mxnet_op_cache

pytestmark = needs_a_python_for_kernels

REPOSITORY = Path(__file__).resolve().parents[2]
EXERCISE = "07_ragged-last-batch"
RIGHT = "batch_sizes = [64] * 15 + [40]"
WRONG = "batch_sizes = [64] * 16"
# Short limits: the endless loop costs TIMEOUT seconds of one of the two workers; the other
# notebooks, which import no MXNet, finish in about 2 s.
TIMEOUT, MEMORY_GIB = 15, 1
DAEMON = ["sleep", "987.25"]
as_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="only a root grader runs kernels as another user"
)
# What this environment's every Python process runs or loads: its start-up files and MXNet's
# compiled operator functions (mxnet_op_cache), which the grader's own process loads too.
SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])
MXNET_STORE = Path(
    mxnet_op_cache.store_path(os.path.dirname(importlib.util.find_spec("mxnet").origin))
)
ENVIRONMENT_FILES = [MXNET_STORE, *sorted(SITE_PACKAGES.glob("*.pth"))]
# Stopped by the sandbox as root; as another user they would change the working copy.
ONLY_AS_ROOT = {"check-source-rewritten", "writes-elsewhere", "leaves-a-daemon"}


def notebook(*sources, outputs=None):
    cells = [new_markdown_cell("# Ragged last batch")]
    cells += [new_code_cell(source) for source in sources]
    for cell, output in zip(cells[1:], outputs or [], strict=False):
        cell.outputs, cell.execution_count = [output], 1
    return nbformat.writes(new_notebook(cells=cells))


def fixtures(submissions: Path, results: Path):
    """{student: notebook text or bytes}: one hostile or broken submission each."""
    course_file = REPOSITORY / "grading" / "ragged_last_batch.py"
    forged = "def judge_batch_sizes(*args):\n    from grading.verdict import right\n"
    forged += "    return right('forged')\n"
    forged_check = (
        "import grading.ragged_last_batch as module\n"
        "module.judge_batch_sizes = lambda *args: module.right('forged')\n"
        "def check_batch_sizes(*args):\n    print('Right: forged')\n    return True\n"
    )
    duplicate_ids = json.loads(notebook(RIGHT, "x = 1"))
    duplicate_ids["cells"][2]["id"] = duplicate_ids["cells"][1]["id"]
    hostile = {
        "right": notebook(RIGHT),
        "endless-loop": notebook("while True:\n    pass", RIGHT),
        "memory-hog": notebook("chunks = []\nwhile True:\n    chunks.append(b'x' * 2**26)", RIGHT),
        "exits-kernel": notebook("import os\nos._exit(3)", RIGHT),
        "not-json": b"\x89PNG\r\n\x1a\n not a notebook",
        "json-not-notebook": b'{"cells": "none", "answer": 42}',
        "answer-cell-deleted": notebook("x = 1"),
        "answer-cell-duplicated": notebook(RIGHT, WRONG),
        "duplicate-cell-ids": json.dumps(duplicate_ids),
        "cell-raises": notebook("1 / 0", RIGHT),
        # A daemon: a process that leaves both its parent and its session, and stays.
        "leaves-a-daemon": notebook(
            "import os\n"
            "middle = os.fork()\n"
            "if middle == 0:\n"
            "    os.setsid()\n"
            "    if os.fork() == 0:\n"
            f"        os.execvp('sleep', {DAEMON!r})\n"
            "    os._exit(0)\n"
            "os.waitpid(middle, 0)  # no zombie left to lead to the daemon",
            RIGHT,
        ),
        "check-redefined": notebook(WRONG, forged_check, "check_batch_sizes(batch_sizes)"),
        "check-source-rewritten": notebook(
            WRONG,
            f"try:\n    open({str(course_file)!r}, 'w').write({forged!r})\n"
            "except OSError as error:\n    print(error)",
        ),
        "outputs-say-right": notebook(
            "batch_sizes = None",
            "print('Right: 15 full batches of 64 and a last batch of 40.')",
            outputs=[new_output("stream", name="stdout", text="Right: forged\n")] * 2,
        ),
        "prints-right": notebook(WRONG, "print('Right: 15 full batches of 64.')"),
        "writes-elsewhere": notebook(
            RIGHT,
            "for path in [\n"
            f"    {str(submissions / 'right' / (EXERCISE + '.ipynb'))!r},\n"
            f"    {str(results / 'grades.csv')!r},\n"
            f"    {str(results / 'planted.txt')!r},\n"
            f"    {str(REPOSITORY / 'grading' / 'planted.py')!r},\n"
            f"    {str(MXNET_STORE)!r},\n"
            f"    {str(SITE_PACKAGES / 'planted.pth')!r},\n"
            "]:\n"
            "    try:\n        open(path, 'w').write('changed')\n"
            "    except OSError as error:\n        print(error)\n"
            # Other notebooks running at the same time: their scratch folders and results.
            "import glob, os\n"
            f"for folder in glob.glob({os.path.join(tempfile.gettempdir(), 'grading-*')!r}):\n"
            "    if folder != os.getcwd():\n"
            "        try:\n            open(os.path.join(folder, 'result.json'), 'w').write('{}')\n"
            "        except OSError as error:\n            print(error)",
        ),
    }
    if os.geteuid() != 0:
        return {student: text for student, text in hostile.items() if student not in ONLY_AS_ROOT}
    return hostile


def checksums(*folders, files=()):
    sums = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                sums[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    for path in files:
        sums[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def grade(submissions, results, *options):
    command = [sys.executable, "-m", "grading.grade", str(submissions), str(results), *options]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY, timeout=900)


def rows(results):
    with open(results / "grades.csv", newline="", encoding="utf-8") as handle:
        return {(row["student"], row["exercise"]): row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    submissions = tmp_path_factory.mktemp("submissions")
    results = tmp_path_factory.mktemp("parent") / "results"
    for student, text in fixtures(submissions, results).items():
        (submissions / student).mkdir()
        name = f"{EXERCISE} (1).ipynb" if student == "right" else f"{EXERCISE}.ipynb"
        data = text if isinstance(text, bytes) else text.encode()
        (submissions / student / name).write_bytes(data)
    (submissions / "empty").mkdir()
    (submissions / "right" / "notes.txt").write_text("my notes")
    watched = [REPOSITORY / "grading", REPOSITORY / "d2l_mini", submissions]
    before = checksums(*watched, files=ENVIRONMENT_FILES)
    done = grade(
        submissions, results, "--jobs", "2", "--timeout", str(TIMEOUT), "--memory", str(MEMORY_GIB)
    )
    after = checksums(*watched, files=ENVIRONMENT_FILES)
    return done, rows(results), results, before, after


@pytest.mark.parametrize(
    "student, verdict, words",
    [
        ("right", "passed", "15 full batches"),
        ("endless-loop", "timeout", f"after {TIMEOUT} s in code cell 1"),
        ("memory-hog", "out of memory", f"more than {MEMORY_GIB} GiB"),
        ("exits-kernel", "error", "kernel exited in code cell 1"),
        ("not-json", "not a notebook", "not JSON"),
        ("json-not-notebook", "not a notebook", "without a list of cells"),
        ("answer-cell-deleted", "no answer", "No cell sets batch_sizes"),
        ("answer-cell-duplicated", "not yet", "2 cells set batch_sizes"),
        ("duplicate-cell-ids", "passed", "15 full batches"),
        ("cell-raises", "error", "raised ZeroDivisionError"),
        pytest.param("leaves-a-daemon", "passed", "15 full batches", marks=as_root),
        ("check-redefined", "not yet", "which is not the number"),
        pytest.param("check-source-rewritten", "not yet", "which is not", marks=as_root),
        ("outputs-say-right", "no answer", "set batch_sizes"),
        ("prints-right", "not yet", "which is not the number"),
        pytest.param("writes-elsewhere", "passed", "15 full batches", marks=as_root),
    ],
)
def test_each_submission_gets_its_verdict(graded, student, verdict, words):
    done, grades, *_ = graded
    assert done.returncode == 0, done.stderr
    row = grades[student, EXERCISE]
    assert (row["verdict"], words in row["message"]) == (verdict, True), row


def test_no_row_is_lost_and_missing_notebooks_are_not_submitted(graded):
    _, grades, results, *_ = graded
    students = {student for student, _ in grades}
    assert len(grades) == 7 * len(students) and "empty" in students
    assert grades["empty", EXERCISE]["verdict"] == "not submitted"
    assert grades["right", "02_ohms-law"]["verdict"] == "not submitted"
    assert "notes.txt" in (results / "feedback" / "right.md").read_text()


@as_root
def test_nothing_outside_the_scratch_folder_changed(graded):
    _, grades, results, before, after = graded
    assert after == before, "a submission changed the course, the environment or a submission"
    assert not (results / "planted.txt").exists()
    assert not (REPOSITORY / "grading" / "planted.py").exists()
    assert not (SITE_PACKAGES / "planted.pth").exists()
    assert all(row["message"] != "changed" for row in grades.values())


def daemons() -> list[int]:
    """The pids of the processes that run DAEMON."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "cmdline").read_bytes().split(b"\0")[:2] == [
                part.encode() for part in DAEMON
            ]:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@as_root
def test_a_daemon_that_left_its_parent_and_session_is_killed(graded):
    done, grades, *_ = graded
    assert grades["leaves-a-daemon", EXERCISE]["verdict"] == "passed", "the daemon must start"
    assert daemons() == [], "a process the notebook left running outlived the run"


def test_a_second_run_resumes_and_force_grades_again(tmp_path):
    submissions, results = tmp_path / "submissions", tmp_path / "results"
    (submissions / "ada").mkdir(parents=True)
    (submissions / "ada" / f"{EXERCISE}.ipynb").write_text(notebook(RIGHT))
    first = grade(submissions, results)
    assert "1 notebooks run" in first.stderr, first.stderr
    second = grade(submissions, results)
    assert "0 notebooks run" in second.stderr, "what was graded is not graded again"
    assert rows(results)["ada", EXERCISE]["verdict"] == "passed"
    forced = grade(submissions, results, "--force")
    assert "1 notebooks run" in forced.stderr
    assert len(list(results.glob("grades-before-*.csv"))) == 1, "the earlier grades are kept"


@pytest.mark.parametrize(
    "options, words",
    [
        (["--jobs", "0"], "--jobs must be positive"),
        (["--timeout", "-1"], "--timeout must be positive"),
    ],
)
def test_bad_options_name_the_option(tmp_path, options, words):
    (tmp_path / "submissions").mkdir()
    done = grade(tmp_path / "submissions", tmp_path / "results", *options)
    assert done.returncode != 0 and words in done.stderr


def test_missing_or_empty_submissions_are_refused(tmp_path):
    missing = grade(tmp_path / "missing", tmp_path / "results")
    assert missing.returncode != 0 and "SUBMISSIONS must be a folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = grade(tmp_path / "empty", tmp_path / "results")
    assert empty.returncode != 0 and "holds no student folders" in empty.stderr
    assert not (tmp_path / "results").exists(), "a refused run writes nothing"


@as_root
def test_a_notebook_cannot_read_another_s_once_the_folder_is_closed_to_others():
    """A notebook that copies the answer out of another student's notebook: let through where
    every user can get into SUBMISSIONS (and warned about), kept out after chmod o-rwx."""
    folder = Path(tempfile.mkdtemp(dir="/tmp", prefix="grading-test-"))
    try:
        os.chmod(folder, 0o755)
        submissions, results = folder / "submissions", folder / "results"
        (submissions / "ada").mkdir(parents=True)
        (submissions / "bob").mkdir()
        (submissions / "ada" / f"{EXERCISE}.ipynb").write_text(notebook(RIGHT))
        other = str(submissions / "ada" / f"{EXERCISE}.ipynb")
        copier = f"import json\nexec(''.join(json.load(open({other!r}))['cells'][1]['source']))"
        (submissions / "bob" / f"{EXERCISE}.ipynb").write_text(notebook(copier))
        for path in (submissions, submissions / "ada", submissions / "bob"):
            os.chmod(path, 0o755)
        os.chmod(submissions / "ada" / f"{EXERCISE}.ipynb", 0o644)
        open_run = grade(submissions, results)
        assert "every user can get into" in open_run.stderr, open_run.stderr
        copied = rows(results)["bob", EXERCISE]
        assert copied["verdict"] == "passed", f"the test must copy: {copied['message']}"
        os.chmod(submissions, 0o750)
        closed_run = grade(submissions, results, "--force")
        assert "every user can get into" not in closed_run.stderr, closed_run.stderr
        bob = rows(results)["bob", EXERCISE]
        assert (bob["verdict"], "PermissionError" in bob["message"]) == ("error", True), bob
    finally:
        shutil.rmtree(folder)
