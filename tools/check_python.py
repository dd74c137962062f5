"""Stop `make` before it installs anything when this Python cannot run the book.

    python tools/check_python.py            # one line and exit 1 for an unsupported Python
    python tools/check_python.py --list     # the supported versions, the reference first

The supported Pythons are those of supported-pythons.txt. Prints nothing for one of them.
Written to run on any Python, old ones included, so that it can say what is wrong.
"""

import os
import re
import sys

LISTING = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "supported-pythons.txt")
VERSION = re.compile(r'python_version\s*==\s*"(\d+)\.(\d+)"')


def supported():
    """The (major, minor) versions of supported-pythons.txt, in its order."""
    with open(LISTING) as handle:
        lines = [line for line in handle if not line.lstrip().startswith("#")]
    return [tuple(int(part) for part in m.groups()) for m in map(VERSION.search, lines) if m]


def names(versions):
    return ["%d.%d" % version for version in versions]  # noqa: UP031 (old Pythons read this)


def main(argv):
    versions = supported()
    if argv[1:] == ["--list"]:
        print(" ".join(names(versions)))
        return 0
    version = tuple(sys.version_info[:2])
    if version not in versions:
        return (
            "Python %d.%d found (%s), but this book is tested on Python %s only "  # noqa: UP031
            "(supported-pythons.txt). Name one with PYTHON=, e.g. make book PYTHON=python%s"
            % (version + (sys.executable, ", ".join(names(versions)), names(versions)[-1]))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
