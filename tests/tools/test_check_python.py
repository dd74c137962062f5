"""supported-pythons.txt names the supported Pythons once: tools/check_python.py and the
Makefile read it, and the copies that cannot read it (the README's table, mxnet_compat's
error message, pyproject's requires-python, Binder's runtime.txt) agree with it.

The listing is parsed here with `packaging`, as pip reads it, not with check_python's regex.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

import mxnet_compat

REPOSITORY = Path(__file__).resolve().parents[2]
CHECK = REPOSITORY / "tools" / "check_python.py"


def listed() -> dict[str, str]:
    """{Python version: NumPy version}, in the file's order, as pip reads each line."""
    found = {}
    for line in (REPOSITORY / "supported-pythons.txt").read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        requirement = Requirement(line)
        assert requirement.name == "numpy" and str(requirement.specifier).startswith("==")
        python = re.fullmatch(r'python_version == "(\d+\.\d+)"', str(requirement.marker))[1]
        found[python] = str(requirement.specifier)[2:]
    return found


def run_check(python, *args, check=CHECK):
    return subprocess.run([python, str(check), *args], capture_output=True, text=True)


def test_the_listing_names_three_pythons_each_with_an_exact_numpy():
    assert len(listed()) == 3


def test_check_python_lists_them_in_order():
    assert run_check(sys.executable, "--list").stdout.split() == list(listed())


def test_this_python_passes_silently():
    done = run_check(sys.executable)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_an_unlisted_python_is_stopped_with_one_line_naming_the_listed_ones(tmp_path):
    # The same check, run by this Python, with a listing that leaves this Python out.
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "check_python.py").write_text(CHECK.read_text(encoding="utf-8"))
    (tmp_path / "supported-pythons.txt").write_text('numpy==1.0; python_version == "2.9"\n')
    done = run_check(sys.executable, check=tmp_path / "tools" / "check_python.py")
    assert done.returncode == 1
    this = "%d.%d" % sys.version_info[:2]  # noqa: UP031
    assert done.stderr.count("\n") == 1
    assert f"Python {this} found" in done.stderr and "tested on Python 2.9 only" in done.stderr


def test_the_makefile_reads_the_same_pythons():
    done = subprocess.run(
        ["make", "--silent", "--no-print-directory", "ci-pythons"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    )
    reference, *others = listed()
    expected = f"reference={reference}\nothers=[{','.join(f'{v!r}' for v in others)}]\n"
    assert done.stdout == expected.replace("'", '"')


def test_the_readme_table_matches():
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d+\.\d+) \| ([\d.]+) \|", readme, re.MULTILINE))
    assert rows == listed()


def test_mxnet_compat_names_the_same_tested_versions():
    assert mxnet_compat.TESTED_NUMPY == listed()


def test_pyproject_admits_exactly_these_pythons():
    pyproject = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    admitted = SpecifierSet(pyproject["project"]["requires-python"])
    versions = [tuple(map(int, v.split("."))) for v in listed()]
    for major, minor in versions:
        assert f"{major}.{minor}.0" in admitted
    (low_major, low_minor), (high_major, high_minor) = min(versions), max(versions)
    assert f"{low_major}.{low_minor - 1}.99" not in admitted
    assert f"{high_major}.{high_minor + 1}.0" not in admitted


def test_binder_runs_the_reference_python():
    reference = next(iter(listed()))
    assert (REPOSITORY / "runtime.txt").read_text(encoding="utf-8").strip() == f"python-{reference}"
