"""tools/print_book.py on bad arguments: it names the argument, and writes nothing.

Printing itself needs the built book and Chromium: tests/browser/test_book_pdf.py reads the
PDFs that `make pdf` printed.
"""

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "tools" / "print_book.py"


def run_script(*args):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=REPOSITORY
    )


def test_an_output_that_is_a_file_is_refused_and_kept(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    result = run_script("--output", str(notes), "--book", str(tmp_path))
    assert result.returncode == 2, result
    assert "--output" in result.stderr and "is a file" in result.stderr, result.stderr
    assert notes.read_text() == "mine\n"


def test_a_folder_without_the_one_page_book_is_named(tmp_path):
    output = tmp_path / "pdf"
    result = run_script("--book", str(tmp_path), "--output", str(output))
    assert result.returncode == 1, result
    assert "--book" in result.stderr and str(tmp_path / "intro.html") in result.stderr
    assert "singlehtml" in result.stderr, result.stderr
    assert not output.exists(), "nothing is written before the book is found"
