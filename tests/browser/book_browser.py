"""Which Chromium the browser tests drive, and what to do when there is none."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: run `make book` (it installs requirements.txt)"
    if not Path(CHROMIUM).exists():
        return (
            f"No Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
            "(Debian/Ubuntu), or set CHROMIUM to a Chromium executable"
        )
    return None
