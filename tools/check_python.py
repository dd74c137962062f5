"""Stop `make` before it installs anything when this Python cannot run the book.

Prints one line and exits 1 for a Python the book cannot use; prints nothing otherwise.
Written to run on any Python, old ones included, so that it can say what is wrong.
"""

import sys

version = tuple(sys.version_info[:2])
# Percent formatting, as f-strings are a syntax error on the old Pythons this must name.
found = "Python %d.%d found (%s)" % (version[0], version[1], sys.executable)  # noqa: UP031
choose = "Choose one with PYTHON=, e.g. make book PYTHON=python3.11"
if not (3, 8) <= version <= (3, 11):
    sys.exit(
        found + ", but this book needs Python 3.8 to 3.11: MXNet 1.9.1 and numpy<1.24 publish "
        "no wheels for 3.12 and later. " + choose
    )
if version != (3, 11):
    sys.exit(
        found + ": MXNet runs on it, but the exact versions in requirements.txt were tested "
        "together on Python 3.11 and some (IPython 9, sphinx-book-theme 1.3) need it. " + choose
    )
