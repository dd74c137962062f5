"""The kernels' user ids: one per grading thread, never shared with another grader running
at the same time (which would take the other's processes for its own)."""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from grading._unprivileged import FIRST_UID, open_to_others, unprivileged_ids

REPOSITORY = Path(__file__).resolve().parents[2]
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="only a root grader claims user ids")
HOLD = (
    "import time\nfrom grading._unprivileged import unprivileged_ids\n"
    "print(unprivileged_ids()[0], flush=True)\ntime.sleep(5)"
)


@as_root
def test_two_graders_at_once_hold_different_user_ids():
    graders = [
        subprocess.Popen(
            [sys.executable, "-c", HOLD], stdout=subprocess.PIPE, text=True, cwd=REPOSITORY
        )
        for _ in range(2)
    ]
    try:
        ids = [int(grader.stdout.readline()) for grader in graders]
    finally:
        for grader in graders:
            grader.kill()
            grader.wait()
    assert len(set(ids)) == 2 and min(ids) >= FIRST_UID, ids


@as_root
def test_each_thread_keeps_an_id_of_its_own():
    ids = []
    threads = [threading.Thread(target=lambda: ids.append(unprivileged_ids())) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({uid for uid, _ in ids}) == 3, ids
    assert unprivileged_ids() == unprivileged_ids()


def test_a_folder_is_open_to_others_only_if_its_whole_path_is():
    # In the temporary folder, which every user may enter (pytest's own is closed).
    outer = Path(tempfile.mkdtemp(prefix="open-to-others-"))
    try:
        inner = outer / "inner"
        inner.mkdir()
        os.chmod(inner, 0o755)
        os.chmod(outer, 0o755)
        assert open_to_others(inner)
        os.chmod(outer, 0o750)
        assert not open_to_others(inner)
    finally:
        shutil.rmtree(outer)
