"""What the tests of tools/ share: tools/make_student_edition.py, loaded as a module."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "make_student_edition.py"


@pytest.fixture(scope="module")
def edition():
    spec = importlib.util.spec_from_file_location("make_student_edition", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
