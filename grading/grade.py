"""Grade a class: run every submitted exercise notebook again and judge its answers.

    python -m grading.grade SUBMISSIONS RESULTS [--jobs N] [--timeout SECONDS]
                            [--memory GIB] [--force]

SUBMISSIONS holds one folder per student with any of the exercise notebooks, named as the
student edition names them (02_ohms-law.ipynb, or a browser's "02_ohms-law (1).ipynb").
Each notebook runs in a fresh kernel in a scratch folder of its own, within a wall-clock and
a resident-memory limit, as an unprivileged user id when the grader is root. Then the answers its
"Your turn" cells set are read out of the kernel as JSON and judged here, on data made here,
by the exercise module's grade(), which calls the judge_* function its self-check calls.
RESULTS gets grades.csv (a row per student and exercise, written as notebooks finish, so an
interrupted run resumes; --force grades all again), report.html and feedback/STUDENT.md.
"""

import argparse
import os
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from grading import (
    learning_rates,
    ohms_law,
    plancks_law,
    ragged_last_batch,
    second_derivatives,
    why_reshape,
    zero_initialization,
)
from grading._answers import read_answers
from grading._forking import FORK_LOCK
from grading._progress import Progress
from grading._results import Results, ResultsError
from grading._sandbox import STOP, run
from grading._submissions import NotANotebook, answer_cell_notes, clean, find, sha256, students
from grading._unprivileged import SandboxError, open_to_others
from grading.verdict import not_yet

# Each exercise's notebook, by the file stem the student edition gives it, and its module.
EXERCISES = {
    "01_zero-initialization": zero_initialization,
    "02_ohms-law": ohms_law,
    "03_plancks-law": plancks_law,
    "04_second-derivatives": second_derivatives,
    "05_why-reshape": why_reshape,
    "06_learning-rates": learning_rates,
    "07_ragged-last-batch": ragged_last_batch,
}
DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_GIB = 2.0


def verdict_of(outcome, exercise, timeout, memory_gib, notes=""):
    """(verdict, message) for one run (grading._sandbox.Run) of an exercise's notebook."""
    module = EXERCISES[exercise]
    where = f" in code cell {outcome.cell}" if outcome.cell else ""
    if outcome.outcome == "timeout":
        return "timeout", f"Still running after {timeout:g} s{where}; stopped there."
    result = outcome.result
    error = result.get("error") if result else None
    error = error if isinstance(error, dict) else None
    if outcome.outcome == "out of memory" or (error or {}).get("ename") == "MemoryError":
        return "out of memory", f"Used more than {memory_gib:g} GiB of memory{where}; stopped."
    if result is None or outcome.outcome == "crashed" or result.get("died"):
        last = f" Last line of the error: {outcome.last_error_line}" if result is None else ""
        return "error", f"The kernel exited{where} (os._exit, a crash or a kill).{last}"
    raised = ""
    if error:
        raised = f"Code cell {error.get('cell')} raised {error.get('ename')}: {error.get('evalue')}"
        raised = " ".join(str(raised).split())[:300] + "; the cells after it did not run."
    try:
        answers = read_answers(result.get("answers") or "", module.ANSWERS)
    except ValueError:
        return "error", raised or "The answers could not be read out of the kernel."
    missing = [name for name in module.ANSWERS if name not in answers]
    if missing:
        if raised:
            return "error", raised
        return "no answer", f"{', '.join(missing)} is not defined. {notes}".strip()
    try:
        verdict = module.grade(answers)
    except (TypeError, ValueError) as problem:
        # The checks name what is wrong with the answer's type or shape, as in the notebook.
        verdict = not_yet(str(problem))
    except Exception as problem:  # a check that fails on some answer must not end the run
        return "error", f"The check could not judge the answer: {type(problem).__name__}."
    message = verdict.message if verdict.passed or not raised else f"{verdict.message} {raised}"
    return verdict.outcome, f"{message} {notes}".strip()


def arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m grading.grade", description=__doc__.split("\n")[0]
    )
    parser.add_argument("submissions", type=Path, help="one folder per student")
    parser.add_argument("results", type=Path, help="where grades.csv, report.html go")
    parser.add_argument(
        "--jobs",
        type=int,
        default=len(os.sched_getaffinity(0)),
        help="notebooks run at once (default: the number of cores)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"wall-clock seconds per notebook (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--memory",
        type=float,
        default=DEFAULT_MEMORY_GIB,
        help=f"GiB of resident memory per notebook (default {DEFAULT_MEMORY_GIB:g})",
    )
    parser.add_argument("--force", action="store_true", help="grade again what was graded")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(
            f"SUBMISSIONS must be a folder of student folders; {args.submissions} is not a folder"
        )
    if args.results.resolve().is_relative_to(args.submissions.resolve()):
        parser.error("RESULTS must not be inside SUBMISSIONS, where it would look like a student")
    for name in ("jobs", "timeout", "memory"):
        if not getattr(args, name) > 0:
            parser.error(f"--{name} must be positive, got {getattr(args, name)}")
    return args


def main(argv=None) -> int:
    args = arguments(argv)
    folders = students(args.submissions)
    if not folders:
        print(f"grading: {args.submissions} holds no student folders", file=sys.stderr)
        return 1
    try:
        results = Results(args.results, args.force)
    except ResultsError as error:
        print(f"grading: {error}", file=sys.stderr)
        return 1
    if os.geteuid() == 0 and open_to_others(args.submissions):
        print(
            f"grading: every user can get into {args.submissions}, the kernels' users too: a"
            " notebook could read another student's. `chmod o-rwx` on it keeps them out.",
            file=sys.stderr,
        )
    memory = int(args.memory * 2**30)
    tasks, others = [], {}
    for folder in folders:
        submission = find(folder, EXERCISES)
        others[submission.student] = submission.others
        for exercise in EXERCISES:
            path = submission.files.get(exercise)
            row = {"student": submission.student, "exercise": exercise}
            sha = sha256(path) if path else ""
            if results.done(submission.student, exercise, sha):
                continue
            if path is None:
                results.add(
                    **row, verdict="not submitted", message="No notebook for this exercise."
                )
                continue
            row |= {"file": str(path.relative_to(folder)), "sha256": sha}
            try:
                text = clean(path.read_bytes())
            except NotANotebook as error:
                results.add(**row, verdict="not a notebook", message=str(error))
                continue
            notes = submission.notes.get(exercise, "")
            notes += " " + answer_cell_notes(text, EXERCISES[exercise].ANSWERS)
            tasks.append((row, text, notes.strip()))
    progress = Progress(len(tasks)) if tasks else None
    pool = ThreadPoolExecutor(args.jobs)
    try:
        running = {
            pool.submit(run, text, EXERCISES[row["exercise"]].ANSWERS, args.timeout, memory): (
                row,
                notes,
            )
            for row, text, notes in tasks
        }
        for future in as_completed(running):
            row, notes = running[future]
            try:
                outcome = future.result()
            except SandboxError:
                raise
            except OSError as problem:  # the grader's own side: a full disk, a lost folder
                results.add(**row, verdict="error", message=f"Not run: {problem}")
                progress.step(f"{row['student']} {row['exercise']}: error")
                continue
            with FORK_LOCK:  # judged with MXNet: no runner may fork meanwhile
                verdict, message = verdict_of(
                    outcome, row["exercise"], args.timeout, args.memory, notes
                )
            results.add(**row, verdict=verdict, message=message, seconds=f"{outcome.seconds:.1f}")
            progress.step(f"{row['student']} {row['exercise']}: {verdict}")
    except SandboxError as error:
        STOP.set()
        pool.shutdown(wait=True, cancel_futures=True)
        print(f"grading: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Every row written so far stays; the next run grades only what is missing.
        STOP.set()
        pool.shutdown(wait=True, cancel_futures=True)
        results.compact()
        print("\ngrading: interrupted; run the same command again to go on", file=sys.stderr)
        return 130
    pool.shutdown()
    results.write_report([folder.name for folder in folders], list(EXERCISES), others)
    print(f"grading: {len(tasks)} notebooks run; results in {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
