"""How fast the grader grades a class, against the floor the notebooks themselves set.

    python benchmarks/grading_a_class.py [--students 30] [--jobs N]

The class: STUDENTS identical model submissions, each the book's notebook of all seven
exercises. The floor: each of the seven notebooks executed once in a fresh kernel, one after
another (nbclient, as the grader's runner does), their times summed, times STUDENTS, divided
by the cores. Every kernel here, the floor's and nbgrader's too, runs MXNet on one thread as
the grader's do (grading._sandbox.ONE_THREAD), so that all three measure the same notebooks.
The floor is measured before the grader and again after it, and their mean is used: on a
shared machine one notebook's time was seen to move between 15 and 30 s within minutes.
Printed side by side: the grader's wall time, notebooks per minute and its ratio to the
floor; nbgrader's, where it is installed.

nbgrader is not among the book's requirements (its pins clash with JupyterLab's); install it
in an environment of its own and name its command with --nbgrader to measure it beside the
grader: `nbgrader autograde` of the same class, its kernels running this environment's Python.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from grading._sandbox import ONE_THREAD

REPOSITORY = Path(__file__).resolve().parent.parent


def model_notebooks():
    return {
        source.stem: jupytext.read(source)
        for source in sorted((REPOSITORY / "exercises").glob("[0-9][0-9]_*.md"))
    }


def floor_seconds(notebooks, folder: Path):
    """{stem: seconds} to execute each notebook once in a fresh kernel."""
    times = {}
    for stem, notebook in notebooks.items():
        start = time.perf_counter()
        NotebookClient(
            nbformat.from_dict(notebook),
            resources={"metadata": {"path": folder}},
            kernel_name="python3",
            timeout=None,
        ).execute()
        times[stem] = time.perf_counter() - start
    return times


def grade_seconds(submissions: Path, results: Path, jobs: int) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "grading.grade", submissions, results, "--jobs", str(jobs)]
    subprocess.run(command, check=True, cwd=REPOSITORY, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


NBGRADER_CONFIG = """c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "bench"
c.ExecutePreprocessor.timeout = 120
"""


def nbgrader_seconds(nbgrader: str, notebooks, students: int, work: Path) -> float:
    """Wall time of `nbgrader autograde` on the same class; kernels run this Python."""
    course = work / "nbgrader"
    kernel = work / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "Python 3", "language": "python"}
    (kernel / "kernel.json").write_text(json.dumps(spec))
    (course / "source" / "exercises").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(NBGRADER_CONFIG.format(root=str(course)))
    for stem, notebook in notebooks.items():
        jupytext.write(notebook, course / "source" / "exercises" / f"{stem}.ipynb")
    for number in range(students):
        folder = course / "submitted" / f"student{number:03d}" / "exercises"
        folder.mkdir(parents=True)
        for stem, notebook in notebooks.items():
            jupytext.write(notebook, folder / f"{stem}.ipynb")
    # nbgrader runs tools of its own environment (alembic) by name.
    path = f"{Path(nbgrader).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = os.environ | {"JUPYTER_PATH": str(work / "jupyter"), "PATH": path}

    def nbgrader_run(*args):
        command = [nbgrader, *args, "--force"]
        subprocess.run(command, check=True, cwd=course, env=env, capture_output=True)

    nbgrader_run("generate_assignment", "exercises", "--create")
    start = time.perf_counter()
    nbgrader_run("autograde", "exercises", "--create")
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=30, help="class size (default 30)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="notebooks at once, and the cores the floor divides by",
    )
    parser.add_argument("--nbgrader", help="nbgrader's command, to measure it too")
    args = parser.parse_args(argv)
    if args.students < 1 or args.jobs < 1:
        parser.error("--students and --jobs must be positive")
    notebooks = model_notebooks()
    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        submissions = work / "submissions"
        for number in range(args.students):
            folder = submissions / f"student{number:03d}"
            folder.mkdir(parents=True)
            for stem, notebook in notebooks.items():
                jupytext.write(notebook, folder / f"{stem}.ipynb")
        os.chmod(work, 0o755)
        os.environ.update(ONE_THREAD)  # the floor's kernels and nbgrader's, as the grader's
        before = floor_seconds(notebooks, work)
        wall = grade_seconds(submissions, work / "results", args.jobs)
        after = floor_seconds(notebooks, work)
        once = {stem: (before[stem] + after[stem]) / 2 for stem in notebooks}
        count = args.students * len(notebooks)
        floor = sum(once.values()) * args.students / args.jobs
        print(
            f"class: {args.students} students x {len(notebooks)} notebooks = {count}, "
            f"{args.jobs} jobs, {os.cpu_count()} cores"
        )
        for name, times in (("before grading", before), ("after grading", after)):
            print(
                f"each notebook once, fresh kernel, {name}: "
                + ", ".join(f"{stem[:2]} {seconds:.1f} s" for stem, seconds in times.items())
                + f"; sum {sum(times.values()):.1f} s"
            )
        print(f"{'':12} {'wall s':>8} {'notebooks/min':>14} {'x floor':>8}")
        print(f"{'floor':12} {floor:8.1f} {count / floor * 60:14.1f} {1.0:8.2f}")
        print(f"{'grading':12} {wall:8.1f} {count / wall * 60:14.1f} {wall / floor:8.2f}")
        if args.nbgrader:
            other = nbgrader_seconds(args.nbgrader, notebooks, args.students, work)
            print(f"{'nbgrader':12} {other:8.1f} {count / other * 60:14.1f} {other / floor:8.2f}")
        else:
            print("nbgrader: not measured (name its command with --nbgrader)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
