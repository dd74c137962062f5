"""Whether the grader can run kernels here: as root it runs them as an unprivileged user, who
needs a Python to run (this environment's, or the system's of the same version). Where there
is none, for example a Python installed in root's home folder with no system Python of that
version beside it, the tests that grade real notebooks are skipped with the grader's reason."""

import pytest

from grading._unprivileged import SandboxError, interpreter, unprivileged_ids


def reason_not_to_grade() -> str | None:
    try:
        interpreter(unprivileged_ids())
    except SandboxError as error:
        return str(error)
    return None


needs_a_python_for_kernels = pytest.mark.skipif(
    reason_not_to_grade() is not None, reason=str(reason_not_to_grade())
)
