"""One pipeline: .ci/run and the GitHub workflow run the same `make ci`, and the phases it
runs on each Python are make targets that exist."""

import re
import subprocess
from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parents[2]
WORKFLOW = REPOSITORY / ".github" / "workflows" / "book.yml"


def workflow_commands() -> list[str]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return [step["run"].strip() for job in jobs.values() for step in job["steps"] if "run" in step]


def make(*arguments, check=True) -> str:
    done = subprocess.run(
        ["make", "--silent", "--no-print-directory", *arguments],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=check,
    )
    return done.stdout


def phases(python_version: str) -> list[str]:
    """The phases `make ci` runs for a Python of this version."""
    return make("ci-phases", f"PYTHON_VERSION={python_version}").split()


def test_every_workflow_step_that_runs_a_command_runs_make():
    commands = workflow_commands()
    assert commands and all(command.startswith("make ") for command in commands), commands


def test_the_workflow_and_ci_run_both_run_make_ci():
    assert 'make ci PYTHON="$PYTHON"' in workflow_commands()
    assert re.search(r"^\s*make ci PYTHON=", (REPOSITORY / ".ci" / "run").read_text(), re.M)


def test_neither_names_a_python_version():
    readers = [".ci/run", "Makefile", "tools/check_python.py"]
    for path in [WORKFLOW, *(REPOSITORY / name for name in readers)]:
        assert not re.search(r"3\.1[23]", path.read_text(encoding="utf-8")), path.name


def test_the_reference_python_runs_lint_and_the_readme_s_test_command():
    # make test is the README's test command: unit tests, the book, its notebooks compared,
    # the PDFs and the browser tests; CI runs that command, not its parts.
    assert {"lint", "test"} <= set(phases("3.11"))


def test_the_other_pythons_compare_with_the_reference_book_and_colab_s_runs_colab():
    assert set(phases("3.13")) == {"unit", "same-numbers"}
    assert set(phases("3.12")) == {"unit", "same-numbers", "test-colab"}


def test_every_phase_is_a_make_target():
    # make's database of rules, printed without running any (-q asks for ":", no target).
    database = make("--print-data-base", "--question", "--no-builtin-rules", ":", check=False)
    targets = set(re.findall(r"^([\w.-]+):", database, re.MULTILINE))
    assert {*phases("3.11"), *phases("3.12")} <= targets
