"""Each workaround in _ext names the versions it was written for; they are the pinned ones,
so that a pin changed in requirements.txt points at the workarounds to review before a build
stops on them."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def pins() -> dict[str, str]:
    found = {}
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, separator, version = line.partition("==")
        if separator:
            found[name.strip().lower()] = version.strip()
    return found


def written_for(module: Path) -> dict[str, str]:
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "WRITTEN_FOR":
            return ast.literal_eval(node.value)
    return {}


# Every module in _ext but the helper that checks the versions is a workaround.
WORKAROUNDS = sorted(path for path in (REPO / "_ext").glob("*.py") if path.stem != "pinned_version")


@pytest.mark.parametrize("module", WORKAROUNDS, ids=lambda path: path.stem)
def test_workaround_is_written_for_the_pinned_versions(module):
    versions = written_for(module)
    assert versions, f"{module.name}: no WRITTEN_FOR versions"
    pinned = pins()
    for package, version in versions.items():
        assert pinned.get(package) == version, (
            f"{module.name} was written for {package} {version}; requirements.txt pins "
            f"{pinned.get(package)}: review the workaround against the upstream issue it names"
        )
