"""Stop the build when a package a workaround in `_ext` patches is not the version it was
written for: the workaround may then patch code that moved, or a bug that was fixed.

Each workaround names the upstream issue it works around at its top, and calls
`require_versions(__name__, {"package": "version"})` from its setup().
"""

from __future__ import annotations

from importlib.metadata import version

from sphinx.errors import ExtensionError


def require_versions(module: str, written_for: dict[str, str]) -> None:
    for package, expected in written_for.items():
        installed = version(package)
        if installed != expected:
            raise ExtensionError(
                f"_ext/{module}.py works around {package} {expected}, but {package} "
                f"{installed} is installed. See whether the upstream issue named at the top "
                f"of _ext/{module}.py is fixed in {installed}: if it is, delete the module; "
                "if not, check that the workaround still applies and update its versions."
            )
