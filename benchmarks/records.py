"""Each benchmark's --json output: its figures as JSON, so runs can be compared over time."""

import json
from pathlib import Path


def write_json(path, figures) -> None:
    """Write figures (a list of records, or one record) to path, creating its folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(figures, handle, indent=2)
        handle.write("\n")
