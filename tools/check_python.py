"""Stop `make` before it installs anything when this Python cannot run the book.

Prints one line and exits 1 for a Python the book was not tested on; prints nothing
otherwise. Written to run on any Python, old ones included, so that it can say what is wrong.
"""

import sys

# The Pythons requirements.txt pins exact versions for, each tested with the whole book.
SUPPORTED = ((3, 11), (3, 12), (3, 13))

version = tuple(sys.version_info[:2])
if version not in SUPPORTED:
    names = ", ".join("%d.%d" % v for v in SUPPORTED)  # noqa: UP031 (old Pythons read this)
    sys.exit(
        "Python %d.%d found (%s), but this book is tested on Python %s only. "  # noqa: UP031
        "Name one with PYTHON=, e.g. make book PYTHON=python3.12"
        % (version + (sys.executable, names))
    )
